package org.jingchain.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jingchain.codec.Encoder;
import org.jingchain.crypto.Aead;
import org.jingchain.crypto.AeadException;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.KeyPair;

/**
 * Encryption of an object before it is coded ([STORE-7]): the bytes are sealed in segments of
 * {@link #SEGMENT} bytes with the suite's AEAD (AES-256-GCM for {@code intl}, SM4-GCM for {@code
 * sm}) under a key only the owner can derive — {@code H("jing-store-object-key" || owner's private
 * key || salt)}, the salt random per object and public in its record. Segment {@code i} has the
 * nonce {@code 0x00000000 || u64 i} and the associated data {@code u64 i || u8 last}, so segments
 * can be neither reordered nor cut off. What storage nodes keep, and what audit answers show on
 * chain, is ciphertext.
 */
public final class ObjectCipher {
  /** Plaintext bytes per segment. */
  public static final int SEGMENT = 64 * 1024;

  /** The AEAD tag each segment adds. */
  public static final int TAG = 16;

  public static final int SALT = 32;

  /** A segment that does not open: another owner's key, or altered bytes. */
  public static final class SealException extends IOException {
    SealException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Aead aead;
  private final byte[] key;

  private ObjectCipher(Aead aead, byte[] key) {
    this.aead = aead;
    this.key = key;
  }

  /** The cipher of the object with {@code salt}, for the owner {@code owner}. */
  public static ObjectCipher of(KeyPair owner, byte[] salt) {
    CryptoSuite suite = owner.suite();
    byte[] secret = owner.privateKeyBytes();
    try {
      byte[] k =
          suite
              .hash("jing-store-object-key".getBytes(StandardCharsets.UTF_8), secret, salt)
              .toByteArray();
      return new ObjectCipher(suite.aead(), Arrays.copyOf(k, suite.aead().keyLength()));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** The sealed size of {@code plain} bytes: a tag per segment. */
  public static long sealedSize(long plain) {
    return plain + TAG * Coding.ceilDiv(plain, SEGMENT);
  }

  /** The plaintext size of {@code sealed} sealed bytes, or -1 when no plaintext seals to that. */
  public static long plainSize(long sealed) {
    long full = sealed / (SEGMENT + TAG);
    long rest = sealed % (SEGMENT + TAG);
    if (sealed <= 0 || (rest != 0 && rest <= TAG)) {
      return -1;
    }
    return full * SEGMENT + (rest == 0 ? 0 : rest - TAG);
  }

  private static byte[] nonce(long segment) {
    return new Encoder(12).u32(0).u64(segment).toByteArray();
  }

  private static byte[] aad(long segment, boolean last) {
    return new Encoder(9).u64(segment).bool(last).toByteArray();
  }

  /**
   * The sealed stream of {@code plain} ({@code plainSize} bytes in all), from sealed offset {@code
   * from}: {@code plain} must be positioned at the start of the segment holding that offset, {@code
   * (from / (SEGMENT + TAG)) * SEGMENT}.
   */
  public InputStream seal(InputStream plain, long plainSize, long from) {
    long segments = Coding.ceilDiv(plainSize, SEGMENT);
    long first = from / (SEGMENT + TAG);
    int skip = (int) (from % (SEGMENT + TAG));
    return new InputStream() {
      long next = first;
      byte[] buf = new byte[0];
      int pos;
      int toSkip = skip;

      private boolean fill() throws IOException {
        while (pos == buf.length) {
          if (next >= segments) {
            return false;
          }
          boolean last = next == segments - 1;
          int n = (int) (last ? plainSize - next * SEGMENT : SEGMENT);
          byte[] p = plain.readNBytes(n);
          if (p.length != n) {
            throw new IOException("the file ended " + (n - p.length) + " bytes early");
          }
          buf = aead.encrypt(key, nonce(next), p, aad(next, last));
          pos = Math.min(toSkip, buf.length);
          toSkip = 0;
          next++;
        }
        return true;
      }

      @Override
      public int read() throws IOException {
        return fill() ? buf[pos++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        if (!fill()) {
          return -1;
        }
        int n = Math.min(len, buf.length - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
      }
    };
  }

  /**
   * Where a sealed stream of {@code sealedSize} bytes is opened: writes the plaintext to {@code
   * out}.
   */
  public OutputStream open(OutputStream out, long sealedSize) {
    long segments = Coding.ceilDiv(sealedSize, SEGMENT + TAG);
    return new OutputStream() {
      final byte[] buf = new byte[SEGMENT + TAG];
      int fill;
      long segment;

      private int want() {
        return (int)
            (segment == segments - 1 ? sealedSize - segment * (SEGMENT + TAG) : buf.length);
      }

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
          if (segment >= segments) {
            throw new IOException("more bytes than the sealed object has");
          }
          int n = Math.min(len, want() - fill);
          System.arraycopy(b, off, buf, fill, n);
          fill += n;
          off += n;
          len -= n;
          if (fill == want()) {
            boolean last = segment == segments - 1;
            try {
              out.write(
                  aead.decrypt(key, nonce(segment), Arrays.copyOf(buf, fill), aad(segment, last)));
            } catch (AeadException e) {
              throw new SealException(
                  "segment " + segment + " does not open: not this owner's key, or altered", e);
            }
            segment++;
            fill = 0;
          }
        }
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        if (fill != 0 || segment != segments) {
          throw new IOException("the sealed object ended inside segment " + segment);
        }
        out.close();
      }
    };
  }
}
