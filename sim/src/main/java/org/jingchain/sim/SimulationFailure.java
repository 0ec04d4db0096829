package org.jingchain.sim;

/** A checked invariant was violated; the message names it. */
public final class SimulationFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SimulationFailure(String message) {
    super(message);
  }
}
