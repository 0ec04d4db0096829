package org.jingchain.privacy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.codec.Encoder;

/**
 * A Fiat–Shamir transcript ([PRIV-21]): every message appended, length-prefixed, to a running byte
 * string; a challenge is {@link EcGroup#hashToScalar} over the domain and everything so far, and is
 * appended itself, so each challenge binds all that came before it.
 */
final class Transcript {
  private final EcGroup g;
  private final String domain;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  Transcript(EcGroup g, String domain, byte[] context) {
    this.g = g;
    this.domain = domain;
    append(context);
  }

  Transcript append(byte[] b) {
    bytes.writeBytes(new Encoder().bytes(b).toByteArray());
    return this;
  }

  Transcript append(ECPoint p) {
    return append(g.encode(p));
  }

  Transcript append(BigInteger k) {
    return append(g.encodeScalar(k));
  }

  BigInteger challenge() {
    BigInteger c = g.hashToScalar(domain, List.of(bytes.toByteArray()));
    if (c.signum() == 0) {
      c = BigInteger.ONE; // probability 2^-256; a zero challenge would void the proof
    }
    append(c);
    return c;
  }
}
