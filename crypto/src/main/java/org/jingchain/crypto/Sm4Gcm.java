package org.jingchain.crypto;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/** SM4-GCM (GB/T 32907 block cipher in GCM mode, as in RFC 8998): 16-byte key, 12-byte nonce. */
final class Sm4Gcm implements Aead {
  static final String NAME = "sm4-gcm";
  private static final int KEY_LENGTH = 16;

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
    GCMModeCipher gcm = init(true, key, nonce, associatedData);
    try {
      return run(gcm, plaintext);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("SM4-GCM encryption failed", e);
    }
  }

  @Override
  public byte[] decrypt(byte[] key, byte[] nonce, byte[] ciphertextAndTag, byte[] associatedData)
      throws AeadException {
    GcmLimits.check(NAME, KEY_LENGTH, key, nonce);
    if (ciphertextAndTag.length < GcmLimits.TAG_LENGTH) {
      throw new AeadException("ciphertext is shorter than the 16-byte tag");
    }
    GCMModeCipher gcm = init(false, key, nonce, associatedData);
    try {
      return run(gcm, ciphertextAndTag);
    } catch (InvalidCipherTextException e) {
      throw new AeadException("authentication tag mismatch");
    }
  }

  @Override
  public String toString() {
    return NAME;
  }

  private static GCMModeCipher init(boolean encrypt, byte[] key, byte[] nonce, byte[] ad) {
    // GCM objects hold per-message state, so each call gets its own.
    GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine());
    gcm.init(
        encrypt, new AEADParameters(new KeyParameter(key), GcmLimits.TAG_LENGTH * 8, nonce, ad));
    return gcm;
  }

  private static byte[] run(GCMModeCipher gcm, byte[] input) throws InvalidCipherTextException {
    byte[] out = new byte[gcm.getOutputSize(input.length)];
    int n = gcm.processBytes(input, 0, input.length, out, 0);
    n += gcm.doFinal(out, n);
    if (n != out.length) {
      throw new IllegalStateException("SM4-GCM produced " + n + " bytes, expected " + out.length);
    }
    return out;
  }
}
