package org.jingchain.sdk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/** A storage node that stops sending a shard mid-download cannot hang a get. */
class StallGuardTest {
  /** Waits for bytes as the JDK HTTP client's response stream does: interruptibly, for ever. */
  static final class Silent extends InputStream {
    final LinkedBlockingQueue<Integer> bytes = new LinkedBlockingQueue<>();

    @Override
    public int read() throws IOException {
      try {
        return bytes.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
  }

  @Test
  void aStreamThatStopsSendingFailsWithItsNodeNamedAndTheReaderIsNotLeftInterrupted()
      throws IOException {
    Silent silent = new Silent();
    silent.bytes.add(7);
    try (StallGuard g = new StallGuard(silent, Duration.ofMillis(200), "sn3 at http://x")) {
      assertThat(g.read()).isEqualTo(7);
      assertThatThrownBy(g::read)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("sn3 at http://x sent nothing for")
          .hasMessageContaining("stalled");
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
      // and stays failed: the download is given up, not resumed
      assertThatThrownBy(g::read).hasMessageContaining("stalled");
    }
  }

  @Test
  void aStreamThatKeepsSendingPassesThroughUnchanged() throws IOException {
    byte[] data = new byte[100_000];
    new java.util.SplittableRandom(1).nextBytes(data);
    try (StallGuard g =
        new StallGuard(new ByteArrayInputStream(data), Duration.ofSeconds(30), "sn1")) {
      assertThat(g.readAllBytes()).isEqualTo(data);
    }
  }
}
