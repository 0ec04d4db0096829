package org.jingchain.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Event;
import org.jingchain.types.EventAttribute;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;
import org.jingchain.types.MerkleRoot;
import org.jingchain.types.PublicKey;
import org.jingchain.types.Receipt;
import org.jingchain.types.SuiteId;
import org.jingchain.types.Transaction;
import org.jingchain.types.TxBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The test vectors of docs/spec/encoding.md, and the strictness rules [ENC-1]..[ENC-4]. */
class CanonicalTest {
  static final HexFormat HEX = HexFormat.of();

  static final HashFunction SHA256 =
      data -> {
        try {
          return Hash.wrap(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
          throw new AssertionError(e);
        }
      };

  static Transaction vectorTx() {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 0x11);
    byte[] sig = new byte[64];
    Arrays.fill(sig, (byte) 0x22);
    TxBody body =
        new TxBody(
            "dev",
            new PublicKey(SuiteId.INTL, Bytes.wrap(key)),
            7,
            1_700_000_000_000L,
            new Call("asset", "transfer", Bytes.fromHex("0102")));
    return new Transaction(body, Bytes.wrap(sig));
  }

  static BlockHeader vectorHeader() {
    return new BlockHeader(
        "dev",
        1,
        2,
        Hash.fromHex("aa".repeat(32)),
        1_700_000_000_500L,
        new Address(SuiteId.SM, Bytes.fromHex("33".repeat(20))),
        Hash.fromHex("bb".repeat(32)),
        0,
        Hash.ZERO,
        Hash.ZERO);
  }

  static final String TX_BODY_HEX =
      "01" // tag: tx body
          + "00000003"
          + "646576" // chainId "dev"
          + "01"
          + "11".repeat(32) // sender: intl key
          + "0000000000000007" // nonce 7
          + "0000018bcfe56800" // expiresAtMillis 1700000000000
          + "00000005"
          + "6173736574" // contract "asset"
          + "00000008"
          + "7472616e73666572" // method "transfer"
          + "00000002"
          + "0102"; // args

  static final String TX_HEX = TX_BODY_HEX + "00000040" + "22".repeat(64);

  @Test
  void transactionMatchesTheSpecVector() {
    Transaction tx = vectorTx();
    assertThat(HEX.formatHex(tx.signingBytes())).isEqualTo(TX_BODY_HEX);
    assertThat(HEX.formatHex(Canonical.encode(tx))).isEqualTo(TX_HEX);
    assertThat(tx.hash(SHA256).toHex()).isEqualTo(SHA256.hash(HEX.parseHex(TX_BODY_HEX)).toHex());
    assertThat(Canonical.decodeTransaction(HEX.parseHex(TX_HEX))).isEqualTo(tx);
  }

  @Test
  void blockHeaderMatchesTheSpecVector() {
    String expected =
        "02"
            + "00000003646576"
            + "0000000000000001"
            + "0000000000000002"
            + "aa".repeat(32)
            + "0000018bcfe569f4"
            + "02"
            + "33".repeat(20)
            + "bb".repeat(32)
            + "00000000"
            + "00".repeat(32)
            + "00".repeat(32);
    assertThat(HEX.formatHex(Canonical.encode(vectorHeader()))).isEqualTo(expected);
    assertThat(Canonical.decodeHeader(HEX.parseHex(expected))).isEqualTo(vectorHeader());
  }

  @Test
  void receiptMatchesTheSpecVector() {
    Receipt r =
        new Receipt(
            Hash.fromHex("cc".repeat(32)),
            Receipt.Status.FAILED,
            "X",
            "m",
            List.of(new Event("asset", "T", List.of(new EventAttribute("k", "v")))));
    String expected =
        "03"
            + "cc".repeat(32)
            + "01"
            + "0000000158"
            + "000000016d"
            + "00000001"
            + "000000056173736574"
            + "0000000154"
            + "00000001"
            + "000000016b"
            + "0000000176";
    assertThat(HEX.formatHex(Canonical.encode(r))).isEqualTo(expected);
    assertThat(Canonical.decodeReceipt(HEX.parseHex(expected))).isEqualTo(r);
  }

  @Test
  void blocksRoundTrip() {
    Transaction tx = vectorTx();
    BlockHeader h = vectorHeader();
    BlockHeader withTx =
        new BlockHeader(
            h.chainId(),
            h.height(),
            h.round(),
            h.parentHash(),
            h.timestampMillis(),
            h.proposer(),
            MerkleRoot.of(List.of(tx.hash(SHA256)), SHA256),
            1,
            h.stateRoot(),
            h.resultsRoot());
    Block b = new Block(withTx, List.of(tx));
    assertThat(Canonical.decodeBlock(Canonical.encode(b))).isEqualTo(b);
  }

  @Test
  void aHeaderOrOneTransactionCanBeReadWithoutDecodingTheWholeBlock() {
    Transaction a = vectorTx();
    Transaction b =
        new Transaction(
            new TxBody("dev", a.body().sender(), 8, 1, new Call("asset", "mint", Bytes.EMPTY)),
            a.signature());
    BlockHeader h = vectorHeader();
    BlockHeader two =
        new BlockHeader(
            h.chainId(),
            h.height(),
            h.round(),
            h.parentHash(),
            h.timestampMillis(),
            h.proposer(),
            h.txRoot(),
            2,
            h.stateRoot(),
            h.resultsRoot());
    byte[] block = Canonical.encode(new Block(two, List.of(a, b)));
    assertThat(Canonical.decodeBlockHeader(block)).isEqualTo(two);
    assertThat(Canonical.decodeTransactionAt(block, 0)).isEqualTo(a);
    assertThat(Canonical.decodeTransactionAt(block, 1)).isEqualTo(b);
    assertThatThrownBy(() -> Canonical.decodeTransactionAt(block, 2))
        .isInstanceOf(DecodeException.class);
  }

  /** [ENC-1] Every strict prefix of a valid encoding is rejected. */
  @Test
  void everyTruncationIsRejected() {
    byte[] full = HEX.parseHex(TX_HEX);
    for (int n = 0; n < full.length; n++) {
      byte[] cut = Arrays.copyOf(full, n);
      assertThatThrownBy(() -> Canonical.decodeTransaction(cut))
          .as("prefix of length %d", n)
          .isInstanceOf(DecodeException.class);
    }
  }

  /** [ENC-2] Trailing bytes are rejected. */
  @Test
  void trailingBytesAreRejected() {
    byte[] full = HEX.parseHex(TX_HEX + "00");
    assertThatThrownBy(() -> Canonical.decodeTransaction(full))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("trailing");
  }

  /** [ENC-3] Invalid UTF-8, unknown tags and unknown suites are rejected. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "02", // wrong type tag
        "0100000003ff6576", // invalid UTF-8 in chainId
        "010000000364657609", // unknown suite tag 9
      })
  void malformedFieldsAreRejected(String prefix) {
    byte[] in = HEX.parseHex(prefix + TX_HEX.substring(Math.min(prefix.length(), TX_HEX.length())));
    assertThatThrownBy(() -> Canonical.decodeTransaction(in)).isInstanceOf(DecodeException.class);
  }

  /** [ENC-4] Declared lengths above the limits are rejected before any allocation. */
  @Test
  void hugeLengthPrefixIsRejected() {
    byte[] in = HEX.parseHex("01" + "7fffffff");
    assertThatThrownBy(() -> Canonical.decodeTransaction(in))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void randomBytesNeverEscapeAsAnythingButDecodeException() {
    Random rnd = new Random(42);
    byte[] valid = HEX.parseHex(TX_HEX);
    for (int i = 0; i < 20_000; i++) {
      byte[] in = valid.clone();
      int flips = 1 + rnd.nextInt(4);
      for (int f = 0; f < flips; f++) {
        in[rnd.nextInt(in.length)] = (byte) rnd.nextInt(256);
      }
      try {
        Transaction tx = Canonical.decodeTransaction(in);
        assertThat(Canonical.encode(tx)).as("decoded input re-encodes identically").isEqualTo(in);
      } catch (DecodeException expected) {
        // rejected: fine
      }
    }
  }

  @Test
  void merkleRootOfNothingIsZeroAndOfOneIsTheLeafHash() {
    Hash a = Hash.fromHex("01".repeat(32));
    assertThat(MerkleRoot.of(List.of(), SHA256)).isEqualTo(Hash.ZERO);
    assertThat(MerkleRoot.of(List.of(a), SHA256))
        .isEqualTo(SHA256.hash(new byte[] {0}, a.toByteArray()));
    assertThat(MerkleRoot.of(List.of(a, a, a), SHA256))
        .isNotEqualTo(MerkleRoot.of(List.of(a, a), SHA256));
  }

  @Test
  void addressesHaveOneTextForm() {
    Address a = new Address(SuiteId.SM, Bytes.fromHex("33".repeat(20)));
    assertThat(a.toString()).isEqualTo("js" + "33".repeat(20));
    assertThat(Address.parse(a.toString())).isEqualTo(a);
    assertThatThrownBy(() -> Address.parse("jx" + "33".repeat(20)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Address.parse("js" + "AB".repeat(20)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
