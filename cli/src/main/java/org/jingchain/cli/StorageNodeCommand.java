package org.jingchain.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.BearerTokens;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.model.NodeStatus;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.sdk.store.LocalShardStore;
import org.jingchain.sdk.store.StorageNodeServer;
import org.jingchain.sdk.store.StoreChain;
import org.jingchain.store.StoreCalls;
import org.jingchain.store.StoreService.NodeView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jing storage-node}: a storage node — registers itself on chain if it is not yet, then
 * keeps and serves the shards placed on it (docs/spec/storage.md section 4).
 */
@Command(
    name = "storage-node",
    description = {
      "Run a storage node: registers --id on chain with --key as its operator (once; the key's",
      "organisation is its failure domain), then accepts the shards the chain places on it from",
      "their owners, checks each against its root, confirms it on chain, and serves it. Keeps",
      "shards under --dir. Runs in the foreground; one log line per request."
    })
final class StorageNodeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--id", required = true, description = "The node's id: a-z, 0-9 and -, up to 32.")
  String id;

  @Option(names = "--dir", required = true, description = "Directory the shards are kept in.")
  Path dir;

  @Option(names = "--key", required = true, description = "The operator's key file.")
  Path key;

  @Option(
      names = "--password-file",
      description = "File holding the key's password (else env JING_KEY_PASSWORD or a prompt).")
  Path passwordFile;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8700",
      description = "Port to listen on (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--endpoint",
      description =
          "The URL clients reach it at, recorded on chain (default http://<host>:<port>).")
  String endpoint;

  @Option(
      names = "--zone",
      defaultValue = "",
      description = "Failure zone within the organisation (a rack, a site), recorded on chain.")
  String zone;

  @Option(
      names = "--capacity",
      defaultValue = "100GiB",
      description = "Space offered for shards (default ${DEFAULT-VALUE}).")
  String capacity;

  @Option(
      names = "--api",
      defaultValue = "${env:JING_API:-http://127.0.0.1:8645}",
      converter = NodeUrl.class,
      description = "Node API base URL (env JING_API; default ${DEFAULT-VALUE}).")
  String api;

  @Option(
      names = "--s3-bucket",
      description =
          "Keep shards in this bucket of an S3-compatible cluster instead of under --dir (which"
              + " then holds only shards being received); credentials from env AWS_ACCESS_KEY_ID"
              + " and AWS_SECRET_ACCESS_KEY.")
  String s3Bucket;

  @Option(
      names = "--s3-endpoint",
      description = "The cluster's S3 URL (Ceph RGW, MinIO, SeaweedFS…; default: AWS).")
  java.net.URI s3Endpoint;

  @Option(
      names = "--s3-region",
      defaultValue = "us-east-1",
      description = "Region (default ${DEFAULT-VALUE}).")
  String s3Region;

  @Option(names = "--s3-prefix", defaultValue = "", description = "Key prefix within the bucket.")
  String s3Prefix;

  @Option(
      names = "--audit-rounds",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Open the chain's audit rounds when they are due (default on; --no-audit-rounds leaves"
              + " that to other nodes). Challenges to this node are answered either way.")
  boolean auditRounds;

  @Option(
      names = "--max-concurrent",
      defaultValue = "64",
      description = "Requests handled at once; more are answered 503 (default ${DEFAULT-VALUE}).")
  int maxConcurrent;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (!StoreCalls.NODE_ID.matcher(id).matches()) {
      throw new CliException("--id is 1 to 32 of a-z, 0-9 and -, starting with a letter or digit");
    }
    if (maxConcurrent < 1 || port < 0 || port > 65_535) {
      throw new CliException("--max-concurrent must be >= 1 and --port 0..65535");
    }
    long bytes = Sizes.parse(capacity, "--capacity");
    KeyPair k = Keys.load(key, passwordFile);
    JingClient plain = new JingClient(api);
    NodeStatus status = plain.status();
    // a chain whose reads are for members: the storage node reads as its operator
    JingClient client = plain.withToken(BearerTokens.of(k, plain));
    if (!k.publicKey().suite().label().equals(status.suite())) {
      throw new CliException(
          "the key is a " + k.publicKey().suite() + " key but the chain uses " + status.suite());
    }
    StoreChain chain = new StoreChain(client, status.chainId(), Clock.systemUTC());
    StorageNodeServer server;
    try {
      server =
          StorageNodeServer.start(
              new StorageNodeServer.Config(
                  id,
                  new InetSocketAddress(host, port),
                  maxConcurrent,
                  dir.resolve("work"),
                  auditRounds),
              chain,
              k.suite(),
              k,
              shardStore(),
              Clock.systemUTC(),
              line -> {
                synchronized (out) {
                  out.println(line);
                  out.flush();
                }
              });
    } catch (IOException e) {
      throw new CliException("cannot start the storage node: " + e.getMessage());
    }
    String url = endpoint != null ? endpoint : "http://" + host + ":" + server.address().getPort();
    try {
      register(chain, k, url, bytes, out);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    out.println(
        "storage-node "
            + id
            + ": serving shards at "
            + url
            + " from "
            + (s3Bucket == null
                ? dir.toAbsolutePath().toString()
                : "bucket " + s3Bucket + (s3Endpoint == null ? "" : " at " + s3Endpoint))
            + " (chain "
            + status.chainId()
            + ", operator "
            + k.address()
            + ")");
    out.flush();
    stopped.await();
    return 0;
  }

  private org.jingchain.sdk.store.ShardStore shardStore() throws IOException {
    if (s3Bucket == null) {
      return new LocalShardStore(dir);
    }
    String key = System.getenv("AWS_ACCESS_KEY_ID");
    String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
    if (key == null || secret == null) {
      throw new CliException("--s3-bucket needs env AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
    }
    return new org.jingchain.sdk.store.S3ShardStore(
        new org.jingchain.sdk.store.S3ShardStore.Config(
            s3Endpoint, s3Region, s3Bucket, s3Prefix, key, secret),
        dir.resolve("staging"));
  }

  /**
   * Registers the node, or brings its endpoint and capacity up to date; refuses a node of another
   * operator.
   */
  private void register(StoreChain chain, KeyPair k, String url, long bytes, PrintWriter out) {
    Optional<NodeView> existing;
    try {
      existing =
          chain.client().storeNodes().nodes().stream().filter(n -> n.id().equals(id)).findFirst();
    } catch (JingApiException e) {
      throw new CliException("cannot read the storage nodes: " + e.getMessage());
    }
    TxStatus t;
    if (existing.isEmpty()) {
      t = chain.send(k, StoreCalls.registerNode(id, url, zone, bytes), Duration.ofSeconds(60));
    } else if (!existing.get().operator().equals(k.address().toString())) {
      throw new CliException(
          "storage node "
              + id
              + " is registered to "
              + existing.get().operator()
              + ", not to this key");
    } else if (!existing.get().endpoint().equals(url) || existing.get().capacity() != bytes) {
      t = chain.send(k, StoreCalls.updateNode(id, url, bytes), Duration.ofSeconds(60));
    } else {
      return;
    }
    if (!t.receipt().succeeded()) {
      throw new CliException(
          "registering storage node "
              + id
              + " was refused: "
              + t.receipt().code()
              + " "
              + t.receipt().message());
    }
    out.println("storage-node " + id + ": registered at height " + t.height());
  }
}
