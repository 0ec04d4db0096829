package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.jingchain.sdk.JingClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jing dev} as a newcomer runs it: no password given, then restarted with JING_KEY_PASSWORD
 * set for their own keys.
 */
class DevRestartIT {
  @TempDir Path dir;

  @Test
  void theDevNodeRestartsOnItsOwnKeyWhateverJingKeyPasswordSays() throws Exception {
    Path data = dir.resolve("dev");
    int port = NodeProcess.freePort();
    long genesisHeight;
    String chain;
    try (NodeProcess first = NodeProcess.start(data, port, Map.of(), List.of())) {
      JingClient c = first.awaitReady();
      genesisHeight = c.status().height();
      chain = c.status().headHash();
      first.kill();
    }
    Path devPassword = data.resolve("validator.key.password");
    assertThat(Files.getPosixFilePermissions(devPassword))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(data.resolve("validator.key")))
        .doesNotContain(Files.readString(devPassword).strip());
    try (NodeProcess second =
        NodeProcess.start(
            data, port, Map.of("JING_KEY_PASSWORD", "the user's own key password"), List.of())) {
      JingClient c = second.awaitReady();
      assertThat(c.status().height()).isEqualTo(genesisHeight);
      assertThat(c.block("0").header().hash()).isEqualTo(chain);
      assertThat(second.terminate()).as("clean exit on SIGTERM").isIn(0, 143);
    }
    assertThat(Files.readString(data.resolveSibling("dev.log"))).contains("node stopped cleanly");
  }
}
