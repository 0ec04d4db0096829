package org.jingchain.privacy;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Bytes;

/**
 * One member's deal ([PRIV-6]): the ephemeral point {@code R = ρ·G}, Feldman commitments {@code
 * A_0..A_{t-1}} to its polynomial, and for every member j the masked share {@code f(j) + pad_j mod
 * q}, where the pad hashes {@code ρ·E_j = e_j·R}, and a proof of knowledge of ρ bound to the chain,
 * committee and dealer, so no dealer can deal under another's R ([PRIV-6]). Points and scalars in
 * their group encodings.
 */
public record Deal(Bytes r, List<Bytes> commitments, List<Bytes> maskedShares, Bytes proof) {
  /** The version byte every encoded deal starts with. */
  public static final int VERSION = 1;

  public Deal {
    commitments = List.copyOf(commitments);
    maskedShares = List.copyOf(maskedShares);
  }

  public byte[] encode() {
    Encoder e = new Encoder().u8(VERSION).bytes(r).u32(commitments.size());
    commitments.forEach(e::bytes);
    e.u32(maskedShares.size());
    maskedShares.forEach(e::bytes);
    return e.bytes(proof).toByteArray();
  }

  /** Decodes the bytes only; the contract checks the points and scalars ([PRIV-2]). */
  public static Deal decode(Decoder d) {
    int v = d.u8("deal version");
    if (v != VERSION) {
      throw new org.jingchain.codec.DecodeException("deal version " + v + ", not " + VERSION);
    }
    Bytes r = d.bytesValue("R", EcGroup.POINT_BYTES);
    int t = d.count("commitments", Committee.MAX_MEMBERS);
    List<Bytes> cs = new ArrayList<>(t);
    for (int i = 0; i < t; i++) {
      cs.add(d.bytesValue("commitment", EcGroup.POINT_BYTES));
    }
    int n = d.count("shares", Committee.MAX_MEMBERS);
    List<Bytes> ss = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ss.add(d.bytesValue("share", EcGroup.SCALAR_BYTES));
    }
    return new Deal(r, cs, ss, d.bytesValue("proof", Dleq.BYTES));
  }

  public static Deal decode(byte[] b) {
    Decoder d = new Decoder(b);
    Deal deal = decode(d);
    d.finish("deal");
    return deal;
  }
}
