package org.jingchain.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * s3proxy (org.gaul:s3proxy from Maven Central, its self-contained jar copied by the it module's
 * build) as a real S3 endpoint on 127.0.0.1, keeping objects in a directory; started as a process
 * of its own.
 */
final class S3Proxy implements AutoCloseable {
  static final String ACCESS_KEY = "jing-test";
  static final String SECRET_KEY = "jing-test-secret";

  final Process process;
  final URI endpoint;
  final Path data;

  private S3Proxy(Process p, URI endpoint, Path data) {
    this.process = p;
    this.endpoint = endpoint;
    this.data = data;
  }

  static S3Proxy start(Path dir) throws IOException, InterruptedException {
    String jar = System.getProperty("jing.s3proxy");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      Assumptions.abort("s3proxy.jar is missing (the it module's build copies it): " + jar);
    }
    int port = NodeProcess.freePort();
    Path data = Files.createDirectories(dir.resolve("s3-data"));
    Path conf = dir.resolve("s3proxy.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + SECRET_KEY,
            "jclouds.provider=filesystem",
            "jclouds.filesystem.basedir=" + data));
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(javaBin, "-Xmx256m", "-jar", jar, "--properties", conf.toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("s3proxy.log").toFile())
            .start();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        http.send(HttpRequest.newBuilder(endpoint).build(), HttpResponse.BodyHandlers.discarding());
        return new S3Proxy(p, endpoint, data);
      } catch (IOException e) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          p.destroyForcibly();
          throw new IOException("s3proxy did not start; see " + dir.resolve("s3proxy.log"), e);
        }
        p.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
      }
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
