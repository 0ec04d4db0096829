package org.jingchain.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;

/**
 * A committee of decryption authorities and its key generation ([PRIV-5]..[PRIV-9]): members in
 * order (member i is number i + 1 in the polynomials), the threshold t, the phase and when it
 * began, each member's progress, and once ready the joint public key Y and every member's public
 * share {@code X_j = x_j·G}.
 */
public record Committee(
    String id,
    Address creator,
    List<Member> members,
    int threshold,
    long phaseBlocks,
    Phase phase,
    long phaseStarted,
    Bytes publicKey,
    String failure) {
  public static final int MAX_MEMBERS = 64;

  /** The key generation's phases, in order; READY and FAILED are final. */
  public enum Phase {
    JOINING,
    DEALING,
    CHECKING,
    READY,
    FAILED
  }

  /**
   * One member: its account, its share-encryption key E (empty until it joined), whether it dealt,
   * acknowledged its shares, was disqualified by an upheld complaint, and its public share (empty
   * until ready).
   */
  public record Member(
      Address address,
      Bytes encKey,
      boolean dealt,
      boolean acked,
      boolean disqualified,
      Bytes publicShare) {
    public boolean joined() {
      return encKey.length() > 0;
    }

    Member withEncKey(Bytes k) {
      return new Member(address, k, dealt, acked, disqualified, publicShare);
    }

    Member withDealt() {
      return new Member(address, encKey, true, acked, disqualified, publicShare);
    }

    Member withAcked() {
      return new Member(address, encKey, dealt, true, disqualified, publicShare);
    }

    Member withDisqualified() {
      return new Member(address, encKey, dealt, acked, true, publicShare);
    }

    Member withPublicShare(Bytes s) {
      return new Member(address, encKey, dealt, acked, disqualified, s);
    }
  }

  public Committee {
    members = List.copyOf(members);
  }

  public int size() {
    return members.size();
  }

  /** The 1-based number of {@code a} among the members, if it is one. */
  public Optional<Integer> indexOf(Address a) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).address().equals(a)) {
        return Optional.of(i + 1);
      }
    }
    return Optional.empty();
  }

  public Member member(int index) {
    return members.get(index - 1);
  }

  Committee withMember(int index, Member m) {
    List<Member> ms = new ArrayList<>(members);
    ms.set(index - 1, m);
    return new Committee(
        id, creator, ms, threshold, phaseBlocks, phase, phaseStarted, publicKey, failure);
  }

  Committee inPhase(Phase p, long height) {
    return new Committee(
        id, creator, members, threshold, phaseBlocks, p, height, publicKey, failure);
  }

  Committee failed(long height, String why) {
    return new Committee(
        id, creator, members, threshold, phaseBlocks, Phase.FAILED, height, publicKey, why);
  }

  Committee ready(long height, Bytes key, List<Member> ms) {
    return new Committee(
        id, creator, ms, threshold, phaseBlocks, Phase.READY, height, key, failure);
  }

  /** The first height at which {@code advance} may end the current phase. */
  public long deadline() {
    return phaseStarted + phaseBlocks;
  }

  /** The version byte every encoded record starts with. */
  public static final int VERSION = 1;

  public byte[] encode() {
    Encoder e = new Encoder().u8(VERSION).string(id).address(creator).u32(members.size());
    for (Member m : members) {
      e.address(m.address())
          .bytes(m.encKey())
          .bool(m.dealt())
          .bool(m.acked())
          .bool(m.disqualified())
          .bytes(m.publicShare());
    }
    return e.u32(threshold)
        .u64(phaseBlocks)
        .u8(phase.ordinal())
        .u64(phaseStarted)
        .bytes(publicKey)
        .string(failure)
        .toByteArray();
  }

  public static Committee decode(byte[] b) {
    Decoder d = new Decoder(b);
    int version = d.u8("version");
    if (version != VERSION) {
      throw new org.jingchain.codec.DecodeException(
          "committee version " + version + ", not " + VERSION);
    }
    String id = d.string("id", 64);
    Address creator = d.address("creator");
    int n = d.count("members", MAX_MEMBERS);
    List<Member> ms = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ms.add(
          new Member(
              d.address("member"),
              d.bytesValue("enc key", EcGroup.POINT_BYTES),
              d.bool("dealt"),
              d.bool("acked"),
              d.bool("disqualified"),
              d.bytesValue("public share", EcGroup.POINT_BYTES)));
    }
    int t = (int) d.u32("threshold");
    long pb = d.u64("phase blocks");
    int ph = d.u8("phase");
    if (ph >= Phase.values().length) {
      throw new org.jingchain.codec.DecodeException("unknown phase " + ph);
    }
    Committee c =
        new Committee(
            id,
            creator,
            ms,
            t,
            pb,
            Phase.values()[ph],
            d.u64("phase started"),
            d.bytesValue("public key", EcGroup.POINT_BYTES),
            d.string("failure", 200));
    d.finish("committee");
    return c;
  }
}
