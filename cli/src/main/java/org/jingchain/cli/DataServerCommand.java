package org.jingchain.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jingchain.crypto.KeyPair;
import org.jingchain.light.LightClient;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.LightClients;
import org.jingchain.sdk.datadir.AccessSigner;
import org.jingchain.sdk.datadir.AccessTokens;
import org.jingchain.sdk.datadir.AssetFiles;
import org.jingchain.sdk.datadir.DataServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jing dataserver}: serves a directory's files to holders of access tokens and grants,
 * recording every access on chain first (docs/spec/datadir-access.md).
 */
@Command(
    name = "dataserver",
    description = {
      "Serve data assets: GET /assets/{id} with 'Authorization: Bearer <access token>'.",
      "Checks the token and the grant on chain (certified reads, checked against the validators",
      "of --genesis), records the access with --key as --did (the owner or a delegate), waits for",
      "it to commit, then sends the file. Runs in the foreground; one log line per request.",
      "See docs/spec/datadir-access.md."
    })
final class DataServerCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--dir", required = true, description = "Directory whose files are served.")
  Path dir;

  @Option(
      names = "--assets",
      required = true,
      description =
          "JSON object: asset id -> file path relative to --dir, or \"store:<object id>\" for an"
              + " object of the trusted store (fetched with --key, which must open it).")
  Path assets;

  @Option(
      names = "--id",
      required = true,
      description = "This server's id, the audience tokens must name (its URL or DID).")
  String id;

  @Option(
      names = "--genesis",
      required = true,
      description = "The chain's genesis.json: the validators whose certificates are trusted.")
  Path genesis;

  @Option(names = "--key", required = true, description = "Key file that records accesses.")
  Path key;

  @Option(
      names = "--password-file",
      description = "File holding the key's password (else env JING_KEY_PASSWORD or a prompt).")
  Path passwordFile;

  @Option(
      names = "--did",
      required = true,
      description = "The DID that records accesses: the assets' owner or a delegate; --key is one")
  String did;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8650",
      description = "Port to listen on (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--api",
      defaultValue = "${env:JING_API:-http://127.0.0.1:8645}",
      converter = NodeUrl.class,
      description = "Node API base URL (env JING_API; default ${DEFAULT-VALUE}).")
  String api;

  @Option(
      names = "--max-concurrent",
      defaultValue = "64",
      description = "Requests handled at once; more are answered 503 (default ${DEFAULT-VALUE}).")
  int maxConcurrent;

  /**
   * The node's API, read as the data server's owner: on a chain whose reads are for members its
   * key's tokens let it read grants and the store.
   */
  private JingClient readingAs(KeyPair k) {
    JingClient plain = new JingClient(api);
    return plain.withToken(org.jingchain.sdk.BearerTokens.of(k, plain));
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (maxConcurrent < 1 || port < 0 || port > 65_535) {
      throw new CliException("--max-concurrent must be >= 1 and --port 0..65535");
    }
    DataServer.Limits limits = DataServer.Limits.DEFAULT.withMaxConcurrent(maxConcurrent);
    AssetFiles files = assetFiles(dir, assets);
    LightClient light;
    try {
      light = LightClients.fromGenesis(genesis);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
    KeyPair k = Keys.load(key, passwordFile);
    if (!files.stored().isEmpty()) {
      // assets held in the trusted store: fetched once with --key (their owner's key opens
      // sealed objects), checked against their roots, kept in a cache beside the files
      JingClient c = readingAs(k);
      var client =
          new org.jingchain.sdk.store.StoreClient(
              new org.jingchain.sdk.store.StoreChain(
                  c, light.chainId(), java.time.Clock.systemUTC()),
              k.suite(),
              k,
              java.time.Clock.systemUTC());
      files =
          files.withStore(
              new org.jingchain.sdk.store.StoreCache(client, dir.resolve(".jing-store-cache")));
    }
    DataServer.limitJdkServer(limits);
    DataServer server;
    try {
      server =
          DataServer.startOnChain(
              id,
              did,
              new InetSocketAddress(host, port),
              limits,
              files,
              readingAs(k),
              light,
              k,
              line -> {
                synchronized (out) {
                  out.println(line);
                  out.flush();
                }
              });
    } catch (IllegalArgumentException | IOException e) {
      throw new CliException("cannot start the data server: " + e.getMessage());
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
        "dataserver "
            + id
            + ": "
            + (files.mapped().size() + files.stored().size())
            + " assets from "
            + files.directory()
            + " at "
            + server.uri()
            + "/assets/{id} (chain "
            + light.chainId()
            + ", recording as "
            + did
            + ", node "
            + api
            + ")");
    out.flush();
    stopped.await();
    return 0;
  }

  static AssetFiles assetFiles(Path dir, Path map) {
    try {
      return AssetFiles.load(dir, map);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    } catch (IOException e) {
      throw new CliException("cannot read " + map + " or " + dir + ": " + e.getMessage());
    }
  }

  /** {@code jing data token}: an access token for one asset on one data server, on one line. */
  @Command(
      name = "token",
      description = {
        "Print an access token: a short-lived capability, signed with an authentication key of",
        "--did, to be served --asset once by the data server --audience (curl -H 'Authorization:",
        "Bearer <token>' <server>/assets/<id>). See docs/spec/datadir-access.md."
      })
  static final class DataTokenCommand implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--asset", required = true, description = "Asset id.")
    String asset;

    @Option(
        names = "--grant",
        defaultValue = "0",
        description = "Grant id; 0 for a public or group asset (default ${DEFAULT-VALUE}).")
    long grant;

    @Option(
        names = "--audience",
        required = true,
        description = "The data server's id (its --id: URL or DID).")
    String audience;

    @Option(names = "--key", required = true, description = "Key file of --did's key.")
    Path key;

    @Option(
        names = "--password-file",
        description = "File holding the key's password (else env JING_KEY_PASSWORD or a prompt).")
    Path passwordFile;

    @Option(names = "--did", required = true, description = "The requester's DID.")
    String did;

    @Option(
        names = "--key-id",
        defaultValue = "key-1",
        description = "Id of --key among --did's authentication keys (default ${DEFAULT-VALUE}).")
    String keyId;

    @Option(
        names = "--ttl",
        defaultValue = "300",
        description = "Seconds the token is valid, 1..300 (default ${DEFAULT-VALUE}).")
    long ttlSeconds;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Option(names = "--chain", description = "Chain id (else asked of the node at --api).")
    String chainId;

    @Option(
        names = "--api",
        defaultValue = "${env:JING_API:-http://127.0.0.1:8645}",
        converter = NodeUrl.class,
        description =
            "Node API base URL, for the chain id (env JING_API; default ${DEFAULT-VALUE}).")
    String api;

    @Override
    public Integer call() {
      if (ttlSeconds < 1 || ttlSeconds > AccessTokens.MAX_LIFETIME.toSeconds()) {
        throw new CliException("--ttl must be 1..300 seconds");
      }
      KeyPair k = Keys.load(key, passwordFile);
      String chain = chainId != null ? chainId : new JingClient(api).status().chainId();
      try {
        String token =
            AccessTokens.issue(
                AccessSigner.of(k, did + "#" + keyId),
                asset,
                grant,
                audience,
                chain,
                Instant.now(),
                Duration.ofSeconds(ttlSeconds));
        spec.commandLine()
            .getOut()
            .println(
                json
                    ? ApiOptions.JSON
                        .createObjectNode()
                        .put("token", token)
                        .put("asset", asset)
                        .put("audience", audience)
                        .put("expiresInSeconds", ttlSeconds)
                        .toPrettyString()
                    : token);
        return 0;
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      }
    }
  }
}
