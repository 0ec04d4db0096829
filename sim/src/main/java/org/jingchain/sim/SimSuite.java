package org.jingchain.sim;

import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.jingchain.crypto.Aead;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyAgreement;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/**
 * The {@code intl} suite with transaction-signature checks remembered across the simulator's nodes
 * and runs: every node still asks, and gets the real suite's answer, but a signature is verified
 * once per process (the same few thousand transactions recur in every run). A verdict is a pure
 * function of key, message and signature, so remembering it changes no outcome.
 */
final class SimSuite implements CryptoSuite {
  static final SimSuite INSTANCE = new SimSuite();
  private static final int MAX_REMEMBERED = 200_000;
  private final CryptoSuite real = CryptoSuites.intl();
  private final ConcurrentHashMap<Checked, Boolean> verdicts = new ConcurrentHashMap<>();

  private record Checked(PublicKey key, Bytes message, Bytes signature) {}

  private SimSuite() {}

  @Override
  public SuiteId id() {
    return real.id();
  }

  @Override
  public Hash hash(byte[] data) {
    return real.hash(data);
  }

  @Override
  public KeyPair generateKeyPair(SecureRandom random) {
    return real.generateKeyPair(random);
  }

  @Override
  public KeyPair keyPairFromPrivateKey(byte[] privateKey) {
    return real.keyPairFromPrivateKey(privateKey);
  }

  @Override
  public byte[] sign(KeyPair key, byte[] message) {
    return real.sign(key, message);
  }

  @Override
  public boolean verify(PublicKey key, byte[] message, byte[] signature) {
    if (verdicts.size() > MAX_REMEMBERED) {
      verdicts.clear();
    }
    return verdicts.computeIfAbsent(
        new Checked(key, Bytes.wrap(message.clone()), Bytes.wrap(signature.clone())),
        c -> real.verify(key, message, signature));
  }

  @Override
  public boolean isValidPublicKey(PublicKey key) {
    return real.isValidPublicKey(key);
  }

  @Override
  public Aead aead() {
    return real.aead();
  }

  @Override
  public KeyAgreement keyAgreement() {
    return real.keyAgreement();
  }
}
