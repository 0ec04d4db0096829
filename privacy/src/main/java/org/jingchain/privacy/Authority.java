package org.jingchain.privacy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.codec.Encoder;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;

/**
 * A committee member's side of the key generation and decryption ([PRIV-5]..[PRIV-14]). Its secrets
 * — the share-encryption key e, the polynomial's coefficients and the deal's ρ — are derived from
 * the member's account key and the chain and committee ids, so an authority keeps no state beyond
 * its key file: everything else is read back from the chain ([PRIV-6]).
 */
public final class Authority {
  private final EcGroup g;
  private final String chainId;
  private final KeyPair key;
  private final SecureRandom random;

  public Authority(EcGroup g, String chainId, KeyPair key, SecureRandom random) {
    this.g = g;
    this.chainId = chainId;
    this.key = key;
    this.random = random;
  }

  private BigInteger derive(String what, String committee, int index) {
    byte[] priv = key.privateKeyBytes();
    try {
      BigInteger k =
          g.hashToScalar(
              "jing-agg-secret",
              new Encoder().string(what).string(chainId).string(committee).u32(index).toByteArray(),
              priv);
      return k.signum() == 0 ? BigInteger.ONE : k;
    } finally {
      java.util.Arrays.fill(priv, (byte) 0);
    }
  }

  /** The member's share-encryption secret e for a committee. */
  BigInteger encSecret(String committee) {
    return derive("enc", committee, 0);
  }

  /** {@code E = e·G}. */
  public ECPoint encKey(String committee) {
    return g.base(encSecret(committee));
  }

  /** join: E with a proof of knowledge of e bound to the chain, committee and account. */
  public Call join(String committee) {
    BigInteger e = encSecret(committee);
    Dleq pok =
        Dleq.prove(
            g, Transcripts.join(chainId, committee, key.address()), g.generator(), null, e, random);
    return AggregateCalls.join(committee, g.encode(g.base(e)), pok.encode(g));
  }

  private List<BigInteger> coefficients(Committee c) {
    List<BigInteger> a = new ArrayList<>();
    for (int l = 0; l < c.threshold(); l++) {
      a.add(derive("coefficient", c.id(), l));
    }
    return a;
  }

  /** deal: commitments to a fresh polynomial of degree t − 1 and every member's masked share. */
  public Call deal(Committee c) {
    int i = c.indexOf(key.address()).orElseThrow(() -> notMember(c));
    List<BigInteger> a = coefficients(c);
    BigInteger rho = derive("rho", c.id(), 0);
    List<Bytes> commitments = new ArrayList<>();
    for (ECPoint p : Shamir.commit(g, a)) {
      commitments.add(Bytes.wrap(g.encode(p)));
    }
    List<Bytes> masked = new ArrayList<>();
    for (int j = 1; j <= c.size(); j++) {
      ECPoint ej =
          g.decode(c.member(j).encKey().unsafeArray(), "member " + j + "'s encryption key");
      ECPoint k = g.mul(ej, rho);
      BigInteger s =
          Shamir.evaluate(g, a, j).add(Transcripts.pad(g, chainId, c.id(), i, j, k)).mod(g.order());
      masked.add(Bytes.wrap(g.encodeScalar(s)));
    }
    Dleq pok =
        Dleq.prove(g, Transcripts.deal(chainId, c.id(), i), g.generator(), null, rho, random);
    return AggregateCalls.deal(
        c.id(),
        new Deal(
            Bytes.wrap(g.encode(g.base(rho))), commitments, masked, Bytes.wrap(pok.encode(g))));
  }

  private IllegalStateException notMember(Committee c) {
    return new IllegalStateException(key.address() + " is not a member of " + c.id());
  }

  /** The share dealer i sent this member, unmasked; not checked. */
  private BigInteger unmask(Committee c, int i, Deal d) {
    int j = c.indexOf(key.address()).orElseThrow(() -> notMember(c));
    ECPoint k = g.mul(g.decode(d.r().unsafeArray(), "R"), encSecret(c.id()));
    return g.decodeScalar(d.maskedShares().get(j - 1).unsafeArray(), "share")
        .subtract(Transcripts.pad(g, chainId, c.id(), i, j, k))
        .mod(g.order());
  }

  /** True when dealer i's share to this member matches the dealer's commitments. */
  public boolean checkShare(Committee c, int i, Deal d) {
    int j = c.indexOf(key.address()).orElseThrow(() -> notMember(c));
    List<ECPoint> a = new ArrayList<>();
    for (Bytes b : d.commitments()) {
      a.add(g.decode(b.unsafeArray(), "commitment"));
    }
    return Shamir.verifyShare(g, a, j, unmask(c, i, d));
  }

  /** complain: disclose {@code e_j·R_i} with a proof, so the chain can check dealer i's share. */
  public Call complain(Committee c, int i, Deal d) {
    BigInteger e = encSecret(c.id());
    ECPoint r = g.decode(d.r().unsafeArray(), "R");
    Dleq proof =
        Dleq.prove(
            g,
            Transcripts.complaint(chainId, c.id(), key.address(), i),
            g.generator(),
            r,
            e,
            random);
    return AggregateCalls.complain(c.id(), i, g.encode(g.mul(r, e)), proof.encode(g));
  }

  /**
   * The member's secret share {@code x_j = Σ_{i qualified} f_i(j)}, from the deals on chain; deals
   * maps a dealer's number to its deal (absent for dealers that did not deal).
   */
  public BigInteger secretShare(Committee c, java.util.function.IntFunction<Optional<Deal>> deals) {
    BigInteger x = BigInteger.ZERO;
    for (int i = 1; i <= c.size(); i++) {
      Committee.Member m = c.member(i);
      if (m.dealt() && !m.disqualified()) {
        Deal d = deals.apply(i).orElseThrow(() -> new IllegalStateException("a deal is missing"));
        x = x.add(unmask(c, i, d));
      }
    }
    return x.mod(g.order());
  }

  /** share: {@code D_j = x_j·C1} with its proof, for an aggregate's encrypted sum. */
  public Call share(Committee c, Aggregate agg, BigInteger secretShare) {
    int j = c.indexOf(key.address()).orElseThrow(() -> notMember(c));
    Ciphertext sum = Ciphertext.decode(g, agg.sum().unsafeArray(), "sum");
    Dleq proof =
        Dleq.prove(
            g,
            Transcripts.share(chainId, agg.id(), j),
            g.generator(),
            sum.c1(),
            secretShare,
            random);
    return AggregateCalls.share(agg.id(), g.encode(g.mul(sum.c1(), secretShare)), proof.encode(g));
  }

  /** A contribution of {@code value} to an aggregate under the committee's public key. */
  public static Call contribute(
      EcGroup g,
      String chainId,
      Committee c,
      Aggregate agg,
      org.jingchain.types.Address sender,
      long value,
      SecureRandom random) {
    ECPoint y = g.decode(c.publicKey().unsafeArray(), "committee key");
    List<byte[]> bits = new ArrayList<>();
    for (BitCipher b :
        Ciphertext.encryptBits(
            g, y, value, agg.bits(), Transcripts.contribution(chainId, agg.id(), sender), random)) {
      bits.add(b.encode(g));
    }
    return AggregateCalls.contribute(agg.id(), bits);
  }
}
