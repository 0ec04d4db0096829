package org.jingchain.gov;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.PublicKey;

/**
 * The validator set as chain state ({@code gov/validators}): each validator's key, in order, with
 * the organisation that runs it. Written at genesis; changed by governance with epochs
 * (docs/spec/governance.md, section 3).
 */
public final class Validators {
  static final String KEY = "gov/validators";

  /** The most validators a set holds. */
  public static final int MAX = 1000;

  private Validators() {}

  /** One validator: its consensus key and its organisation. */
  public record Entry(PublicKey key, String org) {}

  public static List<Entry> read(StateReader s) {
    return s.get(WriteSet.key(KEY)).map(b -> decode(b.unsafeArray())).orElse(List.of());
  }

  static Set<String> orgs(StateReader s) {
    Set<String> out = new TreeSet<>();
    for (Entry e : read(s)) {
      out.add(e.org());
    }
    return out;
  }

  public static byte[] encode(List<Entry> entries) {
    Encoder e = new Encoder(64 * entries.size() + 4).u32(entries.size());
    for (Entry v : entries) {
      e.publicKey(v.key()).string(v.org());
    }
    return e.toByteArray();
  }

  public static List<Entry> decode(byte[] in) {
    Decoder d = new Decoder(in);
    int n = d.count("validators", MAX);
    List<Entry> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Entry(d.publicKey("validator key"), d.string("org", 32)));
    }
    d.finish("validator set");
    return out;
  }
}
