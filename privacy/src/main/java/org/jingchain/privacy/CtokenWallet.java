package org.jingchain.privacy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import java.util.OptionalLong;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.codec.Encoder;
import org.jingchain.crypto.KeyPair;
import org.jingchain.privacy.CtokenState.Balance;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;

/**
 * An account's side of confidential tokens ([PRIV-23]..[PRIV-28]): its decryption secret s, derived
 * from its account key and the chain id (so it keeps no state of its own), its public key {@code P
 * = s⁻¹·H}, opening balances and amounts, and building a transfer with its proofs.
 */
public final class CtokenWallet {
  private final EcGroup g;
  private final Pedersen ped;
  private final String chainId;
  private final KeyPair key;
  private final SecureRandom random;

  public CtokenWallet(EcGroup g, String chainId, KeyPair key, SecureRandom random) {
    this.g = g;
    this.ped = Pedersen.of(g);
    this.chainId = chainId;
    this.key = key;
    this.random = random;
  }

  public Address address() {
    return key.address();
  }

  BigInteger secret() {
    byte[] priv = key.privateKeyBytes();
    try {
      BigInteger s =
          g.hashToScalar("jing-ct-secret", new Encoder().string(chainId).toByteArray(), priv);
      return s.signum() == 0 ? BigInteger.ONE : s;
    } finally {
      java.util.Arrays.fill(priv, (byte) 0);
    }
  }

  /** {@code P = s⁻¹·H}. */
  public ECPoint publicKey() {
    return g.mul(ped.h(), secret().modInverse(g.order()));
  }

  /** register: the key with a proof of s (s·P = H) bound to this chain and account. */
  public Call register() {
    BigInteger s = secret();
    ECPoint p = g.mul(ped.h(), s.modInverse(g.order()));
    Dleq pok =
        Dleq.prove(g, CtokenCalls.registerContext(chainId, key.address()), p, null, s, random);
    return CtokenCalls.register(g.encode(p), pok.encode(g));
  }

  /** The value a ciphertext {@code (C, D)} under this key holds, if below 2^32. */
  public OptionalLong open(Bytes c, Bytes d) {
    ECPoint m =
        g.sub(
            g.decodeOrIdentity(c.unsafeArray(), "C"),
            g.mul(g.decodeOrIdentity(d.unsafeArray(), "D"), secret()));
    return DiscreteLog.solve(g, m, CtokenCalls.MAX_SUPPLY);
  }

  /** This account's available balance, opened. */
  public long balance(Balance b) {
    return open(b.c(), b.d())
        .orElseThrow(() -> new IllegalStateException("the balance does not open below 2^32"));
  }

  /** This account's pending balance (mints and incoming transfers not yet applied), opened. */
  public long pending(Balance b) {
    return open(b.pc(), b.pd())
        .orElseThrow(
            () -> new IllegalStateException("the pending balance does not open below 2^32"));
  }

  /**
   * A transfer of {@code amount} to {@code to} from this account's balance {@code from}; {@code
   * keys} are the sender's, the receiver's and the auditor's registered keys, in that order.
   */
  public Call transfer(
      String symbol,
      Address to,
      long amount,
      Balance from,
      ECPoint receiverKey,
      ECPoint auditorKey) {
    long have = balance(from);
    if (amount <= 0 || amount > have) {
      throw new IllegalArgumentException(
          "the balance is " + have + "; a transfer is 1 to " + have + ", not " + amount);
    }
    return transferUnchecked(symbol, to, amount, from, have, receiverKey, auditorKey);
  }

  /** As {@link #transfer} without the balance check (tests make overdraws with it). */
  Call transferUnchecked(
      String symbol,
      Address to,
      long amount,
      Balance from,
      long have,
      ECPoint receiverKey,
      ECPoint auditorKey) {
    BigInteger s = secret();
    ECPoint ps = g.mul(ped.h(), s.modInverse(g.order()));
    byte[] context =
        CtokenCalls.transferContext(chainId, symbol, key.address(), to, from.version());
    BigInteger r = g.randomScalar(random);
    BigInteger a = BigInteger.valueOf(amount);
    ECPoint ca = ped.commit(a, r);
    ECPoint ds = g.mul(ps, r);
    ECPoint dr = g.mul(receiverKey, r);
    ECPoint da = g.mul(auditorKey, r);
    ValidityProof validity =
        ValidityProof.prove(
            ped,
            context,
            ca,
            List.of(ps, receiverKey, auditorKey),
            List.of(ds, dr, da),
            a,
            r,
            random);
    ECPoint newC = g.sub(g.decodeOrIdentity(from.c().unsafeArray(), "C"), ca);
    ECPoint newD = g.sub(g.decodeOrIdentity(from.d().unsafeArray(), "D"), ds);
    long rest = have - amount;
    BigInteger rb = g.randomScalar(random);
    ECPoint cb = ped.commit(BigInteger.valueOf(rest), rb);
    EqualityProof equality =
        EqualityProof.prove(
            ped, context, ps, newC, newD, cb, s, BigInteger.valueOf(rest), rb, random);
    RangeProof range =
        RangeProof.proveAnyway(
            ped,
            context,
            new long[] {amount, rest},
            new BigInteger[] {r, rb},
            CtokenCalls.BITS,
            random);
    return CtokenCalls.transfer(
        new CtokenCalls.Transfer(
            symbol,
            to,
            from.version(),
            Bytes.wrap(g.encode(ca)),
            Bytes.wrap(g.encode(ds)),
            Bytes.wrap(g.encode(dr)),
            Bytes.wrap(g.encode(da)),
            Bytes.wrap(validity.encode(g)),
            Bytes.wrap(g.encode(cb)),
            Bytes.wrap(equality.encode(g)),
            Bytes.wrap(range.encode(g))));
  }
}
