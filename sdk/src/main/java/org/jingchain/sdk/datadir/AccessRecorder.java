package org.jingchain.sdk.datadir;

import java.util.Objects;
import org.jingchain.datadir.DatadirCalls;
import org.jingchain.types.Hash;

/**
 * Records an access on chain ({@code recordAccess}, [DD-15]) and returns once the recording
 * committed successfully [DDA-6]. {@link ChainRecorder} is the real one; tests fake it.
 */
@FunctionalInterface
public interface AccessRecorder {
  /** The committed recording: its transaction and block height. */
  record Recorded(Hash txHash, long height) {
    public Recorded {
      Objects.requireNonNull(txHash, "txHash");
    }
  }

  /**
   * Submits {@code access} and waits for its commit.
   *
   * @throws RecordingException when the chain refused it (with the contract's code) or it could not
   *     be submitted or did not commit in time
   */
  Recorded record(DatadirCalls.RecordAccess access) throws RecordingException;
}
