package org.jingchain.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM through the JDK provider (AES-NI and CLMUL intrinsics), 12-byte nonce, 16-byte tag.
 */
final class AesGcm implements Aead {
  static final String NAME = "aes-256-gcm";
  private static final int KEY_LENGTH = 32;

  @Override
  public int keyLength() {
    return KEY_LENGTH;
  }

  @Override
  public int nonceLength() {
    return GcmLimits.NONCE_LENGTH;
  }

  @Override
  public byte[] encrypt(byte[] key, byte[] nonce, byte[] plaintext, byte[] associatedData) {
    GcmLimits.check(NAME, KEY_LENGTH, key, nonce);
    try {
      // A fresh Cipher per call: Cipher is not thread-safe, and a cached one would refuse a
      // repeated (key, nonce) pair, which is the caller's business, not this primitive's.
      Cipher cipher = init(Cipher.ENCRYPT_MODE, key, nonce);
      cipher.updateAAD(associatedData);
      return cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  @Override
  public byte[] decrypt(byte[] key, byte[] nonce, byte[] ciphertextAndTag, byte[] associatedData)
      throws AeadException {
    GcmLimits.check(NAME, KEY_LENGTH, key, nonce);
    if (ciphertextAndTag.length < GcmLimits.TAG_LENGTH) {
      throw new AeadException("ciphertext is shorter than the 16-byte tag");
    }
    try {
      Cipher cipher = init(Cipher.DECRYPT_MODE, key, nonce);
      cipher.updateAAD(associatedData);
      return cipher.doFinal(ciphertextAndTag);
    } catch (AEADBadTagException e) {
      throw new AeadException("authentication tag mismatch");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  @Override
  public String toString() {
    return NAME;
  }

  private static Cipher init(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(GcmLimits.TAG_LENGTH * 8, nonce));
    return cipher;
  }
}
