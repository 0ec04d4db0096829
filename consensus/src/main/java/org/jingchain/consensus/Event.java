package org.jingchain.consensus;

import java.util.Objects;
import org.jingchain.types.Block;

/** Inputs to {@link ConsensusCore#step}: everything that can happen to a validator. */
public sealed interface Event {
  /** The core starts (or restarts from its persisted safety record and committed tip). */
  record Start() implements Event {}

  /** A decoded message from the validator (or peer) at {@code from}. */
  record MessageReceived(int from, ConsensusMessage message) implements Event {
    public MessageReceived {
      Objects.requireNonNull(message, "message");
    }
  }

  /** The timer scheduled for {@code round} fired. */
  record TimerFired(long round) implements Event {}

  /** The block asked for by {@link Effect.BuildBlock} is ready. */
  record BlockBuilt(long round, Block block) implements Event {
    public BlockBuilt {
      Objects.requireNonNull(block, "block");
    }
  }
}
