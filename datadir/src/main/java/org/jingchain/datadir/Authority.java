package org.jingchain.datadir;

import java.util.Optional;
import org.jingchain.codec.DecodeException;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.WriteSet;
import org.jingchain.identity.Did;
import org.jingchain.identity.DidCodec;
import org.jingchain.identity.DidKey;
import org.jingchain.identity.DidRecord;
import org.jingchain.identity.VerificationMethod;
import org.jingchain.types.Address;
import org.jingchain.types.HashFunction;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/**
 * [DD-2] Whether a transaction's sender acts as a DID: the sender's address is that of one of the
 * DID's current authentication keys of the chain's suite, and the DID is live.
 */
final class Authority {
  private final SuiteId suite;
  private final HashFunction hash;

  Authority(SuiteId suite, HashFunction hash) {
    this.suite = suite;
    this.hash = hash;
  }

  /** The record of {@code did} if it exists and is not deactivated. */
  static Optional<DidRecord> live(StateReader s, String did) {
    Optional<String> id = Did.id(did);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    try {
      return s.get(WriteSet.key(Did.stateKey(id.get())))
          .map(b -> DidCodec.decodeRecord(b.unsafeArray()))
          .filter(r -> !r.deactivated());
    } catch (DecodeException e) {
      throw new IllegalStateException("stored record of " + did + " does not decode", e);
    }
  }

  /** True when {@code sender} is the address of an authentication key of {@code r}. */
  boolean isAuthenticationKey(DidRecord r, Address sender) {
    for (VerificationMethod m : r.methods()) {
      if ((m.relationships() & VerificationMethod.AUTHENTICATION) != 0
          && suiteOfKey(m.key().type()).equals(Optional.of(suite))
          && Address.of(new PublicKey(suite, m.key().publicKey()), hash).equals(sender)) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code sender} acts as {@code did} [DD-2]. */
  boolean actsAs(StateReader s, String did, Address sender) {
    return live(s, did).filter(r -> isAuthenticationKey(r, sender)).isPresent();
  }

  /** Refuses with {@code DD_UNAUTHORISED} unless {@code sender} acts as {@code did}. */
  void requireActs(StateReader s, String did, Address sender) throws ExecutionFailure {
    if (!actsAs(s, did, sender)) {
      throw new ExecutionFailure(
          DatadirErrors.UNAUTHORISED,
          sender
              + " is not an authentication key of "
              + did
              + (live(s, did).isEmpty() ? ", which does not exist or is deactivated" : ""));
    }
  }

  /**
   * [DD-3] Owner-only methods: {@code DD_UNAUTHORISED} when the owner's DID is gone or deactivated
   * (it acts for nothing), {@code DD_NOT_OWNER} when the sender is not one of its keys.
   */
  void requireOwner(StateReader s, DataAsset asset, Address sender) throws ExecutionFailure {
    Optional<DidRecord> owner = live(s, asset.owner());
    if (owner.isEmpty()) {
      throw new ExecutionFailure(
          DatadirErrors.UNAUTHORISED,
          "the owner " + asset.owner() + " of " + asset.id() + " is deactivated or gone");
    }
    if (!isAuthenticationKey(owner.get(), sender)) {
      throw new ExecutionFailure(
          DatadirErrors.NOT_OWNER,
          sender + " is not a key of " + asset.owner() + ", the owner of " + asset.id());
    }
  }

  /**
   * [DD-3] Methods by the owner or a delegate: {@code DD_NOT_OWNER} when {@code actor} is neither,
   * {@code DD_UNAUTHORISED} when the sender does not act as {@code actor}.
   */
  void requireOwnerOrDelegate(StateReader s, DataAsset asset, String actor, Address sender)
      throws ExecutionFailure {
    if (!asset.isOwnerOrDelegate(actor)) {
      throw new ExecutionFailure(
          DatadirErrors.NOT_OWNER, actor + " is neither the owner nor a delegate of " + asset.id());
    }
    requireActs(s, actor, sender);
  }

  /** Nobody acts for a deactivated owner ({@code grant}, {@code recordAccess}) [DD-3]. */
  static void requireLiveOwner(StateReader s, DataAsset asset) throws ExecutionFailure {
    if (live(s, asset.owner()).isEmpty()) {
      throw new ExecutionFailure(
          DatadirErrors.UNAUTHORISED,
          "the owner " + asset.owner() + " of " + asset.id() + " is deactivated or gone");
    }
  }

  private static Optional<SuiteId> suiteOfKey(DidKey.Type type) {
    return switch (type) {
      case ED25519 -> Optional.of(SuiteId.INTL);
      case SM2 -> Optional.of(SuiteId.SM);
      case P256 -> Optional.empty();
    };
  }
}
