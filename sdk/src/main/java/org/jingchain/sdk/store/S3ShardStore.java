package org.jingchain.sdk.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jingchain.types.Hash;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Shards in an S3-compatible cluster the organisation already runs (Ceph RGW, MinIO, SeaweedFS, a
 * cloud's S3), through the AWS SDK v2 over the JDK's HTTP client: a kept shard is the object {@code
 * <prefix>shards/<object id>/<index>} and its leaf hashes {@code …/<index>.leaves}. Parts arrive on
 * local disk ({@code staging}) and go to the bucket once checked — S3 has no append — in one
 * request up to {@link #SINGLE_PUT_MAX}, in a multipart upload of {@link #PART} parts beyond.
 * Capacity then grows with the cluster, not with the node's disk.
 */
public final class S3ShardStore implements ShardStore {
  /** Shards up to this size go up in one PUT. */
  static final long SINGLE_PUT_MAX = 64L << 20;

  /** The part size of multipart uploads. */
  static final int PART = 32 << 20;

  /** Where the bucket is and how to reach it; credentials are an access key and secret. */
  public record Config(
      URI endpoint,
      String region,
      String bucket,
      String prefix,
      String accessKey,
      String secretKey) {
    public Config {
      if (bucket == null || bucket.isBlank()) {
        throw new IllegalArgumentException("an S3 bucket is needed");
      }
      prefix = prefix == null ? "" : prefix;
      if (!prefix.isEmpty() && !prefix.endsWith("/")) {
        prefix = prefix + "/";
      }
    }
  }

  private final S3Client s3;
  private final Config config;
  private final LocalShardStore staging;

  public S3ShardStore(Config config, Path staging) throws IOException {
    this.config = config;
    this.staging = new LocalShardStore(staging);
    var b =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.of(config.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKey(), config.secretKey())))
            .forcePathStyle(true)
            // S3-compatible clusters differ in which checksums they know; ask only when needed
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (config.endpoint() != null) {
      b.endpointOverride(config.endpoint());
    }
    this.s3 = b.build();
    try {
      s3.headBucket(r -> r.bucket(config.bucket()));
    } catch (SdkException e) {
      s3.close();
      throw new IOException(
          "cannot reach bucket "
              + config.bucket()
              + " at "
              + config.endpoint()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private String key(ShardId id) {
    return config.prefix() + "shards/" + id.object().toHex() + "/" + id.shard();
  }

  private <T> T call(String what, S3Call<T> c) throws IOException {
    try {
      return c.run();
    } catch (SdkException e) {
      throw new IOException(what + " in bucket " + config.bucket() + ": " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface S3Call<T> {
    T run() throws IOException;
  }

  @Override
  public long partLength(ShardId id) throws IOException {
    return staging.partLength(id);
  }

  @Override
  public void append(ShardId id, byte[] b, int off, int len) throws IOException {
    staging.append(id, b, off, len);
  }

  @Override
  public InputStream openPart(ShardId id) throws IOException {
    return staging.openPart(id);
  }

  @Override
  public void commit(ShardId id, byte[] leafHashes) throws IOException {
    Path part = staging.partPath(id);
    long size = Files.size(part);
    String key = key(id);
    call(
        "storing the leaf hashes of " + id,
        () ->
            s3.putObject(
                r -> r.bucket(config.bucket()).key(key + ".leaves"),
                RequestBody.fromBytes(leafHashes)));
    if (size <= SINGLE_PUT_MAX) {
      call(
          "storing shard " + id,
          () -> s3.putObject(r -> r.bucket(config.bucket()).key(key), RequestBody.fromFile(part)));
    } else {
      multipart(key, part, size);
    }
    staging.discardPart(id);
  }

  private void multipart(String key, Path file, long size) throws IOException {
    String upload =
        call(
            "starting the upload of " + key,
            () -> s3.createMultipartUpload(r -> r.bucket(config.bucket()).key(key)).uploadId());
    try (InputStream in = Files.newInputStream(file)) {
      List<CompletedPart> parts = new ArrayList<>();
      int number = 1;
      for (long at = 0; at < size; at += PART, number++) {
        int len = (int) Math.min(PART, size - at);
        byte[] chunk = in.readNBytes(len);
        int n = number;
        String etag =
            call(
                "uploading part " + n + " of " + key,
                () ->
                    s3.uploadPart(
                            r ->
                                r.bucket(config.bucket())
                                    .key(key)
                                    .uploadId(upload)
                                    .partNumber(n)
                                    .contentLength((long) len),
                            RequestBody.fromBytes(chunk))
                        .eTag());
        parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
      }
      call(
          "completing the upload of " + key,
          () ->
              s3.completeMultipartUpload(
                  r ->
                      r.bucket(config.bucket())
                          .key(key)
                          .uploadId(upload)
                          .multipartUpload(
                              CompletedMultipartUpload.builder().parts(parts).build())));
    } catch (IOException | RuntimeException e) {
      try {
        s3.abortMultipartUpload(r -> r.bucket(config.bucket()).key(key).uploadId(upload));
      } catch (SdkException ignored) {
        // the cluster's own lifecycle rules clear what an abort could not
      }
      throw e;
    }
  }

  @Override
  public byte[] leafHashes(ShardId id) throws IOException {
    return call(
        "reading the leaf hashes of " + id,
        () ->
            s3.getObjectAsBytes(r -> r.bucket(config.bucket()).key(key(id) + ".leaves"))
                .asByteArray());
  }

  @Override
  public void discardPart(ShardId id) throws IOException {
    staging.discardPart(id);
  }

  @Override
  public boolean has(ShardId id) throws IOException {
    return length(id) >= 0;
  }

  /** The kept shard's length, or -1 when the bucket has none. */
  @Override
  public long length(ShardId id) throws IOException {
    try {
      return s3.headObject(r -> r.bucket(config.bucket()).key(key(id))).contentLength();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return -1;
      }
      throw new IOException("looking up shard " + id + ": " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new IOException("looking up shard " + id + ": " + e.getMessage(), e);
    }
  }

  @Override
  public InputStream open(ShardId id, long offset) throws IOException {
    long length = length(id);
    if (length < 0) {
      throw new IOException("no shard " + id + " in bucket " + config.bucket());
    }
    if (offset >= length) {
      return new ByteArrayInputStream(new byte[0]);
    }
    ResponseInputStream<GetObjectResponse> in =
        call(
            "reading shard " + id,
            () ->
                s3.getObject(
                    r -> r.bucket(config.bucket()).key(key(id)).range("bytes=" + offset + "-")));
    return in;
  }

  @Override
  public void delete(ShardId id) throws IOException {
    call(
        "deleting shard " + id, () -> s3.deleteObject(r -> r.bucket(config.bucket()).key(key(id))));
    call(
        "deleting shard " + id,
        () -> s3.deleteObject(r -> r.bucket(config.bucket()).key(key(id) + ".leaves")));
    staging.discardPart(id);
  }

  @Override
  public List<ShardId> list() throws IOException {
    List<ShardId> out = new ArrayList<>();
    String prefix = config.prefix() + "shards/";
    call(
        "listing shards",
        () -> {
          for (S3Object o :
              s3.listObjectsV2Paginator(r -> r.bucket(config.bucket()).prefix(prefix)).contents()) {
            String[] p = o.key().substring(prefix.length()).split("/");
            if (p.length == 2 && p[0].matches("[0-9a-f]{64}") && p[1].matches("\\d{1,3}")) {
              out.add(new ShardId(Hash.fromHex(p[0]), Integer.parseInt(p[1])));
            }
          }
          return null;
        });
    out.sort(java.util.Comparator.comparing(ShardId::toString));
    return out;
  }

  @Override
  public void close() {
    s3.close();
  }
}
