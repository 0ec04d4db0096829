package org.jingchain.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.jingchain.codec.Canonical;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.KeyPair;
import org.jingchain.execution.Nonces;
import org.jingchain.execution.StateReader;
import org.jingchain.identity.DidCodec;
import org.jingchain.identity.DidContract;
import org.jingchain.identity.DidKey;
import org.jingchain.identity.DidOperation;
import org.jingchain.identity.VerificationMethod;
import org.jingchain.sdk.Transactions;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Transaction;

/**
 * Real DID registrations for the transaction path: every DID has its own update and recovery key
 * pair (private keys drawn from the seed and the DID's index), its create is signed by its update
 * key, and {@code batchSize} creates go in one {@code createBatch} transaction (or one {@code
 * create} when the size is 1) signed by one of the sender accounts, in nonce order. Signing happens
 * before the clock runs, on all cores; the result is the canonical transaction bytes the API takes.
 */
final class DidRegistrations {
  private final CryptoSuite suite;
  private final String chainId;
  private final long seed;
  private final int batchSize;
  private final DidKey.Type keyType;
  private final List<KeyPair> senders;
  private final long[] nextNonce;
  private long nextDid;

  DidRegistrations(CryptoSuite suite, String chainId, long seed, int batchSize, int senders) {
    this.suite = suite;
    this.chainId = chainId;
    this.seed = seed;
    this.batchSize = batchSize;
    this.keyType = DidFill.keyType(suite);
    List<KeyPair> s = new ArrayList<>(senders);
    for (int i = 0; i < senders; i++) {
      s.add(keyPair(seed * 31 + 0x5E4D, i));
    }
    this.senders = List.copyOf(s);
    this.nextNonce = new long[senders];
  }

  int batchSize() {
    return batchSize;
  }

  /** A key pair whose private key is drawn from {@code stream} and {@code index}. */
  private KeyPair keyPair(long stream, long index) {
    SplittableRandom r = new SplittableRandom(stream * 0xBF58476D1CE4E5B9L + index);
    while (true) {
      byte[] sk = new byte[32];
      r.nextBytes(sk);
      try {
        return suite.keyPairFromPrivateKey(sk);
      } catch (IllegalArgumentException e) {
        // an SM2 scalar out of range: draw again
      }
    }
  }

  /** Sets each sender's next nonce from the committed state (after unused pre-signed ones). */
  void resync(StateReader state) {
    for (int s = 0; s < senders.size(); s++) {
      nextNonce[s] = Nonces.next(state, senders.get(s).address());
    }
  }

  /** The encoded size of one transaction, for sizing blocks (all have the same shape). */
  int sampleTxBytes() {
    return build(0, Long.MAX_VALUE / 4, 0, 0).length;
  }

  /**
   * Signs {@code txs} transactions ({@code txs * batchSize} new DIDs) that follow the previous ones
   * in each sender's nonce order; returns their canonical encodings.
   */
  List<byte[]> sign(int txs, long expiresAtMillis) {
    byte[][] out = new byte[txs][];
    long[] base = nextNonce.clone();
    long firstDid = nextDid;
    int n = senders.size();
    Workload.parallel(
        txs,
        t ->
            out[t] =
                build(
                    t % n, firstDid + (long) t * batchSize, base[t % n] + t / n, expiresAtMillis));
    for (int t = 0; t < txs; t++) {
      nextNonce[t % n]++;
    }
    nextDid += (long) txs * batchSize;
    return Arrays.asList(out);
  }

  private byte[] build(int sender, long firstDid, long nonce, long expiresAtMillis) {
    List<DidCodec.Signed> items = new ArrayList<>(batchSize);
    for (int j = 0; j < batchSize; j++) {
      long d = firstDid + j;
      KeyPair update = keyPair(seed, 2 * d);
      KeyPair recovery = keyPair(seed, 2 * d + 1);
      DidKey u = new DidKey(keyType, update.publicKey().bytes());
      DidKey r = new DidKey(keyType, recovery.publicKey().bytes());
      var create =
          new DidOperation.Create(
              chainId,
              u,
              r,
              List.of(
                  new VerificationMethod(
                      "key-1",
                      u,
                      VerificationMethod.AUTHENTICATION | VerificationMethod.ASSERTION)),
              List.of());
      byte[] op = DidCodec.encode(create);
      items.add(new DidCodec.Signed(op, update.sign(op)));
    }
    Call call =
        batchSize == 1
            ? new Call(DidContract.NAME, "create", Bytes.wrap(DidCodec.encode(items.getFirst())))
            : new Call(DidContract.NAME, "createBatch", Bytes.wrap(DidCodec.encodeBatch(items)));
    Transaction tx = Transactions.sign(senders.get(sender), chainId, nonce, expiresAtMillis, call);
    return Canonical.encode(tx);
  }
}
