package org.jingchain.xchain;

import java.util.Objects;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Bytes;

/**
 * A packet (docs/spec/xchain.md 1.3): sent through {@code sourceClient} (the destination's client
 * on the source), received through {@code destClient} (the source's client on the destination), its
 * application's {@code data}, and a timeout by the destination's height, time or both (0: none).
 * Its canonical bytes are what the source commits and the destination proves.
 */
public record Packet(
    String sourceClient,
    String destClient,
    long sequence,
    long timeoutHeight,
    long timeoutMillis,
    String app,
    Bytes data) {
  static final int TAG = 0x40;
  public static final int MAX_DATA_BYTES = 8 * 1024;

  public Packet {
    Objects.requireNonNull(sourceClient, "sourceClient");
    Objects.requireNonNull(destClient, "destClient");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(data, "data");
  }

  public byte[] encode() {
    return new Encoder(64 + data.length())
        .u8(TAG)
        .string(sourceClient)
        .string(destClient)
        .u64(sequence)
        .u64(timeoutHeight)
        .u64(timeoutMillis)
        .string(app)
        .bytes(data)
        .toByteArray();
  }

  /** Strict decoding ([ENC-1..3]); limits of docs/spec/xchain.md 1.3. */
  public static Packet decode(byte[] in) {
    Decoder d = new Decoder(in);
    if (d.u8("packet tag") != TAG) {
      throw new DecodeException("not a packet");
    }
    Packet p =
        new Packet(
            clientId(d, "source client"),
            clientId(d, "destination client"),
            d.u64("sequence"),
            d.u64("timeout height"),
            d.u64("timeout millis"),
            d.string("app", 32),
            d.bytesValue("data", MAX_DATA_BYTES));
    d.finish("packet");
    if (p.sequence() < 1) {
      throw new DecodeException("a packet's sequence starts at 1");
    }
    return p;
  }

  /** A client id: 1..32 bytes of {@code [a-z0-9-]}. */
  static String clientId(Decoder d, String what) {
    String id = d.string(what, 32);
    if (!Clients.ID.matcher(id).matches()) {
      throw new DecodeException(what + " '" + id + "' is not a client id");
    }
    return id;
  }
}
