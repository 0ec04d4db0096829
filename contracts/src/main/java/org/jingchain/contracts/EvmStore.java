package org.jingchain.contracts;

import java.util.HexFormat;
import java.util.Optional;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.evm.Account;
import org.jingchain.evm.Address;
import org.jingchain.evm.TxState;
import org.jingchain.evm.UInt256;
import org.jingchain.evm.WorldView;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Bytes;

/**
 * Where contracts live in the authenticated state tree [EVM-STATE-3], so every account, code and
 * storage slot has a Merkle proof like any other value:
 *
 * <ul>
 *   <li>{@code evm/a/<address>} — the account: nonce (u64) then balance (32 bytes);
 *   <li>{@code evm/c/<address>} — its code;
 *   <li>{@code evm/s/<address>/<slot>} — a storage slot's 32-byte value (absent means zero).
 * </ul>
 *
 * Addresses are 40 and slots 64 lower-case hex digits, without 0x.
 */
public final class EvmStore {
  private static final HexFormat HEX = HexFormat.of();

  private EvmStore() {}

  public static String accountKey(Address a) {
    return "evm/a/" + hex(a);
  }

  public static String codeKey(Address a) {
    return "evm/c/" + hex(a);
  }

  public static String slotKey(Address a, UInt256 slot) {
    return "evm/s/" + hex(a) + "/" + HEX.formatHex(slot.toBytes());
  }

  private static String hex(Address a) {
    return HEX.formatHex(a.toBytes());
  }

  /** The account at {@code a}, if one exists. */
  public static Optional<Account> account(StateReader state, Address a) {
    Optional<Bytes> acct = state.get(WriteSet.key(accountKey(a)));
    if (acct.isEmpty()) {
      return Optional.empty();
    }
    Decoder d = new Decoder(acct.get().unsafeArray());
    long nonce = d.u64("nonce");
    UInt256 balance = UInt256.fromBytes(d.raw(32, "balance"));
    d.finish("evm account");
    byte[] code = state.get(WriteSet.key(codeKey(a))).map(Bytes::toByteArray).orElse(new byte[0]);
    return Optional.of(new Account(nonce, balance, code));
  }

  public static UInt256 storage(StateReader state, Address a, UInt256 slot) {
    return state
        .get(WriteSet.key(slotKey(a, slot)))
        .map(b -> UInt256.fromBytes(b.unsafeArray()))
        .orElse(UInt256.ZERO);
  }

  /** The EVM's view of {@code state}. */
  public static WorldView view(StateReader state) {
    return new WorldView() {
      @Override
      public Account account(Address a) {
        return EvmStore.account(state, a).orElse(null);
      }

      @Override
      public UInt256 storage(Address a, UInt256 key) {
        return EvmStore.storage(state, a, key);
      }
    };
  }

  /** Writes what a successful transaction changed into {@code out}, in address and slot order. */
  public static void apply(TxState tx, WriteSet out) {
    for (TxState.AccountChange ch : tx.changes()) {
      Address a = ch.address();
      if (ch.deleted()) {
        // Only accounts created in this transaction are destroyed (EIP-6780): their slots were
        // never written to state, so the account and its code are all there is to remove.
        out.delete(WriteSet.key(accountKey(a)));
        out.delete(WriteSet.key(codeKey(a)));
        continue;
      }
      Account acc = ch.account();
      out.put(
          accountKey(a),
          Bytes.wrap(new Encoder().u64(acc.nonce()).raw(acc.balance().toBytes()).toByteArray()));
      if (tx.created().contains(a) && acc.code().length > 0) {
        out.put(codeKey(a), Bytes.wrap(acc.code()));
      }
      ch.storage()
          .forEach(
              (slot, value) -> {
                if (value.isZero()) {
                  out.delete(WriteSet.key(slotKey(a, slot)));
                } else {
                  out.put(slotKey(a, slot), Bytes.wrap(value.toBytes()));
                }
              });
    }
  }
}
