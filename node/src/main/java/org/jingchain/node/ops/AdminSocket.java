package org.jingchain.node.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import org.jingchain.storage.RocksChainStore;
import org.jingchain.storage.StorageException;

/**
 * The node's local administration socket, {@code <data.dir>/admin.sock}: a Unix domain socket only
 * the node's own account can use (the file is 0600, in a 0700 directory), never a network port. One
 * request per connection, one JSON line each way. Today it does one thing: {@code
 * {"op":"backup","out":"/abs/dir"}} takes a consistent backup while the node runs ({@code jing db
 * backup}).
 */
public final class AdminSocket implements AutoCloseable {
  public static final String FILE = "admin.sock";
  private static final System.Logger LOG = System.getLogger(AdminSocket.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_REQUEST_BYTES = 64 * 1024;

  private final Path path;
  private final ServerSocketChannel server;
  private final RocksChainStore store;
  private final Path dataDir;
  private final Clock clock;
  private final Thread acceptor;

  private AdminSocket(
      Path path, ServerSocketChannel server, RocksChainStore store, Path dataDir, Clock clock) {
    this.path = path;
    this.server = server;
    this.store = store;
    this.dataDir = dataDir;
    this.clock = clock;
    this.acceptor = Thread.ofVirtual().name("jing-admin").start(this::serve);
  }

  /**
   * Listens on {@code dataDir/admin.sock} (a stale file from a crash is replaced). Empty where the
   * platform has no Unix domain sockets or the path is too long for one; backups then need the node
   * stopped.
   */
  public static Optional<AdminSocket> start(RocksChainStore store, Path dataDir, Clock clock) {
    Path path = dataDir.resolve(FILE).toAbsolutePath();
    try {
      Files.deleteIfExists(path);
      ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      s.bind(UnixDomainSocketAddress.of(path));
      if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
      }
      return Optional.of(new AdminSocket(path, s, store, dataDir, clock));
    } catch (IOException | UnsupportedOperationException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "no admin socket at {0} ({1}); jing db backup needs the node stopped",
          path,
          e.getMessage());
      return Optional.empty();
    }
  }

  private void serve() {
    while (server.isOpen()) {
      try {
        SocketChannel c = server.accept();
        Thread.ofVirtual().name("jing-admin-request").start(() -> answer(c));
      } catch (IOException e) {
        if (server.isOpen()) {
          LOG.log(System.Logger.Level.DEBUG, "admin accept failed: {0}", e.getMessage());
        }
      }
    }
  }

  private void answer(SocketChannel c) {
    try (c) {
      ObjectNode reply = JSON.createObjectNode();
      try {
        JsonNode req = JSON.readTree(readLine(c));
        String op = req.path("op").asText("");
        if (!op.equals("backup")) {
          throw new Backups.BackupException("unknown op '" + op + "'; this node knows: backup");
        }
        Path out = Path.of(req.path("out").asText(""));
        if (!out.isAbsolute()) {
          throw new Backups.BackupException("out must be an absolute path, got '" + out + "'");
        }
        Backups.Manifest m;
        synchronized (this) {
          m = Backups.backup(store, dataDir, out, true, clock.millis());
        }
        LOG.log(
            System.Logger.Level.INFO,
            "backup of block {0} written to {1}",
            Long.toString(m.height()),
            out);
        reply.put("ok", true).set("manifest", JSON.valueToTree(m));
      } catch (Backups.BackupException | StorageException | IOException e) {
        reply.put("ok", false).put("error", e.getMessage());
      }
      OutputStream o = Channels.newOutputStream(c);
      o.write(JSON.writeValueAsBytes(reply));
      o.write('\n');
      o.flush();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "admin client went away: {0}", e.getMessage());
    }
  }

  private static String readLine(SocketChannel c) throws IOException {
    InputStream in = Channels.newInputStream(c);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int x;
    while ((x = in.read()) != -1 && x != '\n') {
      if (b.size() >= MAX_REQUEST_BYTES) {
        throw new IOException("request over " + MAX_REQUEST_BYTES + " bytes");
      }
      b.write(x);
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  /** Sends {@code request} to the node of {@code dataDir}; empty when no node listens there. */
  public static Optional<JsonNode> request(Path dataDir, JsonNode request) throws IOException {
    Path path = dataDir.resolve(FILE).toAbsolutePath();
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    SocketChannel c;
    try {
      c = SocketChannel.open(UnixDomainSocketAddress.of(path));
    } catch (IOException refused) {
      return Optional.empty(); // a stale socket file: the node is not running
    }
    try (c) {
      OutputStream out = Channels.newOutputStream(c);
      out.write(JSON.writeValueAsBytes(request));
      out.write('\n');
      out.flush();
      var in =
          new BufferedReader(
              new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8));
      String line = in.readLine();
      if (line == null) {
        throw new IOException("the node closed the admin connection without an answer");
      }
      return Optional.of(JSON.readTree(line));
    }
  }

  @Override
  public void close() {
    try {
      server.close();
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing the admin socket: {0}", e.getMessage());
    }
    acceptor.interrupt();
  }
}
