package org.jingchain.codec;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Event;
import org.jingchain.types.EventAttribute;
import org.jingchain.types.Limits;
import org.jingchain.types.Receipt;
import org.jingchain.types.Transaction;
import org.jingchain.types.TxBody;

/**
 * Canonical encodings of the ledger records, as specified in {@code docs/spec/encoding.md}. Each
 * top-level record starts with a type tag so that bytes of one kind can never be read, hashed or
 * signed as another.
 */
public final class Canonical {
  public static final int TAG_TX_BODY = 0x01;
  public static final int TAG_BLOCK_HEADER = 0x02;
  public static final int TAG_RECEIPT = 0x03;

  private Canonical() {}

  // ---- transactions

  public static byte[] encode(TxBody b) {
    Encoder e = new Encoder(160 + b.call().args().length());
    writeBody(e, b);
    return e.toByteArray();
  }

  private static void writeBody(Encoder e, TxBody b) {
    e.u8(TAG_TX_BODY)
        .string(b.chainId())
        .publicKey(b.sender())
        .u64(b.nonce())
        .u64(b.expiresAtMillis())
        .string(b.call().contract())
        .string(b.call().method())
        .bytes(b.call().args());
  }

  private static TxBody readBody(Decoder d) {
    int tag = d.u8("tx body tag");
    if (tag != TAG_TX_BODY) {
      throw new DecodeException("tx body: expected tag 0x01, got 0x" + Integer.toHexString(tag));
    }
    String chainId = d.string("chainId", Limits.MAX_CHAIN_ID_BYTES);
    var sender = d.publicKey("sender");
    long nonce = d.u64("nonce");
    long expires = d.u64("expiresAtMillis");
    String contract = d.string("contract", Limits.MAX_NAME_BYTES);
    String method = d.string("method", Limits.MAX_NAME_BYTES);
    Bytes args = d.bytesValue("args", Limits.MAX_ARGS_BYTES);
    try {
      return new TxBody(chainId, sender, nonce, expires, new Call(contract, method, args));
    } catch (IllegalArgumentException e) {
      throw new DecodeException("tx body: " + e.getMessage());
    }
  }

  public static byte[] encode(Transaction tx) {
    Encoder e = new Encoder(tx.signingBytes().length + 4 + tx.signature().length());
    e.raw(tx.signingBytes()).bytes(tx.signature());
    return e.toByteArray();
  }

  /** Decodes one transaction that must span all of {@code in}. */
  public static Transaction decodeTransaction(byte[] in) {
    if (in.length > Limits.MAX_TX_BYTES) {
      throw new DecodeException(
          "transaction is " + in.length + " bytes, limit " + Limits.MAX_TX_BYTES);
    }
    Decoder d = new Decoder(in);
    Transaction tx = readTransaction(d);
    d.finish("transaction");
    return tx;
  }

  private static Transaction readTransaction(Decoder d) {
    TxBody body = readBody(d);
    Bytes sig = d.bytesValue("signature", Limits.MAX_SIGNATURE_BYTES);
    return new Transaction(body, sig);
  }

  // ---- blocks

  public static byte[] encode(BlockHeader h) {
    Encoder e = new Encoder(256);
    writeHeader(e, h);
    return e.toByteArray();
  }

  private static void writeHeader(Encoder e, BlockHeader h) {
    e.u8(TAG_BLOCK_HEADER)
        .string(h.chainId())
        .u64(h.height())
        .u64(h.round())
        .hash(h.parentHash())
        .u64(h.timestampMillis())
        .address(h.proposer())
        .hash(h.txRoot())
        .u32(h.txCount())
        .hash(h.stateRoot())
        .hash(h.resultsRoot());
  }

  private static BlockHeader readHeader(Decoder d) {
    int tag = d.u8("block header tag");
    if (tag != TAG_BLOCK_HEADER) {
      throw new DecodeException(
          "block header: expected tag 0x02, got 0x" + Integer.toHexString(tag));
    }
    String chainId = d.string("chainId", Limits.MAX_CHAIN_ID_BYTES);
    long height = d.u64("height");
    long round = d.u64("round");
    var parent = d.hash("parentHash");
    long ts = d.u64("timestampMillis");
    var proposer = d.address("proposer");
    var txRoot = d.hash("txRoot");
    int txCount = d.count("txCount", Limits.MAX_BLOCK_TXS);
    var stateRoot = d.hash("stateRoot");
    var resultsRoot = d.hash("resultsRoot");
    return new BlockHeader(
        chainId, height, round, parent, ts, proposer, txRoot, txCount, stateRoot, resultsRoot);
  }

  public static BlockHeader decodeHeader(byte[] in) {
    Decoder d = new Decoder(in);
    BlockHeader h = readHeader(d);
    d.finish("block header");
    return h;
  }

  /** The header at the start of an encoded block, without decoding its transactions. */
  public static BlockHeader decodeBlockHeader(byte[] block) {
    return readHeader(new Decoder(block));
  }

  /**
   * Transaction {@code index} of an encoded block, skipping the others undecoded (a block holds up
   * to 20,000; a lookup by transaction id needs one).
   */
  public static Transaction decodeTransactionAt(byte[] block, int index) {
    Decoder d = new Decoder(block);
    readHeader(d);
    int n = d.count("transaction count", Limits.MAX_BLOCK_TXS);
    if (index < 0 || index >= n) {
      throw new DecodeException("block has " + n + " transactions, no index " + index);
    }
    for (int i = 0; i < index; i++) {
      d.skip(d.count("transaction " + i + " length", Limits.MAX_TX_BYTES), "transaction " + i);
    }
    return decodeTransaction(d.bytes("transaction " + index, Limits.MAX_TX_BYTES));
  }

  /** Header, then a u32 count, then each transaction as length-prefixed bytes. */
  public static byte[] encode(Block b) {
    Encoder e = new Encoder(256 + b.transactions().size() * 200);
    writeHeader(e, b.header());
    e.u32(b.transactions().size());
    for (Transaction tx : b.transactions()) {
      e.bytes(encode(tx));
    }
    return e.toByteArray();
  }

  public static Block decodeBlock(byte[] in) {
    Decoder d = new Decoder(in);
    BlockHeader h = readHeader(d);
    int n = d.count("transaction count", Limits.MAX_BLOCK_TXS);
    List<Transaction> txs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      txs.add(decodeTransaction(d.bytes("transaction " + i, Limits.MAX_TX_BYTES)));
    }
    d.finish("block");
    try {
      return new Block(h, txs);
    } catch (IllegalArgumentException e) {
      throw new DecodeException("block: " + e.getMessage());
    }
  }

  // ---- receipts

  public static byte[] encode(Receipt r) {
    Encoder e = new Encoder(128);
    writeReceipt(e, r);
    return e.toByteArray();
  }

  private static void writeReceipt(Encoder e, Receipt r) {
    e.u8(TAG_RECEIPT)
        .hash(r.txHash())
        .u8(r.status() == Receipt.Status.SUCCESS ? 0 : 1)
        .string(r.code())
        .string(r.message())
        .u32(r.events().size());
    for (Event ev : r.events()) {
      e.string(ev.contract()).string(ev.type()).u32(ev.attributes().size());
      for (EventAttribute a : ev.attributes()) {
        e.string(a.key()).string(a.value());
      }
    }
  }

  private static Receipt readReceipt(Decoder d) {
    int tag = d.u8("receipt tag");
    if (tag != TAG_RECEIPT) {
      throw new DecodeException("receipt: expected tag 0x03, got 0x" + Integer.toHexString(tag));
    }
    var txHash = d.hash("txHash");
    int status = d.u8("status");
    if (status > 1) {
      throw new DecodeException("receipt: unknown status " + status);
    }
    String code = d.string("code", Limits.MAX_NAME_BYTES * 2);
    String message = d.string("message", Limits.MAX_RECEIPT_MESSAGE_BYTES);
    int n = d.count("event count", Limits.MAX_EVENTS_PER_RECEIPT);
    List<Event> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String contract = d.string("event contract", Limits.MAX_NAME_BYTES);
      String type = d.string("event type", Limits.MAX_NAME_BYTES * 2);
      int m = d.count("attribute count", Limits.MAX_EVENT_ATTRIBUTES);
      List<EventAttribute> attrs = new ArrayList<>(m);
      for (int j = 0; j < m; j++) {
        attrs.add(
            new EventAttribute(
                d.string("attribute key", Limits.MAX_NAME_BYTES),
                d.string("attribute value", Limits.MAX_EVENT_TEXT_BYTES)));
      }
      events.add(new Event(contract, type, attrs));
    }
    return new Receipt(
        txHash,
        status == 0 ? Receipt.Status.SUCCESS : Receipt.Status.FAILED,
        code,
        message,
        events);
  }

  public static Receipt decodeReceipt(byte[] in) {
    Decoder d = new Decoder(in);
    Receipt r = readReceipt(d);
    d.finish("receipt");
    return r;
  }

  /** A list of receipts: u32 count, then each receipt. */
  public static byte[] encodeReceipts(List<Receipt> rs) {
    Encoder e = new Encoder(64 + rs.size() * 128);
    e.u32(rs.size());
    for (Receipt r : rs) {
      writeReceipt(e, r);
    }
    return e.toByteArray();
  }

  public static List<Receipt> decodeReceipts(byte[] in) {
    Decoder d = new Decoder(in);
    int n = d.count("receipt count", Limits.MAX_BLOCK_TXS);
    List<Receipt> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(readReceipt(d));
    }
    d.finish("receipts");
    return out;
  }
}
