package org.jingchain.sim;

/** How a simulated validator behaves. At most f validators are anything but honest. */
enum Behaviour {
  HONEST,
  /** As leader, sends different blocks for one round to different validators and votes both. */
  EQUIVOCATE,
  /** Votes for its block and also for a conflicting one in the same round. */
  DOUBLE_VOTE,
  /** Replaces some of its messages with garbage, truncated, oversized or badly signed ones. */
  GARBAGE,
  /** Never sends votes or timeouts. */
  WITHHOLD
}
