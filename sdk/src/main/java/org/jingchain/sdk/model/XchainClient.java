package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A client of another chain ({@code GET /xchain/clients/{id}}; docs/spec/xchain.md section 2).
 *
 * @param id the client's id on this chain, {@code c-<n>}
 * @param counterpartyChainId the chain it follows
 * @param suite that chain's crypto suite, {@code intl} or {@code sm}
 * @param counterpartyClient the client on that chain that follows this one ({@code ""} until
 *     registered)
 * @param status {@code active}, {@code frozen} (misbehaviour seen) or {@code expired} (not updated
 *     within its trusting period)
 * @param trustingPeriodMillis how long it trusts a validator set without an update
 * @param updatedAtMillis this chain's block time of the last accepted update or recovery
 * @param createdHeight the block of this chain that created it
 * @param latestHeight the counterparty's highest height it holds
 * @param latest that height's header hash, state root and time, or null if it holds none
 * @param epochs the counterparty's validator sets it holds (only in the answer for one client)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record XchainClient(
    String id,
    String counterpartyChainId,
    String suite,
    String counterpartyClient,
    String status,
    long trustingPeriodMillis,
    long updatedAtMillis,
    long createdHeight,
    long latestHeight,
    XchainHeight latest,
    List<Epoch> epochs) {
  public XchainClient {
    epochs = Copies.list(epochs);
  }

  /**
   * A validator set of the counterparty the client holds.
   *
   * @param number the counterparty's epoch number
   * @param firstHeight the first height it certifies
   * @param validators public keys ({@code <suite>:<hex>}), in index order
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Epoch(long number, long firstHeight, List<String> validators) {
    public Epoch {
      validators = Copies.list(validators);
    }
  }

  /** The newest epoch the client holds, or -1 when the answer listed none. */
  public long latestEpoch() {
    return epochs == null || epochs.isEmpty() ? -1 : epochs.getLast().number();
  }
}
