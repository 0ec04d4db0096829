package org.jingchain.xchain;

import java.util.Objects;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.SuiteId;

/**
 * A client of another chain as the host keeps it (docs/spec/xchain.md 2.1): whom it follows, its
 * trusting period, whether it is frozen, how far it got, and when it was last updated (host time).
 *
 * @param counterpartyClient the counterparty's client of this chain, "" until registered [XC-7]
 * @param oldestEpoch the oldest of the counterparty's epochs the client keeps (at most 256)
 * @param latestEpoch the newest, which certifies heights from its first height on
 */
public record ClientState(
    String counterpartyChainId,
    SuiteId suite,
    String counterpartyClient,
    long trustingPeriodMillis,
    boolean frozen,
    long latestHeight,
    long oldestEpoch,
    long latestEpoch,
    long updatedAtMillis,
    long createdHeight) {
  public ClientState {
    Objects.requireNonNull(counterpartyChainId, "counterpartyChainId");
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(counterpartyClient, "counterpartyClient");
  }

  /** Whether the trusting period ran out at host time {@code nowMillis} [XC-5]. */
  public boolean expiredAt(long nowMillis) {
    return nowMillis - updatedAtMillis > trustingPeriodMillis;
  }

  ClientState withFrozen() {
    return new ClientState(
        counterpartyChainId,
        suite,
        counterpartyClient,
        trustingPeriodMillis,
        true,
        latestHeight,
        oldestEpoch,
        latestEpoch,
        updatedAtMillis,
        createdHeight);
  }

  ClientState withCounterparty(String client) {
    return new ClientState(
        counterpartyChainId,
        suite,
        client,
        trustingPeriodMillis,
        frozen,
        latestHeight,
        oldestEpoch,
        latestEpoch,
        updatedAtMillis,
        createdHeight);
  }

  ClientState withEpochs(long oldest, long latest) {
    return new ClientState(
        counterpartyChainId,
        suite,
        counterpartyClient,
        trustingPeriodMillis,
        frozen,
        latestHeight,
        oldest,
        latest,
        updatedAtMillis,
        createdHeight);
  }

  ClientState withLatest(long height) {
    return new ClientState(
        counterpartyChainId,
        suite,
        counterpartyClient,
        trustingPeriodMillis,
        frozen,
        height,
        oldestEpoch,
        latestEpoch,
        updatedAtMillis,
        createdHeight);
  }

  /** After an accepted update at {@code height}, at host time {@code nowMillis}. */
  ClientState updated(long height, long epoch, long nowMillis) {
    return new ClientState(
        counterpartyChainId,
        suite,
        counterpartyClient,
        trustingPeriodMillis,
        frozen,
        Math.max(latestHeight, height),
        oldestEpoch,
        epoch,
        nowMillis,
        createdHeight);
  }

  /** After a recovery to {@code epoch} alone [XC-6]. */
  ClientState recovered(long epoch, long nowMillis) {
    return new ClientState(
        counterpartyChainId,
        suite,
        counterpartyClient,
        trustingPeriodMillis,
        false,
        latestHeight,
        epoch,
        epoch,
        nowMillis,
        createdHeight);
  }

  byte[] encode() {
    return new Encoder(96)
        .u8(1)
        .string(counterpartyChainId)
        .u8(suite.tag())
        .string(counterpartyClient)
        .u64(trustingPeriodMillis)
        .u8(frozen ? 1 : 0)
        .u64(latestHeight)
        .u64(oldestEpoch)
        .u64(latestEpoch)
        .u64(updatedAtMillis)
        .u64(createdHeight)
        .toByteArray();
  }

  static ClientState decode(byte[] in) {
    Decoder d = new Decoder(in);
    if (d.u8("client state version") != 1) {
      throw new DecodeException("unknown client state version");
    }
    ClientState c =
        new ClientState(
            d.string("chain id", 64),
            suite(d.u8("suite")),
            d.string("counterparty client", 32),
            d.u64("trusting period"),
            d.u8("status") == 1,
            d.u64("latest height"),
            d.u64("oldest epoch"),
            d.u64("latest epoch"),
            d.u64("updated at"),
            d.u64("created height"));
    d.finish("client state");
    return c;
  }

  static SuiteId suite(int tag) {
    return SuiteId.fromTag(tag).orElseThrow(() -> new DecodeException("unknown suite tag " + tag));
  }
}
