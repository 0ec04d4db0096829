package org.jingchain.crypto;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jingchain.crypto.KeyStoreException.Reason;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/**
 * The JSON document of an encrypted key store ({@code jing-keystore-1}) and its strict parser; the
 * cryptography lives in {@link EncryptedKeyStore}.
 */
@SuppressWarnings("ArrayRecordComponent") // internal value carrier; never compared
record KeyStoreFile(
    PublicKey publicKey, Address address, Scrypt kdf, byte[] nonce, byte[] ciphertext) {
  static final String FORMAT = "jing-keystore-1";
  private static final String FORMAT_FAMILY = "jing-keystore-";
  private static final HexFormat HEX = HexFormat.of();
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  /** scrypt parameters as stored. */
  @SuppressWarnings("ArrayRecordComponent") // internal value carrier; never compared
  record Scrypt(int n, int r, int p, byte[] salt) {}

  SuiteId suite() {
    return publicKey.suite();
  }

  /** The AEAD a suite's key store uses: the suite's own. */
  static String cipherName(SuiteId suite) {
    return switch (suite) {
      case INTL -> AesGcm.NAME;
      case SM -> Sm4Gcm.NAME;
    };
  }

  /**
   * Every header field except the nonce and ciphertext, bound into the AEAD as associated data, so
   * that swapping the public key, address or suite is detected on decryption.
   */
  byte[] associatedData() {
    String text =
        String.join(
            "\n",
            FORMAT,
            suite().label(),
            publicKey.bytes().toHex(),
            address.toString(),
            "scrypt:" + kdf.n() + ":" + kdf.r() + ":" + kdf.p() + ":" + HEX.formatHex(kdf.salt()),
            cipherName(suite()));
    return text.getBytes(StandardCharsets.UTF_8);
  }

  byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("suite", suite().label());
    root.put("address", address.toString());
    root.put("publicKey", publicKey.bytes().toHex());
    ObjectNode k = root.putObject("kdf");
    k.put("name", "scrypt");
    k.put("n", kdf.n());
    k.put("r", kdf.r());
    k.put("p", kdf.p());
    k.put("salt", HEX.formatHex(kdf.salt()));
    ObjectNode c = root.putObject("cipher");
    c.put("name", cipherName(suite()));
    c.put("nonce", HEX.formatHex(nonce));
    root.put("ciphertext", HEX.formatHex(ciphertext));
    try {
      return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot serialise a key store", e);
    }
  }

  /** Parses and checks a key store; {@code ciphertextLength} is the expected sealed length. */
  static KeyStoreFile parse(byte[] json, int ciphertextLength) throws KeyStoreException {
    Header header = header(json);
    JsonNode root = header.root();
    SuiteId suite = header.publicKey().suite();
    Scrypt kdf = kdf(root.path("kdf"));
    JsonNode cipher = root.path("cipher");
    String name = text(cipher, "name");
    if (!name.equals(cipherName(suite))) {
      throw name.equals(AesGcm.NAME) || name.equals(Sm4Gcm.NAME)
          ? malformed("cipher " + name + " does not belong to suite " + suite)
          : new KeyStoreException(Reason.UNSUPPORTED_VERSION, "unsupported cipher '" + name + "'");
    }
    byte[] nonce = hex(cipher, "nonce", GcmLimits.NONCE_LENGTH, GcmLimits.NONCE_LENGTH);
    byte[] ciphertext = hex(root, "ciphertext", ciphertextLength, ciphertextLength);
    return new KeyStoreFile(header.publicKey(), header.address(), kdf, nonce, ciphertext);
  }

  /** Parses only the clear-text identity (format, suite, public key, address). */
  static PublicKey parsePublicKey(byte[] json) throws KeyStoreException {
    return header(json).publicKey();
  }

  private record Header(JsonNode root, PublicKey publicKey, Address address) {}

  private static Header header(byte[] json) throws KeyStoreException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw malformed("not a JSON document: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw malformed("not a JSON document: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw malformed("not a JSON object");
    }
    String format = text(root, "format");
    if (!format.equals(FORMAT)) {
      throw format.startsWith(FORMAT_FAMILY)
          ? new KeyStoreException(
              Reason.UNSUPPORTED_VERSION, "unsupported key store format '" + format + "'")
          : malformed("not a Jingchain key store (format '" + format + "')");
    }
    PublicKey publicKey = publicKey(root);
    return new Header(root, publicKey, address(root, publicKey));
  }

  private static PublicKey publicKey(JsonNode root) throws KeyStoreException {
    String label = text(root, "suite");
    SuiteId suite =
        SuiteId.fromLabel(label)
            .filter(s -> s.label().equals(label))
            .orElseThrow(() -> malformed("unknown suite '" + label + "'"));
    int length = suite.publicKeyLength();
    PublicKey key = new PublicKey(suite, Bytes.wrap(hex(root, "publicKey", length, length)));
    if (!CryptoSuites.of(suite).isValidPublicKey(key)) {
      throw malformed("publicKey is not a valid " + suite + " public key");
    }
    return key;
  }

  private static Address address(JsonNode root, PublicKey key) throws KeyStoreException {
    String text = text(root, "address");
    Address derived = CryptoSuites.of(key.suite()).address(key);
    if (!derived.toString().equals(text)) {
      throw malformed(
          "address " + text + " does not match the public key (expected " + derived + ")");
    }
    return derived;
  }

  private static Scrypt kdf(JsonNode kdf) throws KeyStoreException {
    String name = text(kdf, "name");
    if (!name.equals("scrypt")) {
      throw new KeyStoreException(Reason.UNSUPPORTED_VERSION, "unsupported kdf '" + name + "'");
    }
    int n = integer(kdf, "n");
    int r = integer(kdf, "r");
    int p = integer(kdf, "p");
    if (n < 2 || Integer.bitCount(n) != 1 || r < 1 || r > 32 || p < 1 || p > 16) {
      throw malformed("scrypt parameters out of range: n=" + n + " r=" + r + " p=" + p);
    }
    // Refuse files that would make reading them allocate more than MAX_SCRYPT_MEMORY.
    if (128L * n * r > EncryptedKeyStore.MAX_SCRYPT_MEMORY) {
      throw malformed("scrypt parameters need too much memory: n=" + n + " r=" + r);
    }
    return new Scrypt(n, r, p, hex(kdf, "salt", 16, 64));
  }

  private static String text(JsonNode node, String field) throws KeyStoreException {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw malformed("missing or non-string field '" + field + "'");
    }
    return value.asText();
  }

  private static int integer(JsonNode node, String field) throws KeyStoreException {
    JsonNode value = node.get(field);
    if (value == null || !value.isInt()) {
      throw malformed("missing or non-integer field '" + field + "'");
    }
    return value.intValue();
  }

  private static byte[] hex(JsonNode node, String field, int minLength, int maxLength)
      throws KeyStoreException {
    String text = text(node, field);
    byte[] bytes;
    try {
      bytes = HEX.parseHex(text);
    } catch (IllegalArgumentException e) {
      throw malformed("field '" + field + "' is not hex");
    }
    if (!HEX.formatHex(bytes).equals(text)) {
      throw malformed("field '" + field + "' must be lower-case hex");
    }
    if (bytes.length < minLength || bytes.length > maxLength) {
      throw malformed("field '" + field + "' has " + bytes.length + " bytes");
    }
    return bytes;
  }

  private static KeyStoreException malformed(String message) {
    return new KeyStoreException(Reason.MALFORMED, message);
  }
}
