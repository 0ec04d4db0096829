package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jingchain.cli.CliRun.Result;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.store.S3ShardStore;
import org.jingchain.sdk.store.ShardStore.ShardId;
import org.jingchain.types.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Storage nodes whose shards live in an S3-compatible cluster: s3proxy on 127.0.0.1, a real S3
 * endpoint (docs/storage.md). The S3 shard store keeps, reads from an offset, lists and deletes
 * shards, large ones by multipart upload; six storage-node processes on six buckets take a put,
 * give the file back with two of them killed, and answer an audit from leaves read back from S3.
 */
class StoreS3IT {
  @TempDir Path dir;

  static S3Client client(S3Proxy s3) {
    return S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .endpointOverride(s3.endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3Proxy.ACCESS_KEY, S3Proxy.SECRET_KEY)))
        .build();
  }

  S3ShardStore.Config config(S3Proxy s3, String bucket) {
    return new S3ShardStore.Config(
        s3.endpoint, "us-east-1", bucket, "jing/", S3Proxy.ACCESS_KEY, S3Proxy.SECRET_KEY);
  }

  @Test
  void theShardStoreKeepsReadsListsAndDeletesShardsInABucket() throws Exception {
    try (S3Proxy s3 = S3Proxy.start(dir);
        S3Client c = client(s3)) {
      c.createBucket(r -> r.bucket("contract"));
      try (S3ShardStore store = new S3ShardStore(config(s3, "contract"), dir.resolve("staging"))) {
        Hash object = Hash.fromHex("ab".repeat(32));
        ShardId small = new ShardId(object, 3);
        byte[] bytes = new byte[100_000];
        new SplittableRandom(1).nextBytes(bytes);
        store.append(small, bytes, 0, 60_000);
        store.append(small, bytes, 60_000, 40_000);
        assertThat(store.partLength(small)).isEqualTo(100_000);
        assertThat(store.has(small)).isFalse();
        store.commit(small, new byte[] {1, 2, 3});
        assertThat(store.has(small)).isTrue();
        assertThat(store.partLength(small)).isZero();
        assertThat(store.length(small)).isEqualTo(100_000);
        assertThat(store.leafHashes(small)).containsExactly(1, 2, 3);
        try (InputStream in = store.open(small, 99_000)) {
          assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 99_000, 100_000));
        }
        // a shard above the single-PUT limit goes up in parts and reads back whole
        ShardId big = new ShardId(object, 4);
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < 70; i++) {
          chunk[0] = (byte) i;
          store.append(big, chunk, 0, chunk.length);
        }
        store.commit(big, new byte[0]);
        assertThat(store.length(big)).isEqualTo(70L << 20);
        try (InputStream in = store.open(big, 69L << 20)) {
          byte[] last = in.readAllBytes();
          assertThat(last).hasSize(1 << 20);
          assertThat(last[0]).isEqualTo((byte) 69);
        }
        assertThat(store.list()).containsExactly(small, big);
        store.delete(small);
        assertThat(store.has(small)).isFalse();
        assertThat(store.list()).containsExactly(big);
      }
    }
  }

  @Test
  void storageNodesOnS3TakeAPutSurviveTwoKilledAndAnswerAnAudit() throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "correct horse battery staple");
    try (S3Proxy s3 = S3Proxy.start(dir);
        S3Client c = client(s3);
        NodeProcess node =
            NodeProcess.start(
                dir.resolve("chain"),
                NodeProcess.freePort(),
                Map.of(),
                List.of("--password-file", pw.toString()))) {
      JingClient chain = node.awaitReady();
      List<String> common = List.of("--api=" + node.url);
      Path alice = dir.resolve("alice.key");
      assertThat(
              CliRun.run(
                      List.of(
                          "keys",
                          "new",
                          "--suite",
                          "intl",
                          "--out",
                          alice.toString(),
                          "--password-file",
                          pw.toString()))
                  .exit())
          .isZero();
      int firstPort = NodeProcess.freePortRun(6);
      NodeProcess[] nodes = new NodeProcess[6];
      Map<String, String> env =
          Map.of(
              "AWS_ACCESS_KEY_ID", S3Proxy.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3Proxy.SECRET_KEY);
      try {
        for (int i = 1; i <= 6; i++) {
          String bucket = "store-sn" + i;
          c.createBucket(b -> b.bucket(bucket));
          Path key = dir.resolve("sn" + i + ".key");
          assertThat(
                  CliRun.run(
                          List.of(
                              "keys",
                              "new",
                              "--suite",
                              "intl",
                              "--out",
                              key.toString(),
                              "--password-file",
                              pw.toString()))
                      .exit())
              .isZero();
          nodes[i - 1] = start(i, firstPort + i - 1, key, pw, node.url, s3, bucket, env);
        }
        awaitNodes(chain, 6, firstPort, nodes);
        byte[] content = new byte[3 * 1024 * 1024 + 777];
        new SplittableRandom(9).nextBytes(content);
        Path file = dir.resolve("sensor.bin");
        Files.write(file, content);
        List<String> put =
            new ArrayList<>(
                List.of(
                    "store",
                    "put",
                    file.toString(),
                    "--coding",
                    "4+2",
                    "--key",
                    alice.toString(),
                    "--password-file",
                    pw.toString(),
                    "--json"));
        put.addAll(common);
        Result r = CliRun.run(put);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        JsonNode o = r.json();
        String id = o.get("id").asText();
        for (JsonNode s : o.get("shards")) {
          String bucket = "store-" + s.get("node").asText();
          // the shard and its leaf hashes are objects in the node's bucket, not files under --dir
          var keys =
              c
                  .listObjectsV2(l -> l.bucket(bucket).prefix("jing/shards/" + id + "/"))
                  .contents()
                  .stream()
                  .map(x -> x.key())
                  .toList();
          assertThat(keys)
              .contains(
                  "jing/shards/" + id + "/" + s.get("index").asInt(),
                  "jing/shards/" + id + "/" + s.get("index").asInt() + ".leaves");
          assertThat(dir.resolve(s.get("node").asText()).resolve("shards").resolve(id))
              .doesNotExist();
        }
        int a = Integer.parseInt(o.at("/shards/0/node").asText().substring(2));
        int b = Integer.parseInt(o.at("/shards/1/node").asText().substring(2));
        nodes[a - 1].kill();
        nodes[b - 1].kill();
        Path back = dir.resolve("back.bin");
        List<String> get =
            new ArrayList<>(
                List.of(
                    "store",
                    "get",
                    id,
                    "-o",
                    back.toString(),
                    "--key",
                    alice.toString(),
                    "--password-file",
                    pw.toString()));
        get.addAll(common);
        Result g = CliRun.run(get);
        assertThat(g.exit()).as(g.out() + g.err()).isZero();
        assertThat(Files.readAllBytes(back)).isEqualTo(content);
        nodes[a - 1] =
            start(
                a,
                firstPort + a - 1,
                dir.resolve("sn" + a + ".key"),
                pw,
                node.url,
                s3,
                "store-sn" + a,
                env);
        nodes[b - 1] =
            start(
                b,
                firstPort + b - 1,
                dir.resolve("sn" + b + ".key"),
                pw,
                node.url,
                s3,
                "store-sn" + b,
                env);
        awaitNodes(chain, 6, firstPort, nodes);
        List<String> audit =
            new ArrayList<>(
                List.of(
                    "store",
                    "audit",
                    id,
                    "--key",
                    alice.toString(),
                    "--password-file",
                    pw.toString()));
        audit.addAll(common);
        Result au = CliRun.run(audit);
        assertThat(au.exit()).as(au.out() + au.err()).isZero();
        assertThat(au.out()).contains("6 of 6 shards healthy");
      } finally {
        for (NodeProcess p : nodes) {
          if (p != null) {
            p.close();
          }
        }
      }
    }
  }

  NodeProcess start(
      int i,
      int port,
      Path key,
      Path pw,
      String api,
      S3Proxy s3,
      String bucket,
      Map<String, String> env)
      throws Exception {
    return NodeProcess.jing(
        dir.resolve("sn" + i + ".log"),
        List.of(
            "storage-node",
            "--id",
            "sn" + i,
            "--port",
            Integer.toString(port),
            "--dir",
            dir.resolve("sn" + i).toString(),
            "--key",
            key.toString(),
            "--password-file",
            pw.toString(),
            "--api",
            api,
            "--no-audit-rounds",
            "--s3-endpoint",
            s3.endpoint.toString(),
            "--s3-bucket",
            bucket,
            "--s3-prefix",
            "jing"),
        env);
  }

  static void awaitNodes(JingClient chain, int n, int firstPort, NodeProcess[] nodes)
      throws Exception {
    StoreIT.awaitStorageNodes(chain, n, firstPort, nodes);
  }
}
