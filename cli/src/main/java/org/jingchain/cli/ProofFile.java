package org.jingchain.cli;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jingchain.codec.Canonical;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.MessageCodec;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.light.CommittedHeader;
import org.jingchain.light.LightClient;
import org.jingchain.light.LightClientException;
import org.jingchain.state.ProofVerifier;
import org.jingchain.state.SparseMerkleProof;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;

/**
 * A proof file: one state read saved by {@code jing state get --out} and checked offline by {@code
 * jing proof verify}. Normative: docs/spec/state.md section 9 ([STATE-17..23]). Version 2 carries
 * the header of block {@code version}, its commit proof (whose child, block {@code version + 1},
 * carries {@code stateRoot}) and the validator-set changes before it, so that validators trusted
 * from genesis can certify the root; version 1 files, written before, are read and checked against
 * a root as they always were.
 *
 * @param format {@link #FORMAT_1} or {@link #FORMAT_2}
 * @param chainId the chain's id; null in a version 1 file
 * @param key the key's bytes
 * @param value the value, or empty when the file proves the key absent
 * @param certifiedBy the block whose header carries {@code stateRoot}; null only in a version 1
 *     file read at the head
 * @param header block {@code version}'s header; null in a version 1 file
 * @param commitProof block {@code version}'s commit proof; null in a version 1 file
 * @param epochs the validator-set changes up to {@code version}, in order; empty in version 1
 */
record ProofFile(
    String format,
    String chainId,
    SuiteId suite,
    Bytes key,
    Optional<Bytes> value,
    long version,
    Hash stateRoot,
    Bytes proof,
    Certification certifiedBy,
    BlockHeader header,
    CommitProof commitProof,
    List<EpochChange> epochs) {

  static final String FORMAT_1 = "jing-state-proof-1";
  static final String FORMAT_2 = "jing-state-proof-2";

  /** A file above this many bytes is refused unread [STATE-17]. */
  static final long MAX_FILE_BYTES = 64L << 20;

  /** Keys are 1..1024 bytes, as the node's API takes them. */
  static final int MAX_KEY_BYTES = 1024;

  private static final List<String> MEMBERS_1 =
      List.of("format", "suite", "key", "value", "version", "stateRoot", "proof", "certifiedBy");
  private static final List<String> MEMBERS_2 =
      List.of(
          "format",
          "chainId",
          "suite",
          "key",
          "keyHex",
          "value",
          "version",
          "stateRoot",
          "proof",
          "certifiedBy",
          "header",
          "commitProof",
          "epochs");
  private static final List<String> CERTIFIED_BY = List.of("height", "blockHash");
  private static final List<String> EPOCH =
      List.of(
          "epoch", "firstHeight", "header", "commitProof", "validatorsValue", "validatorsProof");

  /** Strict JSON: no duplicate members, nothing after the object [STATE-17]. */
  private static final ObjectMapper READER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final ObjectMapper WRITER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  ProofFile {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(proof, "proof");
    epochs = List.copyOf(epochs);
  }

  /** The block whose header carries the state root: {@code version + 1}. */
  record Certification(long height, Hash blockHash) {}

  /**
   * A validator-set change [STATE-20]: epoch {@code epoch} certifies heights from {@code
   * firstHeight}; {@code header} is the block that ended the previous epoch (height {@code
   * firstHeight - 1}), {@code commitProof} its commit proof, {@code validatorsValue} the value of
   * {@code gov/validators} after it and {@code validatorsProof} the proof of that value.
   */
  record EpochChange(
      long epoch,
      long firstHeight,
      BlockHeader header,
      CommitProof commitProof,
      Bytes validatorsValue,
      SparseMerkleProof validatorsProof) {}

  /**
   * The outcome of {@link #check}: valid or not, why not, the root the proof was checked against
   * and what vouches for that root.
   */
  record Verdict(boolean valid, String reason, Hash root, String checkedAgainst) {}

  boolean isVersion2() {
    return FORMAT_2.equals(format);
  }

  /** The key as text [STATE-19]: its UTF-8 reading, or empty when its bytes are not UTF-8. */
  Optional<String> keyText() {
    return utf8(key);
  }

  /** How the key reads to a person: quoted text, or {@code 0x} and its hex when not UTF-8. */
  String keyLabel() {
    return keyText().map(t -> "'" + t + "'").orElse("0x" + key.toHex());
  }

  static Optional<String> utf8(Bytes b) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(b.unsafeArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  CryptoSuite cryptoSuite() {
    return CryptoSuites.of(suite);
  }

  // ---- reading [STATE-17..20], [STATE-23]

  /**
   * Reads {@code file}.
   *
   * @throws CliException naming the file and what is wrong, when it cannot be read or is malformed
   */
  static ProofFile read(Path file) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      throw new CliException("cannot read proof file " + file + ": " + e.getMessage());
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new CliException(
          file + " is not a proof file: larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
    }
    try {
      return parse(bytes);
    } catch (Malformed e) {
      throw new CliException(file + " is not a valid proof file: " + e.getMessage());
    }
  }

  /** A file that breaks the format: the reader's error, not a verdict. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  /** Parses a proof file's bytes, strictly. */
  static ProofFile parse(byte[] json) throws Malformed {
    JsonNode f;
    try {
      f = READER.readTree(json);
    } catch (IOException e) {
      throw new Malformed("not JSON: " + firstLine(e.getMessage()));
    }
    if (f == null || !f.isObject()) {
      throw new Malformed("not a JSON object");
    }
    JsonNode format = f.get("format");
    if (format == null || !format.isTextual()) {
      throw new Malformed(
          "no \"format\" member: not a Jingchain proof file ("
              + FORMAT_2
              + " or "
              + FORMAT_1
              + ")");
    }
    try {
      return switch (format.asText()) {
        case FORMAT_2 -> parse2(f);
        case FORMAT_1 -> parse1(f);
        default ->
            throw new Malformed(
                "unknown format \""
                    + format.asText()
                    + "\" (this jing reads "
                    + FORMAT_2
                    + " and "
                    + FORMAT_1
                    + ")");
      };
    } catch (RuntimeException e) {
      // a decoder's own exception (DecodeException, MalformedProofException, ...) on a member
      throw new Malformed(String.valueOf(e.getMessage()));
    }
  }

  private static ProofFile parse2(JsonNode f) throws Malformed {
    members(f, MEMBERS_2, "the file");
    String chainId = text(f, "chainId");
    int chainIdBytes = chainId.getBytes(StandardCharsets.UTF_8).length;
    if (chainIdBytes < 1 || chainIdBytes > 64) {
      throw new Malformed("\"chainId\" must be 1..64 bytes");
    }
    SuiteId suite = suite(f);
    Bytes key = Bytes.wrap(hex(f, "keyHex", true));
    if (key.length() < 1 || key.length() > MAX_KEY_BYTES) {
      throw new Malformed("\"keyHex\" must hold 1.." + MAX_KEY_BYTES + " bytes");
    }
    JsonNode text = f.get("key");
    Optional<String> expected = utf8(key);
    if (text.isNull() != expected.isEmpty()
        || (!text.isNull() && !(text.isTextual() && text.asText().equals(expected.get())))) {
      throw new Malformed(
          expected.isPresent()
              ? "\"key\" must be the UTF-8 text of \"keyHex\", \"" + expected.get() + "\""
              : "\"key\" must be null: the bytes of \"keyHex\" are not UTF-8 text");
    }
    Optional<Bytes> value = nullOrHex(f, "value", true);
    long version = u64(f, "version");
    Hash stateRoot = hash(f, "stateRoot", true);
    Bytes proof = Bytes.wrap(decode(f, "proof", b -> SparseMerkleProof.decode(b).encode()));
    JsonNode cb = f.get("certifiedBy");
    if (!cb.isObject()) {
      throw new Malformed("\"certifiedBy\" must be an object {height, blockHash}");
    }
    members(cb, CERTIFIED_BY, "\"certifiedBy\"");
    Certification certifiedBy = new Certification(u64(cb, "height"), hash(cb, "blockHash", true));
    BlockHeader header = decode(f, "header", Canonical::decodeHeader);
    CommitProof commitProof = decode(f, "commitProof", MessageCodec::decodeCommitProof);
    JsonNode es = f.get("epochs");
    if (!es.isArray()) {
      throw new Malformed("\"epochs\" must be an array");
    }
    List<EpochChange> epochs = new ArrayList<>();
    for (JsonNode e : es) {
      if (!e.isObject()) {
        throw new Malformed("each of \"epochs\" must be an object");
      }
      members(e, EPOCH, "an element of \"epochs\"");
      EpochChange c =
          new EpochChange(
              u64(e, "epoch"),
              u64(e, "firstHeight"),
              decode(e, "header", Canonical::decodeHeader),
              decode(e, "commitProof", MessageCodec::decodeCommitProof),
              Bytes.wrap(hex(e, "validatorsValue", true)),
              decode(e, "validatorsProof", SparseMerkleProof::decode));
      if (c.epoch() != epochs.size() + 1) {
        throw new Malformed(
            "\"epochs\" must list epochs 1, 2, ... in order; element "
                + epochs.size()
                + " is epoch "
                + c.epoch());
      }
      if (c.firstHeight() < 1 || c.firstHeight() > version) {
        throw new Malformed(
            "epoch "
                + c.epoch()
                + " starts at height "
                + c.firstHeight()
                + ": \"epochs\" holds the epochs that start at heights 1.."
                + version);
      }
      if (!epochs.isEmpty() && c.firstHeight() <= epochs.getLast().firstHeight()) {
        throw new Malformed("\"epochs\" must start at increasing heights");
      }
      epochs.add(c);
    }
    return new ProofFile(
        FORMAT_2,
        chainId,
        suite,
        key,
        value,
        version,
        stateRoot,
        proof,
        certifiedBy,
        header,
        commitProof,
        epochs);
  }

  /** Version 1 [STATE-23]: its members, its UTF-8 {@code key}, hex read as it always was. */
  private static ProofFile parse1(JsonNode f) throws Malformed {
    members(f, MEMBERS_1, "the file");
    SuiteId suite = suite(f);
    Bytes key = Bytes.wrap(text(f, "key").getBytes(StandardCharsets.UTF_8));
    Optional<Bytes> value = nullOrHex(f, "value", false);
    long version = u64(f, "version");
    Hash stateRoot = hash(f, "stateRoot", false);
    Bytes proof = Bytes.wrap(hex(f, "proof", false));
    JsonNode cb = f.get("certifiedBy");
    Certification certifiedBy = null;
    if (!cb.isNull()) {
      if (!cb.isObject()) {
        throw new Malformed("\"certifiedBy\" must be null or an object {height, blockHash}");
      }
      members(cb, CERTIFIED_BY, "\"certifiedBy\"");
      certifiedBy = new Certification(u64(cb, "height"), hash(cb, "blockHash", false));
    }
    return new ProofFile(
        FORMAT_1,
        null,
        suite,
        key,
        value,
        version,
        stateRoot,
        proof,
        certifiedBy,
        null,
        null,
        List.of());
  }

  /** Exactly {@code names}: none missing, none other [STATE-17]. */
  private static void members(JsonNode o, List<String> names, String where) throws Malformed {
    Set<String> missing = new LinkedHashSet<>(names);
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String n = it.next();
      if (!missing.remove(n)) {
        throw new Malformed(
            where
                + " has the unknown member \""
                + n
                + "\" (known: "
                + String.join(", ", names)
                + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new Malformed(where + " lacks the member \"" + missing.iterator().next() + "\"");
    }
  }

  private static String text(JsonNode o, String name) throws Malformed {
    JsonNode n = o.get(name);
    if (!n.isTextual()) {
      throw new Malformed("\"" + name + "\" must be a string");
    }
    return n.asText();
  }

  private static SuiteId suite(JsonNode f) throws Malformed {
    String s = text(f, "suite");
    return SuiteId.fromLabel(s)
        .filter(id -> id.label().equals(s))
        .orElseThrow(
            () -> new Malformed("\"suite\" must be \"intl\" or \"sm\", not \"" + s + "\""));
  }

  /** A non-negative integer up to 2^63 - 1, written without fraction or exponent [STATE-18]. */
  private static long u64(JsonNode o, String name) throws Malformed {
    JsonNode n = o.get(name);
    if (!n.isIntegralNumber()
        || n.bigIntegerValue().signum() < 0
        || n.bigIntegerValue().compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) {
      throw new Malformed("\"" + name + "\" must be an integer 0.." + Long.MAX_VALUE);
    }
    return n.longValue();
  }

  /** Hex [STATE-18]: lowercase only in version 2; version 1 files are read as before. */
  private static byte[] hex(JsonNode o, String name, boolean lowercaseOnly) throws Malformed {
    String s = text(o, name);
    if (s.length() % 2 != 0
        || !s.chars()
            .allMatch(
                c ->
                    (c >= '0' && c <= '9')
                        || (c >= 'a' && c <= 'f')
                        || (!lowercaseOnly && c >= 'A' && c <= 'F'))) {
      throw new Malformed(
          "\""
              + name
              + "\" must be "
              + (lowercaseOnly ? "lowercase " : "")
              + "hex digits, two per byte");
    }
    return HexFormat.of().parseHex(s);
  }

  /** A hex member holding an encoding, decoded strictly by its own spec [STATE-22] 1. */
  private static <T> T decode(JsonNode o, String name, Function<byte[], T> decoder)
      throws Malformed {
    byte[] b = hex(o, name, true);
    try {
      return decoder.apply(b);
    } catch (RuntimeException e) {
      throw new Malformed("\"" + name + "\" does not decode: " + e.getMessage());
    }
  }

  private static Optional<Bytes> nullOrHex(JsonNode o, String name, boolean lowercaseOnly)
      throws Malformed {
    return o.get(name).isNull()
        ? Optional.empty()
        : Optional.of(Bytes.wrap(hex(o, name, lowercaseOnly)));
  }

  private static Hash hash(JsonNode o, String name, boolean lowercaseOnly) throws Malformed {
    byte[] b = hex(o, name, lowercaseOnly);
    if (b.length != Hash.LENGTH) {
      throw new Malformed("\"" + name + "\" must be 32 bytes (64 hex digits)");
    }
    return Hash.wrap(b);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  // ---- writing [STATE-17]

  /** The file's bytes: version 2, members in the order of [STATE-17], pretty-printed UTF-8. */
  byte[] toBytes() {
    if (!isVersion2()) {
      throw new IllegalStateException("only " + FORMAT_2 + " files are written");
    }
    ObjectNode f = WRITER.createObjectNode();
    f.put("format", FORMAT_2);
    f.put("chainId", chainId);
    f.put("suite", suite.label());
    f.put("key", keyText().orElse(null));
    f.put("keyHex", key.toHex());
    f.put("value", value.map(Bytes::toHex).orElse(null));
    f.put("version", version);
    f.put("stateRoot", stateRoot.toHex());
    f.put("proof", proof.toHex());
    f.putObject("certifiedBy")
        .put("height", certifiedBy.height())
        .put("blockHash", certifiedBy.blockHash().toHex());
    f.put("header", HexFormat.of().formatHex(Canonical.encode(header)));
    f.put("commitProof", HexFormat.of().formatHex(MessageCodec.encode(commitProof)));
    ArrayNode es = f.putArray("epochs");
    for (EpochChange e : epochs) {
      es.addObject()
          .put("epoch", e.epoch())
          .put("firstHeight", e.firstHeight())
          .put("header", HexFormat.of().formatHex(Canonical.encode(e.header())))
          .put("commitProof", HexFormat.of().formatHex(MessageCodec.encode(e.commitProof())))
          .put("validatorsValue", e.validatorsValue().toHex())
          .put("validatorsProof", HexFormat.of().formatHex(e.validatorsProof().encode()));
    }
    try {
      return WRITER.writeValueAsBytes(f);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- checking [STATE-22]

  /**
   * Checks everything the file claims that can be checked offline [STATE-22]: for a version 2 file
   * that its header, commit proof and {@code certifiedBy} agree with each other and with {@code
   * stateRoot}; the Merkle proof against {@code trustedRoot} (or, without one, the file's own
   * root); and, given {@code trusted} validators (from genesis), that the commit proof commits the
   * header under them, following the file's validator-set changes, so that the root is the one the
   * chain's validators certified.
   *
   * @throws CliException when {@code trusted} is given for a version 1 file, which carries no
   *     certificate
   */
  Verdict check(Optional<Hash> trustedRoot, Optional<LightClient> trusted, String trustedName) {
    if (trusted.isPresent() && !isVersion2()) {
      throw new CliException(
          "a "
              + FORMAT_1
              + " file carries no certificate to check against validators; write a "
              + FORMAT_2
              + " file with 'jing state get --out', or check this one against a root you trust"
              + " with --root");
    }
    Hash root = trustedRoot.orElse(stateRoot);
    String against =
        trustedRoot.isPresent()
            ? "the root you gave"
            : "the root recorded in the file (pass --root or --genesis to check it against one"
                + " you trust)";
    if (isVersion2()) {
      Optional<String> wrong = inconsistency();
      if (wrong.isPresent()) {
        return new Verdict(false, wrong.get(), root, against);
      }
    }
    if (!merkleProofHolds(root)) {
      return new Verdict(
          false,
          "the Merkle proof does not show "
              + keyLabel()
              + (value.isPresent() ? " = " + value.get().toHex() : " absent")
              + " under state root "
              + root.toHex(),
          root,
          against);
    }
    if (trusted.isPresent()) {
      Optional<String> refused = certifiedByValidators(trusted.get());
      String by = "the validators of " + trustedName;
      if (refused.isPresent()) {
        return new Verdict(false, refused.get(), root, by);
      }
      against =
          (trustedRoot.isPresent() ? "the root you gave, which is " : "")
              + "the root certified by "
              + by
              + " (block "
              + version
              + " committed; block "
              + certifiedBy.height()
              + ", "
              + certifiedBy.blockHash().toHex()
              + ", carries it)";
    } else if (isVersion2() && trustedRoot.isEmpty()) {
      against =
          "the root recorded in the file, which the file's header of block "
              + certifiedBy.height()
              + " carries (pass --genesis to check that header's certificate against validators"
              + " you trust, or --root)";
    }
    return new Verdict(true, null, root, against);
  }

  /** The first of the file's own claims that does not hold [STATE-22] 2, if any. */
  Optional<String> inconsistency() {
    CryptoSuite h = cryptoSuite();
    BlockHeader child = commitProof.childHeader();
    if (!header.chainId().equals(chainId) || !child.chainId().equals(chainId)) {
      return Optional.of("the file's headers are not of chain '" + chainId + "'");
    }
    if (header.height() != version) {
      return Optional.of(
          "\"header\" is block " + header.height() + ", not block " + version + " (the version)");
    }
    if (certifiedBy.height() != version + 1) {
      return Optional.of(
          "\"certifiedBy\" names block "
              + certifiedBy.height()
              + ", but the root of version "
              + version
              + " is carried by block "
              + (version + 1));
    }
    if (child.height() != version + 1
        || !child.parentHash().equals(h.hash(Canonical.encode(header)))) {
      return Optional.of("the commit proof's child is not the child of \"header\"");
    }
    if (!h.hash(Canonical.encode(child)).equals(certifiedBy.blockHash())) {
      return Optional.of("\"certifiedBy\" is not the commit proof's child header");
    }
    if (!child.stateRoot().equals(stateRoot)) {
      return Optional.of(
          "block "
              + child.height()
              + " carries state root "
              + child.stateRoot().toHex()
              + ", not the file's "
              + stateRoot.toHex());
    }
    return Optional.empty();
  }

  /** [STATE-22] 3: the Merkle proof of the key's value (or absence) under {@code root}. */
  boolean merkleProofHolds(Hash root) {
    CryptoSuite h = cryptoSuite();
    return ProofVerifier.verify(
        d -> h.hash(d).toByteArray(),
        root.toByteArray(),
        key.toByteArray(),
        value.map(Bytes::toByteArray).orElse(null),
        proof.toByteArray());
  }

  /**
   * [STATE-22] 4: follows the file's epochs and checks the commit proof and the state proof with
   * {@code light}; the reason it refuses, if it does.
   */
  Optional<String> certifiedByValidators(LightClient light) {
    try {
      for (EpochChange e : epochs) {
        if (light.epochAt(e.firstHeight()) >= e.epoch()) {
          continue; // the client already trusts it
        }
        if (e.header().height() != e.firstHeight() - 1) {
          return Optional.of(
              "the header given for epoch " + e.epoch() + " is not block " + (e.firstHeight() - 1));
        }
        CommittedHeader end = light.verifyCommitted(e.header(), e.commitProof());
        light.followEpoch(end, e.validatorsValue(), e.validatorsProof());
        if (light.epochAt(e.firstHeight()) != e.epoch()) {
          return Optional.of(
              "the file's epoch "
                  + e.epoch()
                  + " is epoch "
                  + light.epochAt(e.firstHeight())
                  + " of the validators trusted");
        }
      }
      CommittedHeader committed = light.verifyCommitted(header, commitProof);
      light.verifyState(
          committed, key, value.orElse(null), SparseMerkleProof.decode(proof.toByteArray()));
      return Optional.empty();
    } catch (LightClientException e) {
      return Optional.of(e.getMessage());
    }
  }
}
