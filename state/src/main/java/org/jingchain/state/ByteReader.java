package org.jingchain.state;

import java.util.Arrays;
import java.util.function.Function;
import org.jingchain.types.Hash;

/** A strict cursor over an encoding that reports every defect through one typed exception. */
final class ByteReader {
  private final byte[] data;
  private final Function<String, ? extends RuntimeException> error;
  private int pos;

  ByteReader(byte[] data, Function<String, ? extends RuntimeException> error) {
    this.data = data;
    this.error = error;
  }

  RuntimeException fail(String message) {
    return error.apply(message);
  }

  int position() {
    return pos;
  }

  private void need(int n) {
    if (n < 0 || data.length - pos < n) {
      throw fail("truncated: need " + n + " bytes at offset " + pos + " of " + data.length);
    }
  }

  int u8() {
    need(1);
    return data[pos++] & 0xff;
  }

  int u16() {
    need(2);
    int v = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  int u32() {
    need(4);
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v = v << 8 | (data[pos + i] & 0xff);
    }
    pos += 4;
    if (v > Integer.MAX_VALUE) {
      throw fail("length " + v + " too large");
    }
    return (int) v;
  }

  long i64() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = v << 8 | (data[pos + i] & 0xff);
    }
    pos += 8;
    return v;
  }

  /** A non-negative version; negative values would sort after all others in big-endian keys. */
  long version() {
    long v = i64();
    if (v < 0) {
      throw fail("negative version " + v);
    }
    return v;
  }

  byte[] bytes(int n) {
    need(n);
    byte[] out = Arrays.copyOfRange(data, pos, pos + n);
    pos += n;
    return out;
  }

  Hash hash() {
    return Hash.wrap(bytes(Hash.LENGTH));
  }

  void finish() {
    if (pos != data.length) {
      throw fail((data.length - pos) + " trailing bytes after offset " + pos);
    }
  }

  /** Big-endian helpers shared by the encoders. */
  static void putLong(byte[] out, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      out[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  static void putInt(byte[] out, int off, int v) {
    out[off] = (byte) (v >>> 24);
    out[off + 1] = (byte) (v >>> 16);
    out[off + 2] = (byte) (v >>> 8);
    out[off + 3] = (byte) v;
  }
}
