package org.jingchain.privacy;

import java.util.regex.Pattern;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;

/**
 * The {@code ctoken} contract's methods and their canonical argument encodings
 * (docs/spec/privacy.md section 5): clients build calls here and the contract decodes them here.
 */
public final class CtokenCalls {
  public static final String CONTRACT = "ctoken";
  public static final String REGISTER = "register";
  public static final String CREATE = "create";
  public static final String MINT = "mint";
  public static final String TRANSFER = "transfer";
  public static final String APPLY = "apply";

  /** Token symbols: 1..16 upper-case letters and digits, starting with a letter. */
  public static final Pattern SYMBOL = Pattern.compile("[A-Z][A-Z0-9]{0,15}");

  /** Amounts and balances are below 2^32 units: what a range proof of 32 bits covers. */
  public static final int BITS = 32;

  public static final long MAX_SUPPLY = (1L << BITS) - 1;

  public record Register(Bytes key, Bytes proof) {}

  public record Create(String symbol, int decimals, Address auditor) {}

  public record Mint(String symbol, Address to, long amount) {}

  /**
   * transfer: the amount committed once ({@code amount} = a·G + r·H) with its three handles
   * (sender, receiver, auditor) and their validity proof; the sender's new balance committed afresh
   * with a proof it equals the balance ciphertext minus the amount; one range proof for both; and
   * the version of the sender's balance the proofs are about.
   */
  public record Transfer(
      String symbol,
      Address to,
      long version,
      Bytes amount,
      Bytes senderHandle,
      Bytes receiverHandle,
      Bytes auditorHandle,
      Bytes validity,
      Bytes newBalance,
      Bytes equality,
      Bytes range) {}

  private CtokenCalls() {}

  private static Call call(String method, Encoder e) {
    return new Call(CONTRACT, method, Bytes.wrap(e.toByteArray()));
  }

  public static Call register(byte[] key, byte[] proof) {
    return call(REGISTER, new Encoder().bytes(key).bytes(proof));
  }

  public static Register decodeRegister(Bytes b) {
    Decoder d = new Decoder(b.unsafeArray());
    Register r =
        new Register(d.bytesValue("key", EcGroup.POINT_BYTES), d.bytesValue("proof", Dleq.BYTES));
    d.finish("register");
    return r;
  }

  public static Call create(String symbol, int decimals, Address auditor) {
    return call(CREATE, new Encoder().string(symbol).u8(decimals).address(auditor));
  }

  public static Create decodeCreate(Bytes b) {
    Decoder d = new Decoder(b.unsafeArray());
    Create c = new Create(d.string("symbol", 16), d.u8("decimals"), d.address("auditor"));
    d.finish("create");
    return c;
  }

  public static Call mint(String symbol, Address to, long amount) {
    return call(MINT, new Encoder().string(symbol).address(to).u64(amount));
  }

  public static Mint decodeMint(Bytes b) {
    Decoder d = new Decoder(b.unsafeArray());
    Mint m = new Mint(d.string("symbol", 16), d.address("to"), d.u64("amount"));
    d.finish("mint");
    return m;
  }

  /** apply(symbol): the owner adds its pending balance to its available one. */
  public static Call apply(String symbol) {
    return call(APPLY, new Encoder().string(symbol));
  }

  public static String decodeApply(Bytes b) {
    Decoder d = new Decoder(b.unsafeArray());
    String s = d.string("symbol", 16);
    d.finish("apply");
    return s;
  }

  public static Call transfer(Transfer t) {
    return call(
        TRANSFER,
        new Encoder()
            .string(t.symbol())
            .address(t.to())
            .u64(t.version())
            .bytes(t.amount())
            .bytes(t.senderHandle())
            .bytes(t.receiverHandle())
            .bytes(t.auditorHandle())
            .bytes(t.validity())
            .bytes(t.newBalance())
            .bytes(t.equality())
            .bytes(t.range()));
  }

  public static Transfer decodeTransfer(Bytes b) {
    Decoder d = new Decoder(b.unsafeArray());
    Transfer t =
        new Transfer(
            d.string("symbol", 16),
            d.address("to"),
            d.u64("version"),
            d.bytesValue("amount", EcGroup.POINT_BYTES),
            d.bytesValue("sender handle", EcGroup.POINT_BYTES),
            d.bytesValue("receiver handle", EcGroup.POINT_BYTES),
            d.bytesValue("auditor handle", EcGroup.POINT_BYTES),
            exact(d, "validity proof", 33 * 4 + 1 + 64),
            d.bytesValue("new balance", EcGroup.POINT_BYTES),
            d.bytesValue("equality proof", EqualityProof.BYTES),
            exact(d, "range proof", RangeProof.size(2 * BITS)));
    d.finish("transfer");
    return t;
  }

  /** Length-prefixed bytes that must be exactly {@code n} long. */
  private static Bytes exact(Decoder d, String what, int n) {
    Bytes b = d.bytesValue(what, n);
    if (b.length() != n) {
      throw new org.jingchain.codec.DecodeException(
          what + " is " + b.length() + " bytes, not " + n);
    }
    return b;
  }

  /** The context every proof of a transfer is bound to ([PRIV-26]). */
  public static byte[] transferContext(
      String chainId, String symbol, Address from, Address to, long version) {
    return new Encoder()
        .string("jing-ct-transfer")
        .string(chainId)
        .string(symbol)
        .address(from)
        .address(to)
        .u64(version)
        .toByteArray();
  }

  public static byte[] registerContext(String chainId, Address account) {
    return new Encoder().string("jing-ct-register").string(chainId).address(account).toByteArray();
  }

  /** Gas a call declares ([PRIV-18]): its curve work at 6,000 a multiplication. */
  public static long gas(Call call) {
    long m = AggregateCalls.GAS_PER_MULTIPLICATION;
    try {
      return switch (call.method()) {
        case REGISTER -> {
          decodeRegister(call.args());
          yield 2 * m;
        }
        case MINT -> {
          decodeMint(call.args());
          yield m;
        }
        case APPLY -> {
          decodeApply(call.args());
          yield 0;
        }
        case TRANSFER -> {
          decodeTransfer(call.args());
          // validity (2 + 3 × 2), equality (3 × 3), range proof (about 2·64 + 20 in one MSM)
          yield 170 * m;
        }
        default -> 0;
      };
    } catch (org.jingchain.codec.DecodeException e) {
      return 0;
    }
  }
}
