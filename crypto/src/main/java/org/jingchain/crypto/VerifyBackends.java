package org.jingchain.crypto;

import java.security.SecureRandom;
import java.util.List;
import org.jingchain.types.Hash;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/**
 * Where a node verifies signatures: the suite's own code (BouncyCastle, the default) or a native
 * accelerator picked by configuration ({@code crypto.verifyBackend}). An accelerator only ever
 * speeds up an answer, never changes it: what it refuses is asked again of the default, so every
 * node answers every input as BouncyCastle does, whatever it runs (decision 0028).
 */
public final class VerifyBackends {
  private VerifyBackends() {}

  /** BouncyCastle: the suites' own code. */
  public static final String BOUNCYCASTLE = "bouncycastle";

  /** libsodium's Ed25519 (the {@code intl} suite), through the foreign function API. */
  public static final String LIBSODIUM = "libsodium";

  public static final List<String> NAMES = List.of(BOUNCYCASTLE, LIBSODIUM);

  /**
   * What runs: the suite to verify with, and a line for the log that says which backend it is, or
   * why the one asked for cannot run and the default runs instead ({@code fellBack}).
   */
  public record Selection(CryptoSuite suite, String message, boolean fellBack) {}

  /**
   * {@code suite} with signature verification by {@code backend}.
   *
   * @throws IllegalArgumentException for a backend name not in {@link #NAMES}
   */
  public static Selection select(CryptoSuite suite, String backend) {
    switch (backend) {
      case BOUNCYCASTLE -> {
        return new Selection(
            suite, "signature verification: BouncyCastle (" + suite.id().label() + ")", false);
      }
      case LIBSODIUM -> {
        if (suite.id() != SuiteId.INTL) {
          return new Selection(
              suite,
              "signature verification: BouncyCastle; crypto.verifyBackend=libsodium has no SM2,"
                  + " so the sm suite verifies with BouncyCastle",
              true);
        }
        LibsodiumEd25519 native_;
        try {
          native_ = LibsodiumEd25519.load();
        } catch (IllegalStateException e) {
          return new Selection(
              suite,
              "signature verification: BouncyCastle; crypto.verifyBackend=libsodium is unavailable: "
                  + e.getMessage(),
              true);
        }
        return new Selection(
            new Accelerated(suite, native_),
            "signature verification: libsodium "
                + native_.version()
                + " (Ed25519, BouncyCastle for what it refuses)",
            false);
      }
      default ->
          throw new IllegalArgumentException(
              "crypto.verifyBackend must be one of " + NAMES + ", got '" + backend + "'");
    }
  }

  /** The suite, verifying with libsodium first. */
  static final class Accelerated implements CryptoSuite {
    private final CryptoSuite suite;
    private final LibsodiumEd25519 sodium;

    Accelerated(CryptoSuite suite, LibsodiumEd25519 sodium) {
      this.suite = suite;
      this.sodium = sodium;
    }

    @Override
    public boolean verify(PublicKey key, byte[] message, byte[] signature) {
      // libsodium does not check that the key lies in the prime-order subgroup; BouncyCastle does
      // (a mixed-order key aB + T verifies in libsodium whenever [h]T = 0), so the key must pass
      // the suite's own check first: a cached decode for a known sender
      if (key.suite() == SuiteId.INTL
          && suite.isValidPublicKey(key)
          && sodium.verify(key.bytes().unsafeArray(), message, signature)) {
        return true;
      }
      return suite.verify(key, message, signature);
    }

    @Override
    public SuiteId id() {
      return suite.id();
    }

    @Override
    public Hash hash(byte[] data) {
      return suite.hash(data);
    }

    @Override
    public KeyPair generateKeyPair(SecureRandom random) {
      return suite.generateKeyPair(random);
    }

    @Override
    public KeyPair keyPairFromPrivateKey(byte[] privateKey) {
      return suite.keyPairFromPrivateKey(privateKey);
    }

    @Override
    public byte[] sign(KeyPair key, byte[] message) {
      return suite.sign(key, message);
    }

    @Override
    public boolean isValidPublicKey(PublicKey key) {
      return suite.isValidPublicKey(key);
    }

    @Override
    public org.jingchain.types.Address address(PublicKey key) {
      return suite.address(key);
    }

    @Override
    public Aead aead() {
      return suite.aead();
    }

    @Override
    public KeyAgreement keyAgreement() {
      return suite.keyAgreement();
    }

    @Override
    public String toString() {
      return suite + " (libsodium verification)";
    }
  }
}
