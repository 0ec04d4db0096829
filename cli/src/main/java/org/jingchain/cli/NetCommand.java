package org.jingchain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.EncryptedKeyStore;
import org.jingchain.crypto.KeyPair;
import org.jingchain.gov.GovernanceService;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.model.NodeStatus;
import org.jingchain.service.Genesis;
import org.jingchain.types.SuiteId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jing net}: a local network of validators on this machine, one process each. */
@Command(
    name = "net",
    description = "A local multi-validator network on this machine: init, up, down, status, logs.",
    subcommands = {
      NetCommand.Init.class,
      NetCommand.AddNode.class,
      NetCommand.Up.class,
      NetCommand.Down.class,
      NetCommand.Status.class,
      NetCommand.Logs.class
    })
final class NetCommand {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static Path nodeDir(Path dir, int i) {
    return dir.resolve("node" + i);
  }

  /** The node directories of a network, in index order. */
  static List<Path> nodes(Path dir) {
    List<Path> out = new ArrayList<>();
    for (int i = 0; Files.isDirectory(nodeDir(dir, i)); i++) {
      out.add(nodeDir(dir, i));
    }
    if (out.isEmpty()) {
      throw new CliException("no network in " + dir + " (create one with 'jing net init')");
    }
    return out;
  }

  static Properties config(Path nodeDir) throws IOException {
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(nodeDir.resolve("node.properties"))) {
      p.load(r);
    }
    return p;
  }

  static String apiUrl(Path nodeDir) throws IOException {
    Properties p = config(nodeDir);
    return "http://" + p.getProperty("api.host", "127.0.0.1") + ":" + p.getProperty("api.port");
  }

  static Optional<ProcessHandle> running(Path nodeDir) throws IOException {
    Path pid = nodeDir.resolve("node.pid");
    if (!Files.exists(pid)) {
      return Optional.empty();
    }
    long id = Long.parseLong(Files.readString(pid).strip());
    return ProcessHandle.of(id).filter(ProcessHandle::isAlive);
  }

  /** Nodes selected by --node, or all. */
  static List<Path> selected(Path dir, Integer node) {
    List<Path> all = nodes(dir);
    if (node == null) {
      return all;
    }
    if (node < 0 || node >= all.size()) {
      throw new CliException("--node must be 0.." + (all.size() - 1));
    }
    return List.of(all.get(node));
  }

  @Command(
      name = "init",
      description = {
        "Create a network: per validator an encrypted key, a password file (0600) and a config;",
        "one genesis.json listing the validators. Ports: API base+i, p2p base+i on 127.0.0.1."
      })
  static final class Init implements Callable<Integer> {
    @Option(
        names = "--validators",
        defaultValue = "4",
        description = "How many (1..100; default 4).")
    int validators;

    @Option(names = "--suite", defaultValue = "intl", description = "intl or sm (default intl).")
    String suite;

    @Option(
        names = "--dir",
        defaultValue = "net",
        description = "Directory to create (default net).")
    Path dir;

    @Option(
        names = "--chain-id",
        defaultValue = "jing-net",
        description = "Chain id (default jing-net).")
    String chainId;

    @Option(
        names = "--api-port",
        defaultValue = "8645",
        description = "First API port (default 8645).")
    int apiPort;

    @Option(
        names = "--p2p-port",
        defaultValue = "9645",
        description = "First p2p port (default 9645).")
    int p2pPort;

    @Option(
        names = "--round-timeout-ms",
        defaultValue = "2000",
        description = "Base round timeout written to genesis (default 2000).")
    long roundTimeoutMillis;

    @Option(
        names = "--orgs",
        description = {
          "One organisation per validator (org0, org1, ...), its validator's account its admin:",
          "governance then needs a majority of validators' organisations. Default: one 'genesis'",
          "organisation of all validators."
        })
    boolean orgs;

    @Option(
        names = "--permissions",
        defaultValue = "open",
        description = "open (any signed transaction) or members (default ${DEFAULT-VALUE}).")
    String permissions;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      SuiteId suiteId =
          SuiteId.fromLabel(suite)
              .orElseThrow(() -> new CliException("--suite must be intl or sm"));
      if (validators < 1 || validators > 100) {
        throw new CliException("--validators must be 1..100");
      }
      if (Files.exists(dir) && !isEmptyDirectory(dir)) {
        throw new CliException(dir + " exists and is not empty; choose another --dir or remove it");
      }
      CryptoSuite cs = CryptoSuites.of(suiteId);
      SecureRandom random = new SecureRandom();
      List<KeyPair> keys = new ArrayList<>();
      for (int i = 0; i < validators; i++) {
        keys.add(cs.generateKeyPair(random));
      }
      Path abs = dir.toAbsolutePath().normalize();
      Files.createDirectories(abs);
      if (!permissions.equals("open") && !permissions.equals("members")) {
        throw new CliException("--permissions must be open or members");
      }
      List<Genesis.Organisation> organisations = new ArrayList<>();
      if (orgs) {
        for (int i = 0; i < keys.size(); i++) {
          organisations.add(
              new Genesis.Organisation(
                  "org" + i,
                  "Organisation " + i,
                  List.of(keys.get(i).address().toString()),
                  List.of(keys.get(i).publicKey().toString()),
                  List.of()));
        }
      }
      Genesis g =
          new Genesis(
              chainId,
              suiteId.label(),
              System.currentTimeMillis(),
              keys.stream().map(k -> k.publicKey().toString()).toList(),
              roundTimeoutMillis,
              Genesis.DEFAULT_MAX_ROUND_TIMEOUT_MILLIS,
              permissions,
              organisations,
              java.util.Map.of());
      Path genesis = abs.resolve("genesis.json");
      JSON.writeValue(genesis.toFile(), g);
      for (int i = 0; i < validators; i++) {
        List<String> peers = new ArrayList<>();
        for (int j = 0; j < keys.size(); j++) {
          if (j != i) {
            peers.add(keys.get(j).publicKey() + "@127.0.0.1:" + (p2pPort + j));
          }
        }
        writeNode(
            abs,
            i,
            keys.get(i),
            peers,
            new NodeSettings(chainId, suite, genesis, apiPort + i, p2pPort + i, false),
            random);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        var doc =
            ApiOptions.JSON
                .createObjectNode()
                .put("dir", abs.toString())
                .put("chainId", chainId)
                .put("suite", suiteId.label())
                .put("genesis", genesis.toString());
        var nodes = doc.putArray("nodes");
        for (int i = 0; i < validators; i++) {
          nodes
              .addObject()
              .put("node", "node" + i)
              .put("address", keys.get(i).address().toString())
              .put("publicKey", keys.get(i).publicKey().toString())
              .put("api", "http://127.0.0.1:" + (apiPort + i))
              .put("p2pPort", p2pPort + i);
        }
        out.println(ApiOptions.JSON.writeValueAsString(doc));
        return 0;
      }
      out.printf(
          "created %d %s validators of chain '%s' in %s%n", validators, suiteId, chainId, abs);
      for (int i = 0; i < validators; i++) {
        out.printf(
            "  node%d  %s  API http://127.0.0.1:%d  p2p %d%n",
            i, keys.get(i).address(), apiPort + i, p2pPort + i);
      }
      out.printf("start it with: bin/jing net up --dir %s%n", dir);
      return 0;
    }
  }

  /** What a node's config says besides its peers. */
  record NodeSettings(
      String chainId, String suite, Path genesis, int apiPort, int p2pPort, boolean join) {}

  /** Writes node {@code i}: its encrypted key, the key's password file (0600) and its config. */
  static void writeNode(
      Path abs, int i, KeyPair key, List<String> peers, NodeSettings s, SecureRandom random)
      throws IOException {
    Path nd = nodeDir(abs, i);
    Keys.createPrivateDirectory(nd);
    byte[] pw = new byte[24];
    random.nextBytes(pw);
    char[] password = HexFormat.of().formatHex(pw).toCharArray();
    Keys.writeSecret(nd.resolve("validator.key.password"), new String(password));
    try {
      EncryptedKeyStore.write(nd.resolve("validator.key"), key, password);
    } catch (org.jingchain.crypto.KeyStoreException e) {
      throw new CliException("cannot write the key of node" + i + ": " + e.getMessage());
    }
    writeConfig(nd, i, peers, s, "");
  }

  /** Writes node {@code i}'s config; {@code extra} are further lines (the key's token). */
  static void writeConfig(Path nd, int i, List<String> peers, NodeSettings s, String extra)
      throws IOException {
    Files.createDirectories(nd);
    {
      String chainId = s.chainId();
      String props =
          "# validator "
              + i
              + " of chain "
              + chainId
              + " (written by jing net init; see docs/config.md)\n"
              + "data.dir = "
              + nd
              + "\nchain.id = "
              + chainId
              + "\nchain.suite = "
              + s.suite()
              + "\ngenesis.file = "
              + s.genesis()
              + "\napi.port = "
              + s.apiPort()
              + "\np2p.port = "
              + s.p2pPort()
              + "\np2p.peers = "
              + String.join(", ", peers)
              + "\n"
              + (s.join()
                  ? "# joins by governance: follows the chain until an epoch includes its key\n"
                      + "consensus.join = true\n"
                  : "")
              + extra;
      Files.writeString(nd.resolve("node.properties"), props, StandardCharsets.UTF_8);
    }
  }

  @Command(
      name = "add-node",
      description = {
        "Create the next node of a network for a validator that governance will add: a new key",
        "(or, with --pkcs11-token, the token's key of that label, made if missing) and a config",
        "that follows the chain (consensus.join) until an epoch includes the key.",
        "The other nodes' configs list it as a peer from their next start."
      })
  static final class AddNode implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "net", description = "The network (default net).")
    Path dir;

    @Option(
        names = "--org",
        description =
            "The organisation that will run it, for the printed proposal (default: the network's"
                + " first); refused if the network has no such organisation.")
    String org;

    @picocli.CommandLine.Mixin Pkcs11Options pkcs11;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Path abs = dir.toAbsolutePath().normalize();
      List<Path> existing = nodes(abs);
      Properties first = config(existing.getFirst());
      int i = existing.size();
      int apiPort = Integer.parseInt(first.getProperty("api.port").strip()) + i;
      int p2pPort = Integer.parseInt(first.getProperty("p2p.port").strip()) + i;
      List<String> orgs = organisations(first);
      if (org == null) {
        org = orgs.getFirst();
      } else if (!orgs.contains(org)) {
        throw new CliException(
            "this network has no organisation " + org + "; it has " + String.join(", ", orgs));
      }
      String suite = first.getProperty("chain.suite").strip();
      CryptoSuite cs =
          CryptoSuites.of(
              SuiteId.fromLabel(suite)
                  .orElseThrow(() -> new CliException("bad chain.suite in node0's config")));
      // every node's address, from the peer lists (a node does not list itself)
      java.util.TreeMap<String, String> peers = new java.util.TreeMap<>();
      for (Path nd : existing) {
        for (String p : config(nd).getProperty("p2p.peers", "").split(",", -1)) {
          if (!p.isBlank()) {
            peers.putIfAbsent(p.strip().substring(0, p.strip().indexOf('@')), p.strip());
          }
        }
      }
      NodeSettings settings =
          new NodeSettings(
              first.getProperty("chain.id").strip(),
              suite,
              Path.of(first.getProperty("genesis.file").strip()),
              apiPort,
              p2pPort,
              true);
      org.jingchain.types.PublicKey publicKey;
      String where;
      if (pkcs11.given()) {
        if (cs.id() != SuiteId.INTL) {
          throw new CliException(
              "keys in a PKCS#11 token are Ed25519 (suite intl); this network is " + suite);
        }
        publicKey = tokenKey();
        where = "in token '" + pkcs11.token + "' (key '" + pkcs11.key + "')";
        writeConfig(nodeDir(abs, i), i, List.copyOf(peers.values()), settings, tokenSettings());
      } else {
        KeyPair key = cs.generateKeyPair(new SecureRandom());
        publicKey = key.publicKey();
        where = "in " + nodeDir(abs, i).resolve("validator.key");
        writeNode(abs, i, key, List.copyOf(peers.values()), settings, new SecureRandom());
      }
      String self = publicKey + "@127.0.0.1:" + p2pPort;
      for (Path nd : existing) {
        Path file = nd.resolve("node.properties");
        Properties p = config(nd);
        String list = p.getProperty("p2p.peers", "").strip();
        String lines = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(
            file,
            lines.replace(
                "p2p.peers = " + list, "p2p.peers = " + (list.isEmpty() ? "" : list + ", ") + self),
            StandardCharsets.UTF_8);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(
            ApiOptions.JSON.writeValueAsString(
                ApiOptions.JSON
                    .createObjectNode()
                    .put("node", "node" + i)
                    .put("publicKey", publicKey.toString())
                    .put("address", cs.address(publicKey).toString())
                    .put("key", where)
                    .put("api", "http://127.0.0.1:" + apiPort)
                    .put("p2pPort", p2pPort)
                    .put("org", org)));
        return 0;
      }
      out.printf(
          "created node%d  key %s  API http://127.0.0.1:%d  p2p %d%n",
          i, publicKey, apiPort, p2pPort);
      out.printf("its validator key is %s%n", where);
      out.printf("start it (it follows the chain): bin/jing net up --dir %s --node %d%n", dir, i);
      out.printf(
          "then propose it as an admin of %s: bin/jing gov propose add-validator --org %s"
              + " --validator %s --key <admin key file>%n",
          org, org, publicKey);
      return 0;
    }

    /**
     * The network's organisations: as node0 reads them now when it answers (governance may have
     * added some), else as its genesis file names them.
     */
    private static List<String> organisations(Properties node0) throws IOException {
      try {
        var c =
            new JingClient(
                "http://127.0.0.1:" + node0.getProperty("api.port").strip(),
                java.time.Duration.ofSeconds(5));
        List<String> ids = GovCommand.readIds(c);
        if (!ids.isEmpty()) {
          return ids;
        }
      } catch (JingApiException e) {
        // not running: the genesis file says
      }
      var genesis =
          ApiOptions.JSON.readTree(Path.of(node0.getProperty("genesis.file").strip()).toFile());
      List<String> ids = new ArrayList<>();
      for (var o : genesis.path("organisations")) {
        ids.add(o.path("id").asText());
      }
      return ids.isEmpty() ? List.of(GovernanceService.DEFAULT_ORG) : List.copyOf(ids);
    }

    /** The key labelled --pkcs11-key in the token: the one there, else a new one made there. */
    private org.jingchain.types.PublicKey tokenKey() {
      try (var token = pkcs11.open()) {
        var existing = token.find(pkcs11.key);
        return existing.isPresent()
            ? existing.get().publicKey()
            : token.generateEd25519(pkcs11.key).publicKey();
      } catch (org.jingchain.crypto.pkcs11.Pkcs11Exception e) {
        throw new CliException("PKCS#11: " + e.getMessage());
      }
    }

    private String tokenSettings() {
      return "# the validator key is in a PKCS#11 token; the node certifies a p2p transport key"
          + " with it at start\nvalidator.pkcs11.token = "
          + pkcs11.token
          + "\nvalidator.pkcs11.key = "
          + pkcs11.key
          + "\nvalidator.pkcs11.library = "
          + pkcs11.library.toAbsolutePath()
          + "\n"
          + (pkcs11.pinFile == null
              ? ""
              : "validator.pkcs11.pinFile = " + pkcs11.pinFile.toAbsolutePath() + "\n");
    }
  }

  @Command(
      name = "up",
      description = "Start the network's validators (or one, with --node) in the background.")
  static final class Up implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "net", description = "The network (default net).")
    Path dir;

    @Option(names = "--node", description = "Start only this validator.")
    Integer node;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      var rows = ApiOptions.JSON.createArrayNode();
      List<Path> started = new ArrayList<>();
      for (Path nd : selected(dir, node)) {
        Optional<ProcessHandle> already = running(nd);
        if (already.isPresent()) {
          rows.addObject()
              .put("node", nd.getFileName().toString())
              .put("state", "already running")
              .put("pid", already.get().pid())
              .put("api", apiUrl(nd));
          if (!json) {
            out.printf("%s already running%n", nd.getFileName());
          }
          continue;
        }
        Process p = launch(nd);
        Files.writeString(nd.resolve("node.pid"), Long.toString(p.pid()));
        started.add(nd);
      }
      for (Path nd : started) {
        String url = apiUrl(nd);
        awaitApi(nd, url);
        rows.addObject()
            .put("node", nd.getFileName().toString())
            .put("state", "up")
            .put("pid", running(nd).map(ProcessHandle::pid).orElse(-1L))
            .put("api", url)
            .put("log", nd.resolve("node.log").toString());
        if (!json) {
          out.printf("%s up  %s  (log %s)%n", nd.getFileName(), url, nd.resolve("node.log"));
        }
      }
      if (json) {
        out.println(ApiOptions.JSON.writeValueAsString(rows));
      }
      return 0;
    }

    /** The same java and class path as this process, detached into its own session. */
    static Process launch(Path nd) throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> cmd = new ArrayList<>();
      if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
        cmd.add("/usr/bin/setsid"); // so a Ctrl-C in this terminal does not reach the nodes
      }
      cmd.addAll(
          List.of(
              java,
              "--enable-native-access=ALL-UNNAMED",
              "--sun-misc-unsafe-memory-access=allow",
              "-Xmx1g",
              "-cp",
              // tests that run inside a test runner say where the classes are
              System.getProperty("jing.launch.classpath", System.getProperty("java.class.path")),
              "org.jingchain.cli.Jing",
              "node",
              "--config",
              nd.resolve("node.properties").toString()));
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(nd.resolve("node.log").toFile()));
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      return pb.start();
    }

    static void awaitApi(Path nd, String url) throws IOException, InterruptedException {
      JingClient c = new JingClient(url, Duration.ofSeconds(5));
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (true) {
        try {
          c.status();
          return;
        } catch (JingApiException e) {
          if (running(nd).isEmpty()) {
            throw new CliException(
                nd.getFileName() + " exited; see " + nd.resolve("node.log") + "\n" + tail(nd, 10));
          }
          if (System.nanoTime() > deadline) {
            throw new CliException(nd.getFileName() + " did not answer within 90 s; see its log");
          }
          Thread.sleep(200); // polling a process we do not control; not test synchronisation
        }
      }
    }
  }

  static boolean isEmptyDirectory(Path dir) throws IOException {
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  static String tail(Path nd, int lines) throws IOException {
    Path log = nd.resolve("node.log");
    if (!Files.exists(log)) {
      return "";
    }
    List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  @Command(name = "down", description = "Stop the network's validators (or one, with --node).")
  static final class Down implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "net", description = "The network (default net).")
    Path dir;

    @Option(names = "--node", description = "Stop only this validator.")
    Integer node;

    @Option(names = "--kill", description = "SIGKILL instead of a clean SIGTERM (fault drills).")
    boolean kill;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      var rows = ApiOptions.JSON.createArrayNode();
      for (Path nd : selected(dir, node)) {
        Optional<ProcessHandle> p = running(nd);
        if (p.isEmpty()) {
          rows.addObject().put("node", nd.getFileName().toString()).put("state", "not running");
          if (!json) {
            out.printf("%s not running%n", nd.getFileName());
          }
          continue;
        }
        if (kill) {
          p.get().destroyForcibly();
        } else {
          p.get().destroy();
        }
        try {
          p.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          p.get().destroyForcibly();
        }
        Files.deleteIfExists(nd.resolve("node.pid"));
        rows.addObject()
            .put("node", nd.getFileName().toString())
            .put("state", kill ? "killed" : "stopped");
        if (!json) {
          out.printf("%s stopped%s%n", nd.getFileName(), kill ? " (killed)" : "");
        }
      }
      if (json) {
        out.println(ApiOptions.JSON.writeValueAsString(rows));
      }
      return 0;
    }
  }

  @Command(name = "status", description = "Each validator: running?, height, round, peers.")
  static final class Status implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "net", description = "The network (default net).")
    Path dir;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      var rows = ApiOptions.JSON.createArrayNode();
      StringBuilder text =
          new StringBuilder(
              String.format(
                  "%-6s %-8s %-28s %-12s %8s %8s %6s  %s%n",
                  "node", "process", "api", "role", "height", "round", "peers", "head"));
      for (Path nd : nodes(dir)) {
        String url = apiUrl(nd);
        String proc = running(nd).map(p -> "pid " + p.pid()).orElse("down");
        var row = rows.addObject().put("node", nd.getFileName().toString()).put("api", url);
        try {
          NodeStatus s = new JingClient(url, Duration.ofSeconds(3)).status();
          int self = s.consensus().self();
          // a node whose key left the validator set (or is not in it yet) only follows
          String role = self >= 0 ? "validator " + self : "follower";
          row.put("process", "up")
              .put("role", role)
              .put("height", s.height())
              .put("round", s.consensus().round())
              .put("peers", s.consensus().peers())
              .put("head", s.headHash());
          text.append(
              String.format(
                  "%-6s %-8s %-28s %-12s %8d %8d %6d  %s%n",
                  nd.getFileName(),
                  proc.equals("down") ? "?" : "up",
                  url,
                  role,
                  s.height(),
                  s.consensus().round(),
                  s.consensus().peers(),
                  s.headHash().substring(0, 16)));
        } catch (JingApiException e) {
          String p = proc.equals("down") ? "down" : "up";
          row.put("process", p).put("error", e.code());
          text.append(
              String.format(
                  "%-6s %-8s %-28s %-12s %8s %8s %6s  %s%n",
                  nd.getFileName(), p, url, "-", "-", "-", "-", e.code()));
        }
      }
      if (json) {
        out.println(ApiOptions.JSON.writeValueAsString(rows));
      } else {
        out.print(text);
      }
      return 0;
    }
  }

  @Command(name = "logs", description = "The last lines of each validator's log.")
  static final class Logs implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "net", description = "The network (default net).")
    Path dir;

    @Option(names = "--node", description = "Only this validator.")
    Integer node;

    @Option(
        names = {"-n", "--lines"},
        defaultValue = "20",
        description = "Lines per node (default 20).")
    int lines;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      var rows = ApiOptions.JSON.createArrayNode();
      for (Path nd : selected(dir, node)) {
        var texts = rows.addObject().put("node", nd.getFileName().toString()).putArray("lines");
        for (String l : tail(nd, lines).lines().toList()) {
          if (!l.isEmpty()) {
            texts.add(l);
            if (!json) {
              out.printf("%s | %s%n", nd.getFileName(), l);
            }
          }
        }
      }
      if (json) {
        out.println(ApiOptions.JSON.writeValueAsString(rows));
      }
      return 0;
    }
  }
}
