package org.jingchain.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;
import org.jingchain.types.Transaction;
import org.jingchain.types.TxBody;
import org.junit.jupiter.api.Test;

/** Admission rules and limits of the mempool, each with its documented error code. */
class MempoolTest {
  static final HashFunction SHA256 =
      data -> {
        try {
          return Hash.wrap(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
          throw new AssertionError(e);
        }
      };
  static final long NOW = 1_700_000_000_000L;
  final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
  final Map<Address, Long> stateNonces = new HashMap<>();

  Mempool pool(int maxTxs, long maxBytes) {
    return new Mempool(
        "c",
        SuiteId.INTL,
        SHA256,
        a -> stateNonces.getOrDefault(a, 0L),
        clock,
        maxTxs,
        maxBytes,
        60_000);
  }

  static PublicKey key(int n) {
    byte[] k = new byte[32];
    k[0] = (byte) n;
    return new PublicKey(SuiteId.INTL, Bytes.wrap(k));
  }

  static Transaction tx(int sender, long nonce) {
    return tx("c", key(sender), nonce, NOW + 1000);
  }

  static Transaction tx(String chain, PublicKey k, long nonce, long expires) {
    return new Transaction(
        new TxBody(chain, k, nonce, expires, new Call("asset", "m", Bytes.EMPTY)), Bytes.EMPTY);
  }

  static ErrorCode code(Admission a) {
    return a instanceof Admission.Rejected r ? r.code() : null;
  }

  @Test
  void acceptsConsecutiveNoncesAndRejectsEachBadKindWithItsCode() {
    Mempool m = pool(100, 1 << 20);
    assertThat(m.admit(tx(1, 0), 100, true)).isInstanceOf(Admission.Accepted.class);
    assertThat(m.admit(tx(1, 1), 100, true)).isInstanceOf(Admission.Accepted.class);
    assertThat(code(m.admit(tx(1, 1), 100, true))).isEqualTo(ErrorCode.TX_DUPLICATE);
    assertThat(code(m.admit(tx("c", key(1), 0, NOW + 999), 100, true)))
        .isEqualTo(ErrorCode.TX_NONCE_TOO_LOW);
    assertThat(code(m.admit(tx(1, 5), 100, true))).isEqualTo(ErrorCode.TX_NONCE_GAP);
    assertThat(code(m.admit(tx(2, 0), 100, false))).isEqualTo(ErrorCode.TX_BAD_SIGNATURE);
    assertThat(code(m.admit(tx("other", key(2), 0, NOW + 1), 100, true)))
        .isEqualTo(ErrorCode.TX_WRONG_CHAIN);
    assertThat(code(m.admit(tx("c", key(2), 0, NOW - 1), 100, true)))
        .isEqualTo(ErrorCode.TX_EXPIRED);
    assertThat(code(m.admit(tx("c", key(2), 0, NOW + 3_600_000), 100, true)))
        .isEqualTo(ErrorCode.TX_EXPIRY_TOO_FAR);
    PublicKey sm = new PublicKey(SuiteId.SM, Bytes.wrap(new byte[33]));
    assertThat(code(m.admit(tx("c", sm, 0, NOW + 1), 100, true)))
        .isEqualTo(ErrorCode.TX_WRONG_SUITE);
    assertThat(m.size()).isEqualTo(2);
    assertThat(m.nextNonce(Address.of(key(1), SHA256))).isEqualTo(2);
  }

  @Test
  void aNonceBelowTheCommittedStateIsAReplay() {
    stateNonces.put(Address.of(key(1), SHA256), 3L);
    Mempool m = pool(100, 1 << 20);
    assertThat(code(m.admit(tx(1, 2), 100, true))).isEqualTo(ErrorCode.TX_NONCE_TOO_LOW);
    assertThat(m.admit(tx(1, 3), 100, true)).isInstanceOf(Admission.Accepted.class);
  }

  @Test
  void isBoundedInCountAndBytes() {
    Mempool byCount = pool(2, 1 << 20);
    byCount.admit(tx(1, 0), 10, true);
    byCount.admit(tx(2, 0), 10, true);
    assertThat(code(byCount.admit(tx(3, 0), 10, true))).isEqualTo(ErrorCode.MEMPOOL_FULL);
    Mempool byBytes = pool(100, 1500);
    byBytes.admit(tx(1, 0), 1000, true);
    assertThat(code(byBytes.admit(tx(2, 0), 1000, true))).isEqualTo(ErrorCode.MEMPOOL_FULL);
    assertThat(byBytes.bytes()).isEqualTo(1000);
  }

  // [GOV-12] a block's transactions declare at most the block's gas, unless one alone exceeds it
  @Test
  void blocksSelectWithinTheGasTheirTransactionsDeclare() {
    Mempool m = pool(100, 1 << 20);
    for (int i = 0; i < 5; i++) {
      m.admit(tx(1, i), 100, true);
    }
    java.util.function.ToLongFunction<Transaction> gas =
        t -> t.body().nonce() == 0 ? 50 : 20; // the first declares 50, the others 20 each
    assertThat(m.select(10, 1 << 20, 100, gas, NOW, Set.of()))
        .extracting(t -> t.body().nonce())
        .containsExactly(0L, 1L, 2L);
    assertThat(m.select(10, 1 << 20, 30, gas, NOW, Set.of()))
        .as("the first alone may exceed the budget; nothing joins it")
        .extracting(t -> t.body().nonce())
        .containsExactly(0L);
  }

  @Test
  void blocksSelectFirstInFirstOutWithinLimitsSkippingThoseAlreadyProposed() {
    Mempool m = pool(100, 1 << 20);
    for (int i = 0; i < 5; i++) {
      m.admit(tx(1, i), 100, true);
    }
    List<Transaction> first = m.select(3, 1 << 20, NOW, Set.of());
    assertThat(first).extracting(t -> t.body().nonce()).containsExactly(0L, 1L, 2L);
    Set<Hash> proposed = Set.copyOf(first.stream().map(t -> t.hash(SHA256)).toList());
    assertThat(m.isPending(first.get(0).hash(SHA256))).as("selected stays pending").isTrue();
    assertThat(m.select(10, 250, NOW, proposed))
        .extracting(t -> t.body().nonce())
        .containsExactly(3L, 4L);
    m.committed(List.copyOf(proposed));
    assertThat(m.isPending(first.get(0).hash(SHA256))).isFalse();
    assertThat(m.size()).isEqualTo(2);
    assertThat(m.bytes()).isEqualTo(200);
  }

  @Test
  void aTransactionCommittedInAnotherValidatorsBlockLeavesThePool() {
    Mempool m = pool(100, 1 << 20);
    Transaction t = tx(1, 0);
    m.admit(t, 100, true);
    m.committed(List.of(t.hash(SHA256)));
    assertThat(m.size()).isZero();
    assertThat(m.nextNonce(Address.of(key(1), SHA256))).as("asks the state again").isZero();
  }

  @Test
  void aStaleTransactionIsDroppedWithTheSendersLaterOnes() {
    Mempool m = pool(100, 1 << 20);
    m.admit(tx(1, 0), 100, true);
    m.admit(tx(1, 1), 100, true);
    m.admit(tx(2, 0), 100, true);
    m.dropStale(List.of(tx(1, 0).hash(SHA256)));
    assertThat(m.size()).isEqualTo(1);
    assertThat(m.bytes()).isEqualTo(100);
  }

  @Test
  void anExpiredTransactionIsDroppedWithTheSendersLaterOnesSoNoNonceGapReachesABlock() {
    Mempool m = pool(100, 1 << 20);
    m.admit(tx("c", key(1), 0, NOW + 10), 100, true);
    m.admit(tx("c", key(1), 1, NOW + 5000), 100, true);
    m.admit(tx(2, 0), 100, true);
    List<Transaction> taken = m.select(1, 1 << 20, NOW + 20, Set.of());
    assertThat(taken).extracting(t -> t.body().sender()).containsExactly(key(2));
    assertThat(m.size()).isEqualTo(1);
    assertThat(m.nextNonce(Address.of(key(1), SHA256))).isZero();
    assertThat(m.admit(tx(1, 0), 100, true)).isInstanceOf(Admission.Accepted.class);
  }
}
