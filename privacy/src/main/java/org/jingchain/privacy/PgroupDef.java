package org.jingchain.privacy;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;
import org.jingchain.types.PublicKey;

/**
 * A private group as governance approves it ([PRIV-30]): its id, the threshold t of member nodes
 * that must hold a payload before the chain records it, and each member — organisation, node key
 * (the node's validator key), API endpoint, share-encryption key E, and the group key wrapped for
 * it. The chain admits a definition whose digest governance approved with purpose {@code pgroup}.
 */
public record PgroupDef(String id, int threshold, List<Member> members) {
  public static final int MAX_MEMBERS = 32;
  public static final int VERSION = 1;

  /** One member node: who runs it, its keys, where it serves, and the wrapped group key. */
  public record Member(
      String org, PublicKey nodeKey, String endpoint, Bytes encKey, Bytes wrapped) {}

  public PgroupDef {
    members = List.copyOf(members);
  }

  public byte[] encode() {
    Encoder e = new Encoder().u8(VERSION).string(id).u32(threshold).u32(members.size());
    for (Member m : members) {
      e.string(m.org())
          .publicKey(m.nodeKey())
          .string(m.endpoint())
          .bytes(m.encKey())
          .bytes(m.wrapped());
    }
    return e.toByteArray();
  }

  public static PgroupDef decode(Decoder d) {
    int v = d.u8("group version");
    if (v != VERSION) {
      throw new org.jingchain.codec.DecodeException("group version " + v + ", not " + VERSION);
    }
    String id = d.string("id", 64);
    int t = (int) d.u32("threshold");
    int n = d.count("members", MAX_MEMBERS);
    List<Member> ms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ms.add(
          new Member(
              d.string("org", 64),
              d.publicKey("node key"),
              d.string("endpoint", 200),
              d.bytesValue("enc key", EcGroup.POINT_BYTES),
              d.bytesValue("wrapped key", EcGroup.POINT_BYTES + 32)));
    }
    return new PgroupDef(id, t, ms);
  }

  public static PgroupDef decode(byte[] b) {
    Decoder d = new Decoder(b);
    PgroupDef def = decode(d);
    d.finish("group");
    return def;
  }

  /** The digest governance approves (purpose {@code pgroup}): the hash of the encoding. */
  public Hash digest(HashFunction h) {
    return h.hash(new Encoder().string("jing-pgroup-define").raw(encode()).toByteArray());
  }

  /** The 0-based index of the member whose node key is {@code key}, or -1. */
  public int indexOf(PublicKey key) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).nodeKey().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** True when {@code org} runs one of the member nodes. */
  public boolean hasOrg(String org) {
    return members.stream().anyMatch(m -> m.org().equals(org));
  }
}
