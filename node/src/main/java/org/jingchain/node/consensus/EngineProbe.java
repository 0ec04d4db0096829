package org.jingchain.node.consensus;

import org.jingchain.consensus.Effect;

/**
 * Hooks through which the simulator watches a node's consensus engine and crashes it at chosen
 * points (docs/spec/consensus.md, Simulation). A node runs with {@link #NONE}. A hook that throws
 * stops the engine where it stands, as a process killed there would stop: what reached the store
 * stays, everything else is lost.
 */
public interface EngineProbe {
  /** Before each effect of a step is carried out. */
  default void beforeEffect(Effect effect) {}

  /** At a point inside a commit, after a block's atomic write: {@code where} names it. */
  default void crashPoint(String where) {}

  EngineProbe NONE = new EngineProbe() {};
}
