package org.jingchain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.jingchain.crypto.KeyStoreException.Reason;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Encrypted key files: round trips, wrong passwords, tampering, permissions, no overwrite. */
class EncryptedKeyStoreTest {
  /** Cheap scrypt cost so the suite stays fast; one test uses the real default. */
  private static final int TEST_N = 1 << 10;

  private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
  private static final JsonMapper JSON = new JsonMapper();

  @TempDir Path dir;

  private static KeyPair key(SuiteId id, long seed) {
    return CryptoSuites.of(id).generateKeyPair(TestRandom.seeded(seed));
  }

  private Path write(SuiteId id, KeyPair key) throws KeyStoreException {
    Path file = dir.resolve(id.label() + ".json");
    EncryptedKeyStore.write(file, key, PASSWORD, TEST_N);
    return file;
  }

  private static Reason readFailure(Path file, char[] password) {
    try {
      EncryptedKeyStore.read(file, password);
    } catch (KeyStoreException e) {
      return e.reason();
    }
    throw new AssertionError("read succeeded");
  }

  private static void edit(Path file, Consumer<ObjectNode> change) throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
    change.accept(root);
    Files.write(file, JSON.writeValueAsBytes(root));
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aWrittenKeyReadsBackWithThePassword(SuiteId id) throws Exception {
    KeyPair key = key(id, 1);
    Path file = write(id, key);

    KeyPair read = EncryptedKeyStore.read(file, PASSWORD);

    assertThat(read.publicKey()).isEqualTo(key.publicKey());
    assertThat(read.privateKeyBytes()).isEqualTo(key.privateKeyBytes());
    assertThat(EncryptedKeyStore.readPublicKey(file)).isEqualTo(key.publicKey());
    JsonNode json = JSON.readTree(file.toFile());
    assertThat(json.get("format").asText()).isEqualTo("jing-keystore-1");
    assertThat(json.get("suite").asText()).isEqualTo(id.label());
    assertThat(json.get("address").asText()).isEqualTo(key.address().toString());
    assertThat(json.get("publicKey").asText()).isEqualTo(key.publicKey().bytes().toHex());
    assertThat(json.at("/kdf/name").asText()).isEqualTo("scrypt");
    assertThat(json.at("/cipher/name").asText())
        .isEqualTo(id == SuiteId.INTL ? "aes-256-gcm" : "sm4-gcm");
    assertThat(json.get("ciphertext").asText()).hasSize((32 + 16) * 2);
  }

  @Test
  void theDefaultScryptCostIsStoredAndReadable() throws Exception {
    KeyPair key = key(SuiteId.SM, 2);
    Path file = dir.resolve("default.json");

    EncryptedKeyStore.write(file, key, PASSWORD);

    JsonNode kdf = JSON.readTree(file.toFile()).get("kdf");
    assertThat(kdf.get("n").asInt()).isEqualTo(32768);
    assertThat(kdf.get("r").asInt()).isEqualTo(8);
    assertThat(kdf.get("p").asInt()).isEqualTo(1);
    assertThat(kdf.get("salt").asText()).hasSize(64);
    assertThat(EncryptedKeyStore.read(file, PASSWORD).publicKey()).isEqualTo(key.publicKey());
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aWrongPasswordIsReportedAsWrongPasswordOrCorrupt(SuiteId id) throws Exception {
    Path file = write(id, key(id, 3));

    assertThat(readFailure(file, "correct horse battery stapler".toCharArray()))
        .isEqualTo(Reason.WRONG_PASSWORD_OR_CORRUPT);
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void swappingInAnotherPublicKeyAndAddressIsDetected(SuiteId id) throws Exception {
    Path file = write(id, key(id, 4));
    KeyPair other = key(id, 5);

    edit(
        file,
        root -> {
          root.put("publicKey", other.publicKey().bytes().toHex());
          root.put("address", other.address().toString());
        });

    assertThat(readFailure(file, PASSWORD)).isEqualTo(Reason.WRONG_PASSWORD_OR_CORRUPT);
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aPublicKeyThatNoLongerMatchesItsAddressIsMalformed(SuiteId id) throws Exception {
    Path file = write(id, key(id, 6));
    KeyPair other = key(id, 7);

    edit(file, root -> root.put("publicKey", other.publicKey().bytes().toHex()));

    assertThat(readFailure(file, PASSWORD)).isEqualTo(Reason.MALFORMED);
    assertThatThrownBy(() -> EncryptedKeyStore.readPublicKey(file))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("does not match the public key");
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void theFileHoldsNoPrivateKeyBytesInClear(SuiteId id) throws Exception {
    KeyPair key = key(id, 8);
    Path file = write(id, key);
    byte[] sk = key.privateKeyBytes();
    String text = Files.readString(file, StandardCharsets.UTF_8);
    byte[] raw = Files.readAllBytes(file);

    assertThat(text.toLowerCase(java.util.Locale.ROOT))
        .doesNotContain(HexFormat.of().formatHex(sk));
    assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(sk));
    assertThat(indexOf(raw, sk)).isEqualTo(-1);
  }

  @Test
  void theFileIsReadableByItsOwnerOnly() throws Exception {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path file = write(SuiteId.INTL, key(SuiteId.INTL, 9));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var listing = Files.list(dir)) {
      assertThat(listing).containsExactly(file); // no temporary file left behind
    }
  }

  @Test
  void anExistingFileIsNeverOverwritten() throws Exception {
    Path file = dir.resolve("taken.json");
    Files.writeString(file, "precious");

    assertThatThrownBy(() -> EncryptedKeyStore.write(file, key(SuiteId.SM, 10), PASSWORD, TEST_N))
        .isInstanceOf(KeyStoreException.class)
        .hasMessage("refusing to overwrite existing file " + file)
        .extracting(e -> ((KeyStoreException) e).reason())
        .isEqualTo(Reason.ALREADY_EXISTS);
    assertThat(Files.readString(file)).isEqualTo("precious");
    Path written = write(SuiteId.INTL, key(SuiteId.INTL, 11));
    assertThatThrownBy(
            () -> EncryptedKeyStore.write(written, key(SuiteId.INTL, 12), PASSWORD, TEST_N))
        .isInstanceOf(KeyStoreException.class);
    assertThat(EncryptedKeyStore.read(written, PASSWORD).publicKey())
        .isEqualTo(key(SuiteId.INTL, 11).publicKey());
  }

  @Test
  void malformedUnsupportedAndMissingFilesAreToldApart() throws Exception {
    Path garbage = dir.resolve("garbage.json");
    Files.writeString(garbage, "not json {");
    assertThat(readFailure(garbage, PASSWORD)).isEqualTo(Reason.MALFORMED);

    Path future = write(SuiteId.SM, key(SuiteId.SM, 13));
    edit(future, root -> root.put("format", "jing-keystore-2"));
    assertThat(readFailure(future, PASSWORD)).isEqualTo(Reason.UNSUPPORTED_VERSION);

    Path argon = write(SuiteId.INTL, key(SuiteId.INTL, 14));
    edit(argon, root -> ((ObjectNode) root.get("kdf")).put("name", "argon2id"));
    assertThat(readFailure(argon, PASSWORD)).isEqualTo(Reason.UNSUPPORTED_VERSION);

    Path greedy = dir.resolve("greedy.json");
    EncryptedKeyStore.write(greedy, key(SuiteId.INTL, 15), PASSWORD, TEST_N);
    edit(greedy, root -> ((ObjectNode) root.get("kdf")).put("n", 1 << 30));
    assertThat(readFailure(greedy, PASSWORD)).isEqualTo(Reason.MALFORMED);

    assertThat(readFailure(dir.resolve("absent.json"), PASSWORD)).isEqualTo(Reason.IO);
  }

  @Test
  void changingTheCipherNonceOrCiphertextIsDetected() throws Exception {
    Path file = write(SuiteId.SM, key(SuiteId.SM, 16));
    JsonNode original = JSON.readTree(file.toFile());
    String ct = original.get("ciphertext").asText();
    String flipped = (ct.charAt(0) == '0' ? "1" : "0") + ct.substring(1);

    edit(file, root -> root.put("ciphertext", flipped));
    assertThat(readFailure(file, PASSWORD)).isEqualTo(Reason.WRONG_PASSWORD_OR_CORRUPT);

    edit(
        file,
        root -> {
          root.put("ciphertext", ct);
          ((ObjectNode) root.get("cipher")).put("name", "aes-256-gcm");
        });
    assertThat(readFailure(file, PASSWORD)).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void aKeyPairWhosePublicKeyDoesNotMatchIsRefused() {
    KeyPair real = key(SuiteId.SM, 18);
    KeyPair mismatched =
        new KeyPair(CryptoSuites.sm(), real.privateKeyBytes(), key(SuiteId.SM, 19).publicKey());

    assertThatThrownBy(
            () -> EncryptedKeyStore.write(dir.resolve("m.json"), mismatched, PASSWORD, TEST_N))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the key pair's public key does not match its private key");
    assertThat(dir.resolve("m.json")).doesNotExist();
  }

  @Test
  void anEmptyPasswordIsAProgrammerError() {
    assertThatThrownBy(
            () ->
                EncryptedKeyStore.write(dir.resolve("x.json"), key(SuiteId.INTL, 17), new char[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the key store password must not be empty");
  }

  @Test
  void readingWithAnEmptyPasswordIsAWrongPassword() throws Exception {
    Path file = write(SuiteId.INTL, key(SuiteId.INTL, 20));

    assertThat(readFailure(file, new char[0])).isEqualTo(Reason.WRONG_PASSWORD_OR_CORRUPT);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
