package org.jingchain.xchain;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Bytes;

/**
 * A packet's acknowledgement (docs/spec/xchain.md 1.3), written by the destination: success with
 * the application's result, or an error with its code and message.
 */
public record Ack(boolean success, Bytes result) {
  static final int TAG = 0x41;
  public static final int MAX_RESULT_BYTES = 1024;

  public Ack {
    Objects.requireNonNull(result, "result");
  }

  public static Ack ok() {
    return new Ack(true, Bytes.EMPTY);
  }

  /** An error acknowledgement: {@code code: message}, cut to the size limit. */
  public static Ack error(String code, String message) {
    byte[] b = (code + ": " + message).getBytes(StandardCharsets.UTF_8);
    if (b.length > MAX_RESULT_BYTES) {
      b = java.util.Arrays.copyOf(b, MAX_RESULT_BYTES);
    }
    return new Ack(false, Bytes.wrap(b));
  }

  /** The error's text (its code first), or "" for a success. */
  public String errorText() {
    return success ? "" : new String(result.unsafeArray(), StandardCharsets.UTF_8);
  }

  public byte[] encode() {
    return new Encoder(8 + result.length()).u8(TAG).u8(success ? 0 : 1).bytes(result).toByteArray();
  }

  public static Ack decode(byte[] in) {
    Decoder d = new Decoder(in);
    if (d.u8("ack tag") != TAG) {
      throw new DecodeException("not an acknowledgement");
    }
    int status = d.u8("ack status");
    if (status > 1) {
      throw new DecodeException("ack status " + status);
    }
    Ack a = new Ack(status == 0, d.bytesValue("ack result", MAX_RESULT_BYTES));
    d.finish("acknowledgement");
    return a;
  }
}
