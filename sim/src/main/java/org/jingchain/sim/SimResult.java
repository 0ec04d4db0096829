package org.jingchain.sim;

/**
 * The outcome of one run.
 *
 * @param failure null when every check passed, else what failed
 */
public record SimResult(
    SimConfig config,
    String failure,
    long steps,
    long simulatedMillis,
    long minHonestHeight,
    long messagesSent,
    long messagesDropped,
    long undecodable,
    long rejected,
    long evidence,
    long crashes,
    long epochChanges,
    long transactions) {
  public boolean ok() {
    return failure == null;
  }

  /** One line that says how to replay this run. */
  public String summary() {
    return (ok() ? "ok" : "FAILED: " + failure)
        + " | seed="
        + config.seed()
        + " n="
        + config.validators()
        + " behaviours="
        + config.behaviours()
        + " steps="
        + steps
        + " simMs="
        + simulatedMillis
        + " height="
        + minHonestHeight
        + " sent="
        + messagesSent
        + " dropped="
        + messagesDropped
        + " undecodable="
        + undecodable
        + " rejected="
        + rejected
        + " evidence="
        + evidence
        + " crashes="
        + crashes
        + " txs="
        + transactions
        + (config.reconfigureEvery() > 0 ? " epochChanges=" + epochChanges : "")
        + " | replay: "
        + config.replayCommand();
  }
}
