package org.jingchain.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.util.test.TestRandomBigInteger;
import org.jingchain.types.Bytes;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Published test vectors for every primitive of both suites. */
class KnownAnswerTest {
  private static final HexFormat HEX = HexFormat.of();

  static Stream<Arguments> rfc8032() {
    return Stream.of(
        Arguments.of(
            "TEST 1",
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        Arguments.of(
            "TEST 2",
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        Arguments.of(
            "TEST 3",
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
                + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
        Arguments.of(
            "TEST 1024",
            "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
            "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
            Rfc8032Test1024.MESSAGE,
            "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350"
                + "aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc8032")
  void ed25519ReproducesTheRfc8032Vector(
      String name, String secretKey, String publicKey, String message, String signature) {
    CryptoSuite intl = CryptoSuites.intl();
    KeyPair key = intl.keyPairFromPrivateKey(HEX.parseHex(secretKey));
    byte[] m = HEX.parseHex(message);

    assertThat(key.publicKey().bytes().toHex()).isEqualTo(publicKey);
    assertThat(HEX.formatHex(intl.sign(key, m))).isEqualTo(signature);
    assertThat(intl.verify(key.publicKey(), m, HEX.parseHex(signature))).isTrue();
  }

  @Test
  void theRfc8032Test1024MessageIs1023Bytes() {
    assertThat(HEX.parseHex(Rfc8032Test1024.MESSAGE)).hasSize(1023);
  }

  @Test
  void sm3HashesTheGbT32905Examples() {
    CryptoSuite sm = CryptoSuites.sm();
    assertThat(sm.hash("abc".getBytes(StandardCharsets.US_ASCII)).toHex())
        .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    assertThat(sm.hash("abcd".repeat(16).getBytes(StandardCharsets.US_ASCII)).toHex())
        .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
  }

  @Test
  void sha256HashesTheFips180Example() {
    assertThat(CryptoSuites.intl().hash("abc".getBytes(StandardCharsets.US_ASCII)).toHex())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void sm4EncryptsTheGbT32907BlockExample() {
    byte[] key = HEX.parseHex("0123456789abcdeffedcba9876543210");
    SM4Engine engine = new SM4Engine();
    engine.init(true, new KeyParameter(key));
    byte[] out = new byte[16];
    engine.processBlock(key, 0, out, 0); // the plaintext equals the key in this example

    assertThat(HEX.formatHex(out)).isEqualTo("681edf34d206965e86b3e94f536e4246");
  }

  @Test
  void sm4GcmSealsTheRfc8998AppendixAVector() throws AeadException {
    byte[] key = HEX.parseHex("0123456789abcdeffedcba9876543210");
    byte[] nonce = HEX.parseHex("00001234567800000000abcd");
    byte[] aad = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    byte[] plaintext =
        HEX.parseHex(
            "aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbccccccccccccccccdddddddddddddddd"
                + "eeeeeeeeeeeeeeeeffffffffffffffffeeeeeeeeeeeeeeeeaaaaaaaaaaaaaaaa");
    String sealed =
        "17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735"
            + "d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d"
            + "83de3541e4c2b58177e065a9bf7b62ec";
    Aead aead = CryptoSuites.sm().aead();

    assertThat(HEX.formatHex(aead.encrypt(key, nonce, plaintext, aad))).isEqualTo(sealed);
    assertThat(aead.decrypt(key, nonce, HEX.parseHex(sealed), aad)).isEqualTo(plaintext);
  }

  @Test
  void aes256GcmSealsMcGrewViegaTestCase16() throws AeadException {
    byte[] key = HEX.parseHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    byte[] nonce = HEX.parseHex("cafebabefacedbaddecaf888");
    byte[] aad = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    byte[] plaintext =
        HEX.parseHex(
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
    String sealed =
        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
            + "76fc6ece0f4e1768cddf8853bb2d551b";
    Aead aead = CryptoSuites.intl().aead();

    assertThat(HEX.formatHex(aead.encrypt(key, nonce, plaintext, aad))).isEqualTo(sealed);
    assertThat(aead.decrypt(key, nonce, HEX.parseHex(sealed), aad)).isEqualTo(plaintext);
  }

  @Test
  void x25519ReproducesTheRfc7748Section61Exchange() {
    byte[] alice = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    byte[] bob = HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    byte[] alicePublic = new byte[32];
    byte[] bobPublic = new byte[32];
    X25519.generatePublicKey(alice, 0, alicePublic, 0);
    X25519.generatePublicKey(bob, 0, bobPublic, 0);
    byte[] ab = new byte[32];
    byte[] ba = new byte[32];
    X25519.calculateAgreement(alice, 0, bobPublic, 0, ab, 0);
    X25519.calculateAgreement(bob, 0, alicePublic, 0, ba, 0);

    assertThat(HEX.formatHex(alicePublic))
        .isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    assertThat(HEX.formatHex(bobPublic))
        .isEqualTo("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    String shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
    assertThat(HEX.formatHex(ab)).isEqualTo(shared);
    assertThat(HEX.formatHex(ba)).isEqualTo(shared);
  }

  /**
   * GB/T 32918.2 (and BouncyCastle's SM2SignerTest): the test curve Fp-256, user
   * "ALICE123@YAHOO.COM", message "message digest", run through the same signing and verification
   * code as the suite.
   */
  @Test
  void sm2ReproducesTheGbT32918Part2ExampleOnTheTestCurve() {
    BigInteger n = big("8542D69E4C044F18E8B92435BF6FF7DD297720630485628D5AE74EE7C32E79B7");
    ECCurve curve =
        new ECCurve.Fp(
            big("8542D69E4C044F18E8B92435BF6FF7DE457283915C45517D722EDB8B08F1DFC3"),
            big("787968B4FA32C3FD2417842E73BBFEFF2F3C848B6831D7E0EC65228B3937E498"),
            big("63E4C6D3B23B0C849CF84241484BFE48F61D59A5B16BA06E6E12D1DA27C5249A"),
            n,
            BigInteger.ONE);
    ECPoint g =
        curve.createPoint(
            big("421DEBD61B62EAB6746434EBC3CC315E32220B3BADD50BDC4C4E6C147FEDD43D"),
            big("0680512BCBB42C07D47349D2153B70C4E5D7FDFCBFA36EA1A85841B9E46E09A2"));
    ECDomainParameters domain = new ECDomainParameters(curve, g, n);
    BigInteger d = big("128B2FA8BD433C6C068C8D803DFF79792A519A55171B1B650C23661D15897263");
    byte[] id = "ALICE123@YAHOO.COM".getBytes(StandardCharsets.US_ASCII);
    byte[] message = "message digest".getBytes(StandardCharsets.US_ASCII);
    String expected =
        "40f1ec59f793d9f49e09dcef49130d4194f79fb1eed2caa55bacdb49c4e755d1"
            + "6fc6dac32c5d5cf10c77dfb20f7c2eb667a457872fb09ec56327a67ec7deebe7";

    ECPoint q = Sm2.publicPoint(domain, d);
    assertThat(q.getAffineXCoord().toBigInteger())
        .isEqualTo(big("0AE4C7798AA0F119471BEE11825BE46202BB79E2A5844495E97C04FF4DF2548A"));
    assertThat(q.getAffineYCoord().toBigInteger())
        .isEqualTo(big("7C0240F88F1CD4E16352A73C17B7F16F07353E53A176D684A9FE0C6BB798E857"));
    TestRandomBigInteger k =
        new TestRandomBigInteger(
            "6CB28D99385C175C94F94E934817663FC176D925DD72B727260DBAAE1FB2F96F", 16);
    assertThat(HEX.formatHex(Sm2.sign(domain, d, q, id, message, k))).isEqualTo(expected);
    ECPublicKeyParameters publicKey = new ECPublicKeyParameters(q, domain);
    assertThat(Sm2.verify(publicKey, id, message, HEX.parseHex(expected))).isTrue();
    assertThat(Sm2.verify(publicKey, Sm2.DEFAULT_USER_ID, message, HEX.parseHex(expected)))
        .isFalse();
  }

  /**
   * GB/T 32918.5 (GM/T 0003.5) Annex A: sm2p256v1 with the default user id, so this one goes
   * through the {@code sm} suite's public API.
   */
  @Test
  void smSuiteReproducesTheGbT32918Part5ExampleOnSm2p256v1() {
    CryptoSuite sm = CryptoSuites.sm();
    byte[] d = HEX.parseHex("3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8");
    byte[] message = "message digest".getBytes(StandardCharsets.US_ASCII);
    String expected =
        "f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3"
            + "b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa";
    PublicKey publicKey =
        new PublicKey(
            SuiteId.SM,
            Bytes.fromHex("0309f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020"));

    assertThat(sm.keyPairFromPrivateKey(d).publicKey()).isEqualTo(publicKey);
    assertThat(sm.verify(publicKey, message, HEX.parseHex(expected))).isTrue();
    BigInteger scalar = new BigInteger(1, d);
    ECPoint q = Sm2.publicPoint(Sm2.DOMAIN, scalar);
    TestRandomBigInteger k =
        new TestRandomBigInteger(
            "59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21", 16);
    assertThat(HEX.formatHex(Sm2.sign(Sm2.DOMAIN, scalar, q, Sm2.DEFAULT_USER_ID, message, k)))
        .isEqualTo(expected);
  }

  private static BigInteger big(String hex) {
    return new BigInteger(hex, 16);
  }
}
