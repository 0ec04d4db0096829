package org.jingchain.p2p;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.types.Bytes;
import org.jingchain.types.Limits;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/**
 * The two plaintext handshake messages and their byte form [P2P-2]. Decoding is strict: exact
 * lengths, no trailing bytes, and every failure is a {@link HandshakeException}.
 */
final class HandshakeCodec {
  static final int VERSION = 1;
  static final int TYPE_INIT = 1;
  static final int TYPE_RESPONSE = 2;

  /** Limit for frames before authentication [P2P-5]: the largest INIT is 134 bytes. */
  static final int MAX_HANDSHAKE_FRAME_BYTES = 256;

  private HandshakeCodec() {}

  /** The initiator's opening message. */
  record Init(SuiteId suite, Bytes chainId, PublicKey staticKey, Bytes ephemeralKey) {
    Init {
      Objects.requireNonNull(suite, "suite");
      if (chainId.length() < 1 || chainId.length() > Limits.MAX_CHAIN_ID_BYTES) {
        throw new IllegalArgumentException("chain id must be 1..64 bytes");
      }
      checkKeys(suite, staticKey, ephemeralKey);
    }
  }

  /** The responder's answer. */
  record Response(SuiteId suite, PublicKey staticKey, Bytes ephemeralKey) {
    Response {
      checkKeys(suite, staticKey, ephemeralKey);
    }
  }

  static byte[] encode(Init m) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    out.write(VERSION);
    out.write(TYPE_INIT);
    out.write(m.suite().tag());
    out.write(m.chainId().length());
    out.writeBytes(m.chainId().unsafeArray());
    out.writeBytes(m.staticKey().bytes().unsafeArray());
    out.writeBytes(m.ephemeralKey().unsafeArray());
    return out.toByteArray();
  }

  static byte[] encode(Response m) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(80);
    out.write(VERSION);
    out.write(TYPE_RESPONSE);
    out.write(m.suite().tag());
    out.writeBytes(m.staticKey().bytes().unsafeArray());
    out.writeBytes(m.ephemeralKey().unsafeArray());
    return out.toByteArray();
  }

  static Init decodeInit(byte[] message) throws HandshakeException {
    Reader r = new Reader(message);
    SuiteId suite = r.header(TYPE_INIT);
    int chainIdLength = r.u8();
    if (chainIdLength < 1 || chainIdLength > Limits.MAX_CHAIN_ID_BYTES) {
      throw malformed("chain id length " + chainIdLength);
    }
    Bytes chainId = r.bytes(chainIdLength);
    PublicKey staticKey = new PublicKey(suite, r.bytes(suite.publicKeyLength()));
    Bytes ephemeral = r.bytes(ephemeralLength(suite));
    r.end();
    return new Init(suite, chainId, staticKey, ephemeral);
  }

  static Response decodeResponse(byte[] message) throws HandshakeException {
    Reader r = new Reader(message);
    SuiteId suite = r.header(TYPE_RESPONSE);
    PublicKey staticKey = new PublicKey(suite, r.bytes(suite.publicKeyLength()));
    Bytes ephemeral = r.bytes(ephemeralLength(suite));
    r.end();
    return new Response(suite, staticKey, ephemeral);
  }

  static int ephemeralLength(SuiteId suite) {
    return CryptoSuites.of(suite).keyAgreement().ephemeralPublicKeyLength();
  }

  private static void checkKeys(SuiteId suite, PublicKey staticKey, Bytes ephemeralKey) {
    if (staticKey.suite() != suite) {
      throw new IllegalArgumentException("static key " + staticKey + " is not of suite " + suite);
    }
    if (ephemeralKey.length() != ephemeralLength(suite)) {
      throw new IllegalArgumentException("ephemeral key has " + ephemeralKey.length() + " bytes");
    }
  }

  private static HandshakeException malformed(String detail) {
    return new HandshakeException(HandshakeFailure.MALFORMED, detail);
  }

  /** Bounds-checked reading of one message. */
  private static final class Reader {
    private final byte[] in;
    private int pos;

    Reader(byte[] in) {
      this.in = in;
    }

    /** Version, type and suite: the version comes first so a later version fails as such. */
    SuiteId header(int expectedType) throws HandshakeException {
      int version = u8();
      if (version != VERSION) {
        throw new HandshakeException(
            HandshakeFailure.UNSUPPORTED_VERSION, "version " + version + ", this node speaks 1");
      }
      int type = u8();
      if (type != expectedType) {
        throw malformed("message type " + type + ", expected " + expectedType);
      }
      int tag = u8();
      return SuiteId.fromTag(tag)
          .orElseThrow(
              () -> new HandshakeException(HandshakeFailure.WRONG_SUITE, "unknown suite " + tag));
    }

    int u8() throws HandshakeException {
      if (pos >= in.length) {
        throw malformed("message ends at byte " + pos);
      }
      return in[pos++] & 0xff;
    }

    Bytes bytes(int n) throws HandshakeException {
      if (in.length - pos < n) {
        throw malformed("message ends at byte " + in.length + ", needed " + (pos + n));
      }
      Bytes b = Bytes.wrap(Arrays.copyOfRange(in, pos, pos + n));
      pos += n;
      return b;
    }

    void end() throws HandshakeException {
      if (pos != in.length) {
        throw malformed((in.length - pos) + " trailing bytes");
      }
    }
  }
}
