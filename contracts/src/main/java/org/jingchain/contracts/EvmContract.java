package org.jingchain.contracts;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.codec.DecodeException;
import org.jingchain.evm.Address;
import org.jingchain.evm.TxState;
import org.jingchain.evm.UInt256;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.Nonces;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;
import org.jingchain.types.EventAttribute;
import org.jingchain.types.Limits;

/**
 * The {@code evm} system contract: deploys and calls EVM contracts [EVM-TX-1..4]. A run that
 * succeeds writes its changes and reports its logs as {@code evm/log} events and its gas as an
 * {@code evm/deployed} or {@code evm/called} event; a revert or halt is a failed receipt whose code
 * is {@code EVM_REVERT} or {@code EVM_<halt>} and whose message gives the decoded reason and the
 * gas used, with nothing changed but the nonce.
 */
public final class EvmContract implements SystemContract {
  /** Longest log data a receipt can carry: its hex must fit one event attribute. */
  public static final int MAX_LOG_DATA_BYTES = (Limits.MAX_EVENT_TEXT_BYTES - 2) / 2;

  /** Most logs one transaction may emit: one receipt event is the gas report. */
  public static final int MAX_LOGS = Limits.MAX_EVENTS_PER_RECEIPT - 1;

  private final long evmChainId;

  public EvmContract(String chainId) {
    this.evmChainId = EvmAddresses.chainId(chainId);
  }

  @Override
  public String name() {
    return EvmCalls.CONTRACT;
  }

  @Override
  public List<Event> call(TxContext ctx, String method, Bytes args, WriteSet state)
      throws ExecutionFailure {
    EvmCalls.Request req;
    try {
      req =
          EvmCalls.decode(method, args)
              .orElseThrow(
                  () -> new ExecutionFailure("UNKNOWN_METHOD", "evm has no method " + method));
    } catch (DecodeException e) {
      throw new ExecutionFailure("INVALID_ARGS", e.getMessage());
    }
    Address to = req.to();
    byte[] data = req.data();
    long gasLimit = req.gasLimit();
    Address sender = EvmAddresses.of(ctx.sender());
    // The executor has consumed the transaction's nonce: the next one is one past it.
    long nonce = Nonces.next(state, ctx.sender()) - 1;
    EvmRuns.Outcome o;
    try {
      o =
          EvmRuns.run(
              state,
              EvmRuns.context(ctx.block(), evmChainId),
              PlatformPrecompiles.all(state, ctx.block().timestampMillis()),
              sender,
              nonce,
              to,
              data,
              gasLimit);
    } catch (EvmRuns.GasLimitException e) {
      throw new ExecutionFailure("EVM_GAS_LIMIT", e.getMessage());
    }
    if (!o.success()) {
      throw new ExecutionFailure(o.code(), o.failure() + " (gas used " + o.gasUsed() + ")");
    }
    if (o.logs().size() > MAX_LOGS) {
      throw new ExecutionFailure(
          "EVM_LOGS_TOO_LARGE",
          "the transaction emitted " + o.logs().size() + " logs; a receipt holds " + MAX_LOGS);
    }
    List<Event> events = new ArrayList<>();
    for (TxState.Log log : o.logs()) {
      if (log.data().length > MAX_LOG_DATA_BYTES) {
        throw new ExecutionFailure(
            "EVM_LOGS_TOO_LARGE",
            "a log carries "
                + log.data().length
                + " bytes of data; a receipt holds "
                + MAX_LOG_DATA_BYTES);
      }
      events.add(logEvent(log));
    }
    EvmStore.apply(o.state(), state);
    events.add(
        new Event(
            EvmCalls.CONTRACT,
            to == null ? "deployed" : "called",
            List.of(
                new EventAttribute("address", (to == null ? o.created() : to).toString()),
                new EventAttribute("gasUsed", Long.toString(o.gasUsed())))));
    return events;
  }

  /** A log as a receipt event: {@code address}, {@code topic0..3}, {@code data}, all 0x-hex. */
  static Event logEvent(TxState.Log log) {
    List<EventAttribute> attrs = new ArrayList<>();
    attrs.add(new EventAttribute("address", log.address().toString()));
    List<UInt256> topics = log.topics();
    for (int i = 0; i < topics.size(); i++) {
      attrs.add(new EventAttribute("topic" + i, topics.get(i).toPaddedHex()));
    }
    attrs.add(new EventAttribute("data", EvmRuns.hex(log.data())));
    return new Event(EvmCalls.CONTRACT, "log", attrs);
  }
}
