package org.jingchain.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;

/**
 * The {@code aggregate} contract's methods and their canonical argument encodings
 * (docs/spec/privacy.md section 3): clients build calls here and the contract decodes them here.
 */
public final class AggregateCalls {
  public static final String CONTRACT = "aggregate";
  public static final String CREATE_COMMITTEE = "create_committee";
  public static final String JOIN = "join";
  public static final String DEAL = "deal";
  public static final String COMPLAIN = "complain";
  public static final String ACK = "ack";
  public static final String ADVANCE = "advance";
  public static final String OPEN = "open";
  public static final String CONTRIBUTE = "contribute";
  public static final String CLOSE = "close";
  public static final String SHARE = "share";
  public static final String REVEAL = "reveal";

  /** Committee and aggregate ids: 1..64 lower-case letters, digits, dots and dashes. */
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");

  /** The most blocks a phase may be given. */
  public static final long MAX_PHASE_BLOCKS = 1_000_000;

  public record CreateCommittee(String id, List<Address> members, int threshold, long phaseBlocks) {
    public CreateCommittee {
      members = List.copyOf(members);
    }
  }

  public record Join(String committee, Bytes encKey, Bytes proof) {}

  public record DealArgs(String committee, Deal deal) {}

  public record Complain(String committee, int dealer, Bytes sharedPoint, Bytes proof) {}

  public record Open(
      String id,
      String committee,
      String description,
      int bits,
      long minContributions,
      long maxContributions,
      List<Address> contributors,
      long closeHeight) {
    public Open {
      contributors = List.copyOf(contributors);
    }
  }

  public record Contribute(String aggregate, List<Bytes> bits) {
    public Contribute {
      bits = List.copyOf(bits);
    }
  }

  public record ShareArgs(String aggregate, Bytes point, Bytes proof) {}

  public record Reveal(String aggregate, long total) {}

  /** Gas per scalar multiplication, as the EVM's ECMUL (EIP-1108). */
  public static final long GAS_PER_MULTIPLICATION = 6_000;

  private AggregateCalls() {}

  /**
   * The gas a call declares ([PRIV-18]): two multiplications per double-scalar multiplication the
   * contract does — four per contribution bit, two per DLEQ proof, one per proof of knowledge —
   * plus the combination of t shares and the committee's public shares, as fixed upper bounds per
   * method (an ack that ends nothing declares what one that finishes the key would); 0 for bytes
   * that do not decode.
   */
  public static long gas(Call call) {
    long m = GAS_PER_MULTIPLICATION;
    try {
      return switch (call.method()) {
        case CONTRIBUTE -> decodeContribute(call.args()).bits().size() * 8L * m + m;
        case JOIN -> {
          decodeJoin(call.args());
          yield 2 * m;
        }
        case DEAL -> 2 * m + decodeDeal(call.args()).deal().commitments().size() * m;
        case COMPLAIN -> {
          decodeComplain(call.args());
          yield 4 * m + Committee.MAX_MEMBERS * m;
        }
        case ACK, ADVANCE -> {
          decodeId(call.args(), "committee");
          yield 2 * Committee.MAX_MEMBERS * m;
        }
        case SHARE -> {
          decodeShare(call.args());
          yield 4 * m + Committee.MAX_MEMBERS * m;
        }
        case REVEAL -> {
          decodeReveal(call.args());
          yield m;
        }
        default -> 0;
      };
    } catch (org.jingchain.codec.DecodeException e) {
      return 0;
    }
  }

  private static Call call(String method, Encoder e) {
    return new Call(CONTRACT, method, Bytes.wrap(e.toByteArray()));
  }

  public static Call createCommittee(
      String id, List<Address> members, int threshold, long phaseBlocks) {
    Encoder e = new Encoder().string(id).u32(members.size());
    members.forEach(e::address);
    return call(CREATE_COMMITTEE, e.u32(threshold).u64(phaseBlocks));
  }

  public static CreateCommittee decodeCreateCommittee(Bytes b) {
    Decoder d = new Decoder(b.unsafeArray());
    String id = d.string("id", 64);
    int n = d.count("members", Committee.MAX_MEMBERS);
    List<Address> ms = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ms.add(d.address("member"));
    }
    CreateCommittee c = new CreateCommittee(id, ms, (int) d.u32("threshold"), d.u64("blocks"));
    d.finish("create_committee");
    return c;
  }

  public static Call join(String committee, byte[] encKey, byte[] proof) {
    return call(JOIN, new Encoder().string(committee).bytes(encKey).bytes(proof));
  }

  public static Join decodeJoin(Bytes b) {
    Decoder d = new Decoder(b.unsafeArray());
    Join j =
        new Join(
            d.string("committee", 64),
            d.bytesValue("enc key", EcGroup.POINT_BYTES),
            d.bytesValue("proof", Dleq.BYTES));
    d.finish("join");
    return j;
  }

  public static Call deal(String committee, Deal deal) {
    return call(DEAL, new Encoder().string(committee).raw(deal.encode()));
  }

  public static DealArgs decodeDeal(Bytes b) {
    Decoder d = new Decoder(b.unsafeArray());
    DealArgs a = new DealArgs(d.string("committee", 64), Deal.decode(d));
    d.finish("deal");
    return a;
  }

  public static Call complain(String committee, int dealer, byte[] sharedPoint, byte[] proof) {
    return call(
        COMPLAIN, new Encoder().string(committee).u32(dealer).bytes(sharedPoint).bytes(proof));
  }

  public static Complain decodeComplain(Bytes b) {
    Decoder d = new Decoder(b.unsafeArray());
    Complain c =
        new Complain(
            d.string("committee", 64),
            (int) d.u32("dealer"),
            d.bytesValue("shared point", EcGroup.POINT_BYTES),
            d.bytesValue("proof", Dleq.BYTES));
    d.finish("complain");
    return c;
  }

  public static Call ack(String committee) {
    return call(ACK, new Encoder().string(committee));
  }

  public static Call advance(String committee) {
    return call(ADVANCE, new Encoder().string(committee));
  }

  /** The one string argument of ack, advance and close. */
  public static String decodeId(Bytes b, String what) {
    Decoder d = new Decoder(b.unsafeArray());
    String s = d.string(what, 64);
    d.finish(what);
    return s;
  }

  public static Call open(Open o) {
    Encoder e =
        new Encoder()
            .string(o.id())
            .string(o.committee())
            .string(o.description())
            .u32(o.bits())
            .u64(o.minContributions())
            .u64(o.maxContributions())
            .u32(o.contributors().size());
    o.contributors().forEach(e::address);
    return call(OPEN, e.u64(o.closeHeight()));
  }

  public static Open decodeOpen(Bytes b) {
    Decoder d = new Decoder(b.unsafeArray());
    String id = d.string("id", 64);
    String committee = d.string("committee", 64);
    String description = d.string("description", 200);
    int bits = (int) d.u32("bits");
    long min = d.u64("min");
    long max = d.u64("max");
    int n = d.count("contributors", Aggregate.MAX_CONTRIBUTORS);
    List<Address> cs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      cs.add(d.address("contributor"));
    }
    Open o = new Open(id, committee, description, bits, min, max, cs, d.u64("close height"));
    d.finish("open");
    return o;
  }

  public static Call contribute(String aggregate, List<byte[]> bits) {
    Encoder e = new Encoder().string(aggregate).u32(bits.size());
    bits.forEach(e::bytes);
    return call(CONTRIBUTE, e);
  }

  public static Contribute decodeContribute(Bytes b) {
    Decoder d = new Decoder(b.unsafeArray());
    String a = d.string("aggregate", 64);
    int n = d.count("bits", Aggregate.MAX_BITS);
    List<Bytes> bits = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      bits.add(d.bytesValue("bit", BitCipher.BYTES));
    }
    d.finish("contribute");
    return new Contribute(a, bits);
  }

  public static Call close(String aggregate) {
    return call(CLOSE, new Encoder().string(aggregate));
  }

  public static Call share(String aggregate, byte[] point, byte[] proof) {
    return call(SHARE, new Encoder().string(aggregate).bytes(point).bytes(proof));
  }

  public static ShareArgs decodeShare(Bytes b) {
    Decoder d = new Decoder(b.unsafeArray());
    ShareArgs s =
        new ShareArgs(
            d.string("aggregate", 64),
            d.bytesValue("share", EcGroup.POINT_BYTES),
            d.bytesValue("proof", Dleq.BYTES));
    d.finish("share");
    return s;
  }

  public static Call reveal(String aggregate, long total) {
    return call(REVEAL, new Encoder().string(aggregate).u64(total));
  }

  public static Reveal decodeReveal(Bytes b) {
    Decoder d = new Decoder(b.unsafeArray());
    Reveal r = new Reveal(d.string("aggregate", 64), d.u64("total"));
    d.finish("reveal");
    return r;
  }
}
