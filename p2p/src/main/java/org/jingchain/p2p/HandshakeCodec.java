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
 * The two plaintext handshake messages and their byte form [P2P-2], each optionally ending with a
 * node certificate [P2P-15]. Decoding is strict: exact lengths, no trailing bytes, and every
 * failure is a {@link HandshakeException}.
 */
final class HandshakeCodec {
  static final int VERSION = 1;
  static final int TYPE_INIT = 1;
  static final int TYPE_RESPONSE = 2;

  /**
   * Limit for frames before authentication [P2P-5]: the largest INIT is 134 bytes, 240 with a node
   * certificate.
   */
  static final int MAX_HANDSHAKE_FRAME_BYTES = 256;

  private HandshakeCodec() {}

  /** Marks a node certificate after the ephemeral key [P2P-15]. */
  static final int CERTIFICATE = 1;

  /**
   * The initiator's opening message.
   *
   * @param certificate null when the static key is the node's identity
   */
  record Init(
      SuiteId suite,
      Bytes chainId,
      PublicKey staticKey,
      Bytes ephemeralKey,
      NodeCertificate certificate) {
    Init {
      Objects.requireNonNull(suite, "suite");
      if (chainId.length() < 1 || chainId.length() > Limits.MAX_CHAIN_ID_BYTES) {
        throw new IllegalArgumentException("chain id must be 1..64 bytes");
      }
      checkKeys(suite, staticKey, ephemeralKey, certificate);
    }

    /** The key the initiator claims to be: the certified node key, else its static key. */
    PublicKey identity() {
      return certificate == null ? staticKey : certificate.node();
    }
  }

  /**
   * The responder's answer.
   *
   * @param certificate null when the static key is the node's identity
   */
  record Response(
      SuiteId suite, PublicKey staticKey, Bytes ephemeralKey, NodeCertificate certificate) {
    Response {
      checkKeys(suite, staticKey, ephemeralKey, certificate);
    }

    /** The key the responder claims to be: the certified node key, else its static key. */
    PublicKey identity() {
      return certificate == null ? staticKey : certificate.node();
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
    writeCertificate(out, m.certificate());
    return out.toByteArray();
  }

  static byte[] encode(Response m) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(80);
    out.write(VERSION);
    out.write(TYPE_RESPONSE);
    out.write(m.suite().tag());
    out.writeBytes(m.staticKey().bytes().unsafeArray());
    out.writeBytes(m.ephemeralKey().unsafeArray());
    writeCertificate(out, m.certificate());
    return out.toByteArray();
  }

  private static void writeCertificate(ByteArrayOutputStream out, NodeCertificate c) {
    if (c != null) {
      out.write(CERTIFICATE);
      out.writeBytes(c.node().bytes().unsafeArray());
      for (int i = 7; i >= 0; i--) {
        out.write((int) (c.issuedAtMillis() >>> (8 * i)));
      }
      out.writeBytes(c.signature().unsafeArray());
    }
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
    NodeCertificate certificate = r.certificate(suite);
    r.end();
    return new Init(suite, chainId, staticKey, ephemeral, certificate);
  }

  static Response decodeResponse(byte[] message) throws HandshakeException {
    Reader r = new Reader(message);
    SuiteId suite = r.header(TYPE_RESPONSE);
    PublicKey staticKey = new PublicKey(suite, r.bytes(suite.publicKeyLength()));
    Bytes ephemeral = r.bytes(ephemeralLength(suite));
    NodeCertificate certificate = r.certificate(suite);
    r.end();
    return new Response(suite, staticKey, ephemeral, certificate);
  }

  static int ephemeralLength(SuiteId suite) {
    return CryptoSuites.of(suite).keyAgreement().ephemeralPublicKeyLength();
  }

  private static void checkKeys(
      SuiteId suite, PublicKey staticKey, Bytes ephemeralKey, NodeCertificate certificate) {
    if (certificate != null && certificate.node().suite() != suite) {
      throw new IllegalArgumentException(
          "certified key " + certificate.node() + " is not of " + suite);
    }
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

    /** Nothing left: no certificate; else exactly the marker, a node key and a signature. */
    NodeCertificate certificate(SuiteId suite) throws HandshakeException {
      if (pos == in.length) {
        return null;
      }
      int marker = u8();
      if (marker != CERTIFICATE) {
        throw malformed("byte " + marker + " after the ephemeral key, expected a certificate (1)");
      }
      PublicKey node = new PublicKey(suite, bytes(suite.publicKeyLength()));
      long issued = 0;
      for (byte b : bytes(8).unsafeArray()) {
        issued = (issued << 8) | (b & 0xff);
      }
      return new NodeCertificate(node, issued, bytes(NodeCertificate.SIGNATURE_BYTES));
    }

    void end() throws HandshakeException {
      if (pos != in.length) {
        throw malformed((in.length - pos) + " trailing bytes");
      }
    }
  }
}
