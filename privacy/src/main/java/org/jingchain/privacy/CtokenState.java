package org.jingchain.privacy;

import java.util.Optional;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;

/**
 * Where the confidential token service keeps its state ({@code ct/}), its records, and the reads
 * over it (docs/spec/privacy.md section 5).
 */
public final class CtokenState {
  private static final int VERSION = 1;

  private CtokenState() {}

  /** A confidential token: issuer, decimals, auditor, public supply, transfers so far. */
  public record Token(
      String symbol, Address issuer, int decimals, Address auditor, long supply, long transfers) {
    byte[] encode() {
      return new Encoder()
          .u8(VERSION)
          .string(symbol)
          .address(issuer)
          .u8(decimals)
          .address(auditor)
          .u64(supply)
          .u64(transfers)
          .toByteArray();
    }

    static Token decode(byte[] b) {
      Decoder d = versioned(b, "token");
      Token t =
          new Token(
              d.string("symbol", 16),
              d.address("issuer"),
              d.u8("decimals"),
              d.address("auditor"),
              d.u64("supply"),
              d.u64("transfers"));
      d.finish("token");
      return t;
    }
  }

  /**
   * An account's balance of a token: the available balance, a twisted ElGamal ciphertext {@code (C,
   * D)} under its key, with a version only the owner's own transfers and applies move on (a
   * transfer's proofs name the version they are about); and the pending balance {@code (PC, PD)}
   * that mints and incoming transfers add to, which the owner applies to the available one — so
   * nobody else can make its proofs stale ([PRIV-26]).
   */
  public record Balance(Bytes c, Bytes d, long version, Bytes pc, Bytes pd) {
    public static Balance zero(EcGroup g) {
      Bytes o = Bytes.wrap(g.encode(g.identity()));
      return new Balance(o, o, 0, o, o);
    }

    /** True when nothing is pending (both pending points the identity). */
    public boolean nothingPending() {
      return isZero(pc) && isZero(pd);
    }

    private static boolean isZero(Bytes b) {
      for (byte x : b.unsafeArray()) {
        if (x != 0) {
          return false;
        }
      }
      return true;
    }

    byte[] encode() {
      return new Encoder()
          .u8(VERSION)
          .bytes(c)
          .bytes(d)
          .u64(version)
          .bytes(pc)
          .bytes(pd)
          .toByteArray();
    }

    static Balance decode(byte[] b) {
      Decoder d = versioned(b, "balance");
      Balance x =
          new Balance(
              d.bytesValue("C", EcGroup.POINT_BYTES),
              d.bytesValue("D", EcGroup.POINT_BYTES),
              d.u64("version"),
              d.bytesValue("PC", EcGroup.POINT_BYTES),
              d.bytesValue("PD", EcGroup.POINT_BYTES));
      d.finish("balance");
      return x;
    }
  }

  /** A transfer as the auditor reads it: who, to whom, the amount's commitment and its handle. */
  public record TransferRecord(
      long seq, Address from, Address to, Bytes amount, Bytes auditorHandle, long height) {
    byte[] encode() {
      return new Encoder()
          .u8(VERSION)
          .u64(seq)
          .address(from)
          .address(to)
          .bytes(amount)
          .bytes(auditorHandle)
          .u64(height)
          .toByteArray();
    }

    static TransferRecord decode(byte[] b) {
      Decoder d = versioned(b, "transfer");
      TransferRecord t =
          new TransferRecord(
              d.u64("seq"),
              d.address("from"),
              d.address("to"),
              d.bytesValue("amount", EcGroup.POINT_BYTES),
              d.bytesValue("auditor handle", EcGroup.POINT_BYTES),
              d.u64("height"));
      d.finish("transfer");
      return t;
    }
  }

  private static Decoder versioned(byte[] b, String what) {
    Decoder d = new Decoder(b);
    int v = d.u8(what + " version");
    if (v != VERSION) {
      throw new DecodeException(what + " version " + v + ", not " + VERSION);
    }
    return d;
  }

  static String keyKey(Address a) {
    return "ct/key/" + a;
  }

  static String tokenKey(String symbol) {
    return "ct/token/" + symbol;
  }

  static String balanceKey(String symbol, Address a) {
    return "ct/bal/" + symbol + "/" + a;
  }

  static String transferKey(String symbol, long seq) {
    return "ct/xfer/" + symbol + "/" + seq;
  }

  static String usedKey(Bytes commitment) {
    return "ct/used/" + commitment.toHex();
  }

  /** An account's registered encryption key {@code P = s⁻¹·H}. */
  public static Optional<Bytes> key(StateReader s, Address a) {
    return s.get(WriteSet.key(keyKey(a)));
  }

  public static Optional<Token> token(StateReader s, String symbol) {
    return s.get(WriteSet.key(tokenKey(symbol))).map(b -> Token.decode(b.unsafeArray()));
  }

  /** An account's balance; absent accounts hold the encryption of 0 at version 0. */
  public static Balance balance(StateReader s, EcGroup g, String symbol, Address a) {
    return s.get(WriteSet.key(balanceKey(symbol, a)))
        .map(b -> Balance.decode(b.unsafeArray()))
        .orElse(Balance.zero(g));
  }

  public static Optional<TransferRecord> transfer(StateReader s, String symbol, long seq) {
    return s.get(WriteSet.key(transferKey(symbol, seq)))
        .map(b -> TransferRecord.decode(b.unsafeArray()));
  }

  static boolean used(StateReader s, Bytes commitment) {
    return s.get(WriteSet.key(usedKey(commitment))).isPresent();
  }

  static void put(WriteSet s, Token t) {
    s.put(tokenKey(t.symbol()), Bytes.wrap(t.encode()));
  }

  static void put(WriteSet s, String symbol, Address a, Balance b) {
    s.put(balanceKey(symbol, a), Bytes.wrap(b.encode()));
  }

  static void put(WriteSet s, String symbol, TransferRecord t) {
    s.put(transferKey(symbol, t.seq()), Bytes.wrap(t.encode()));
  }

  static void putKey(WriteSet s, Address a, Bytes key) {
    s.put(keyKey(a), key);
  }

  static void markUsed(WriteSet s, Bytes commitment) {
    s.put(usedKey(commitment), Bytes.wrap(new byte[] {1}));
  }
}
