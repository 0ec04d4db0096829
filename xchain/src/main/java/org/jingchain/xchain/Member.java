package org.jingchain.xchain;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;

/**
 * A member chain in a hub's registry (docs/spec/xchain.md section 6, [XC-40]): its chain id, suite,
 * genesis block hash, the hub's client of it, and the organisations that operate it.
 */
public record Member(
    String chainId, SuiteId suite, Hash genesisHash, String client, List<String> operators) {
  public static final int MAX_OPERATORS = 16;
  public static final int MAX_OPERATOR_BYTES = 128;

  public Member {
    operators = List.copyOf(operators);
  }

  /** The fields after the version byte: what a registration's approval digest covers. */
  byte[] body() {
    Encoder e =
        new Encoder(128)
            .string(chainId)
            .u8(suite.tag())
            .hash(genesisHash)
            .string(client)
            .u32(operators.size());
    for (String o : operators) {
      e.string(o);
    }
    return e.toByteArray();
  }

  byte[] encode() {
    byte[] b = body();
    byte[] out = new byte[b.length + 1];
    out[0] = 1;
    System.arraycopy(b, 0, out, 1, b.length);
    return out;
  }

  static Member decode(byte[] in) {
    Decoder d = new Decoder(in);
    if (d.u8("member version") != 1) {
      throw new DecodeException("unknown member version");
    }
    String chain = d.string("chain id", 64);
    SuiteId suite = ClientState.suite(d.u8("suite"));
    Hash genesis = d.hash("genesis hash");
    String client = d.string("client", 32);
    int n = d.count("operators", MAX_OPERATORS);
    List<String> ops = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ops.add(d.string("operator", MAX_OPERATOR_BYTES));
    }
    d.finish("member");
    return new Member(chain, suite, genesis, client, ops);
  }
}
