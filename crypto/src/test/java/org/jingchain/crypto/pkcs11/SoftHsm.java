package org.jingchain.crypto.pkcs11;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real SoftHSM2 token for tests: the library Debian's {@code softhsm2} installs, a token
 * directory under target/ (the test JVM's {@code SOFTHSM2_CONF} points there: see the pom), and
 * {@code softhsm2-util} to initialise tokens. Tests are skipped, loudly, where SoftHSM2 is not
 * installed; {@code .ci/run} installs it.
 */
public final class SoftHsm {
  public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
  public static final String PIN = "4711-0815";

  private SoftHsm() {}

  /** Skips the calling test when SoftHSM2 is missing. */
  public static void assumeInstalled() {
    boolean ok =
        Files.isRegularFile(LIBRARY) && Files.isExecutable(Path.of("/usr/bin/softhsm2-util"));
    if (!ok) {
      System.err.println(
          "SKIPPED: SoftHSM2 is not installed (apt-get install softhsm2); PKCS#11 tests need it");
    }
    assumeTrue(ok, "SoftHSM2 is not installed");
  }

  /** Initialises a fresh token called {@code label} (token directory from SOFTHSM2_CONF). */
  public static void initToken(String label) throws IOException, InterruptedException {
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null) {
      throw new IllegalStateException("SOFTHSM2_CONF is not set for this JVM (see the pom)");
    }
    Path confFile = Path.of(conf);
    Path tokens = confFile.resolveSibling("tokens");
    Files.createDirectories(tokens);
    Files.writeString(
        confFile,
        "directories.tokendir = "
            + tokens.toAbsolutePath()
            + "\nobjectstore.backend = file\nlog.level = ERROR\n");
    Process p =
        new ProcessBuilder(
                List.of(
                    "/usr/bin/softhsm2-util",
                    "--init-token",
                    "--free",
                    "--label",
                    label,
                    "--pin",
                    PIN,
                    "--so-pin",
                    "so-" + PIN))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("softhsm2-util --init-token failed: " + out);
    }
  }
}
