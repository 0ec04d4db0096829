package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Docs as tests (docs/docs-runner.md): each document's console blocks run in order, exactly as
 * written, in a directory that looks like a fresh clone, and what each command prints must be what
 * the document shows. {@code -Djing.docs=docs/contracts.md,README.md} picks documents.
 */
class DocsIT {
  /** The documents the test command runs. */
  static final List<String> DEFAULT =
      List.of("README.md", "docs/contracts.md", "docs/operations.md");

  static Stream<String> documents() {
    String chosen = System.getProperty("jing.docs", "");
    return chosen.isBlank() ? DEFAULT.stream() : Arrays.stream(chosen.split(",")).map(String::trim);
  }

  @ParameterizedTest
  @MethodSource("documents")
  @Timeout(value = 30, unit = TimeUnit.MINUTES) // a document is many commands, each guarded apart
  void runsAsWritten(String document, @TempDir Path dir) throws Exception {
    Path repo = Path.of(System.getProperty("user.dir")).getParent();
    Path doc = repo.resolve(document);
    assertThat(doc).exists();
    for (int port : List.of(8645, 8745)) {
      assertPortFree(port);
    }
    Path transcript = repo.resolve("it/target/docs-" + document.replace('/', '-') + ".txt");
    try (DocRunner runner = new DocRunner(repo, doc, dir)) {
      try {
        runner.runAll();
      } catch (DocRunner.DocMismatch e) {
        fail(e.getMessage() + "\n(the whole run: " + transcript + ")", e);
      } finally {
        Files.writeString(transcript, runner.transcript());
      }
    }
  }

  private static void assertPortFree(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      s.setReuseAddress(true);
    } catch (IOException e) {
      fail(
          "port "
              + port
              + " is taken; the documents use it as written (stop a `bin/jing dev` or `jing net` you"
              + " run from this clone): "
              + e.getMessage());
    }
  }
}
