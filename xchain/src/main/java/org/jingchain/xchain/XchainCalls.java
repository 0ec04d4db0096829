package org.jingchain.xchain;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.codec.Canonical;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.MessageCodec;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;
import org.jingchain.types.Limits;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/**
 * The calls of the {@code xchain} contract (docs/spec/xchain.md): their arguments as records, the
 * builders clients use, and strict decoding ({@link DecodeException} for anything malformed).
 */
public final class XchainCalls {
  private XchainCalls() {}

  public static final String CREATE_CLIENT = "createClient";
  public static final String UPDATE_CLIENT = "updateClient";
  public static final String FOLLOW_EPOCH = "followEpoch";
  public static final String MISBEHAVIOUR = "submitMisbehaviour";
  public static final String RECOVER_CLIENT = "recoverClient";
  public static final String REGISTER = "registerCounterparty";
  public static final String TRANSFER = "transfer";
  public static final String NFT_TRANSFER = "nftTransfer";
  public static final String RECV = "recvPacket";
  public static final String ACK = "acknowledgePacket";
  public static final String TIMEOUT = "timeoutPacket";
  public static final String RELAY = "relay";
  public static final String REGISTER_MEMBER = "registerMember";

  /** Most messages in one {@code relay} call [XC-15]. */
  public static final int MAX_RELAY_MESSAGES = 1000;

  private static final int MAX_HEADER_BYTES = 4096;
  private static final int MAX_PROOF_BYTES = 64 * 1024;

  /** A message of {@code relay}, or the arguments of its single-message method. */
  public sealed interface Msg
      permits UpdateClient, FollowEpoch, RecvPacket, AcknowledgePacket, TimeoutPacket {}

  public record CreateClient(
      String chainId,
      SuiteId suite,
      long trustingPeriodMillis,
      long epoch,
      long firstHeight,
      List<PublicKey> validators) {
    public CreateClient {
      validators = List.copyOf(validators);
    }
  }

  public record UpdateClient(
      String client,
      BlockHeader header,
      CommitProof commitProof,
      Bytes validatorsValue,
      Bytes validatorsProof)
      implements Msg {}

  public record FollowEpoch(
      String client,
      BlockHeader header,
      CommitProof commitProof,
      Bytes validatorsValue,
      Bytes stateProof)
      implements Msg {}

  public record Misbehaviour(
      String client,
      BlockHeader headerA,
      CommitProof proofA,
      BlockHeader headerB,
      CommitProof proofB) {}

  public record Recover(String client, long epoch, long firstHeight, List<PublicKey> validators) {
    public Recover {
      validators = List.copyOf(validators);
    }
  }

  public record RegisterCounterparty(String client, String counterpartyClient) {}

  /** A token transfer [XC-30]. */
  public record Transfer(
      String client,
      String denom,
      long amount,
      String receiver,
      long timeoutHeight,
      long timeoutMillis,
      String memo,
      String forwardChain) {
    /** A transfer to the chain {@code client} follows (not routed on). */
    public Transfer(
        String client,
        String denom,
        long amount,
        String receiver,
        long timeoutHeight,
        long timeoutMillis,
        String memo) {
      this(client, denom, amount, receiver, timeoutHeight, timeoutMillis, memo, "");
    }
  }

  /** A hub's registration of a member chain [XC-40]. */
  public record RegisterMember(
      String chainId, String client, Hash genesisHash, List<String> operators) {
    public RegisterMember {
      operators = List.copyOf(operators);
    }
  }

  /** A collectible transfer [XC-33]. */
  public record NftTransfer(
      String client,
      String classTrace,
      String id,
      String receiver,
      long timeoutHeight,
      long timeoutMillis) {}

  public record RecvPacket(Packet packet, long proofHeight, Bytes proof) implements Msg {}

  public record AcknowledgePacket(Packet packet, Ack ack, long proofHeight, Bytes proof)
      implements Msg {}

  public record TimeoutPacket(Packet packet, long proofHeight, Bytes proof) implements Msg {}

  // ---- builders

  public static Call createClient(CreateClient c) {
    Encoder e =
        new Encoder(64 + c.validators().size() * 34)
            .string(c.chainId())
            .u8(c.suite().tag())
            .u64(c.trustingPeriodMillis())
            .u64(c.epoch())
            .u64(c.firstHeight());
    keys(e, c.validators());
    return call(CREATE_CLIENT, e);
  }

  public static Call recoverClient(Recover r) {
    Encoder e = new Encoder(64).string(r.client()).u64(r.epoch()).u64(r.firstHeight());
    keys(e, r.validators());
    return call(RECOVER_CLIENT, e);
  }

  public static Call registerCounterparty(RegisterCounterparty r) {
    return call(REGISTER, new Encoder(64).string(r.client()).string(r.counterpartyClient()));
  }

  public static Call misbehaviour(Misbehaviour m) {
    Encoder e = new Encoder(2048).string(m.client());
    header(e, m.headerA(), m.proofA());
    header(e, m.headerB(), m.proofB());
    return call(MISBEHAVIOUR, e);
  }

  public static Call transfer(Transfer t) {
    return call(
        TRANSFER,
        new Encoder(128)
            .string(t.client())
            .string(t.denom())
            .u64(t.amount())
            .string(t.receiver())
            .u64(t.timeoutHeight())
            .u64(t.timeoutMillis())
            .string(t.memo())
            .string(t.forwardChain()));
  }

  public static Call registerMember(RegisterMember m) {
    Encoder e =
        new Encoder(128)
            .string(m.chainId())
            .string(m.client())
            .hash(m.genesisHash())
            .u32(m.operators().size());
    for (String o : m.operators()) {
      e.string(o);
    }
    return call(REGISTER_MEMBER, e);
  }

  public static Call nftTransfer(NftTransfer t) {
    return call(
        NFT_TRANSFER,
        new Encoder(128)
            .string(t.client())
            .string(t.classTrace())
            .string(t.id())
            .string(t.receiver())
            .u64(t.timeoutHeight())
            .u64(t.timeoutMillis()));
  }

  /** One message as its own call. */
  public static Call single(Msg m) {
    String method =
        switch (m) {
          case UpdateClient u -> UPDATE_CLIENT;
          case FollowEpoch f -> FOLLOW_EPOCH;
          case RecvPacket r -> RECV;
          case AcknowledgePacket a -> ACK;
          case TimeoutPacket t -> TIMEOUT;
        };
    Encoder e = new Encoder(2048);
    write(e, m);
    return call(method, e);
  }

  /** Many messages in one transaction [XC-15]. */
  public static Call relay(List<? extends Msg> msgs) {
    Encoder e = new Encoder(4096).u32(msgs.size());
    for (Msg m : msgs) {
      Encoder one = new Encoder(2048);
      write(one, m);
      e.u8(kind(m)).bytes(one.toByteArray());
    }
    return call(RELAY, e);
  }

  private static int kind(Msg m) {
    return switch (m) {
      case UpdateClient u -> 1;
      case FollowEpoch f -> 2;
      case RecvPacket r -> 3;
      case AcknowledgePacket a -> 4;
      case TimeoutPacket t -> 5;
    };
  }

  private static void write(Encoder e, Msg m) {
    switch (m) {
      case UpdateClient u -> {
        e.string(u.client());
        header(e, u.header(), u.commitProof());
        e.bytes(u.validatorsValue()).bytes(u.validatorsProof());
      }
      case FollowEpoch f -> {
        e.string(f.client());
        header(e, f.header(), f.commitProof());
        e.bytes(f.validatorsValue()).bytes(f.stateProof());
      }
      case RecvPacket r -> e.bytes(r.packet().encode()).u64(r.proofHeight()).bytes(r.proof());
      case AcknowledgePacket a ->
          e.bytes(a.packet().encode())
              .bytes(a.ack().encode())
              .u64(a.proofHeight())
              .bytes(a.proof());
      case TimeoutPacket t -> e.bytes(t.packet().encode()).u64(t.proofHeight()).bytes(t.proof());
    }
  }

  private static void header(Encoder e, BlockHeader h, CommitProof p) {
    e.bytes(Canonical.encode(h)).bytes(MessageCodec.encode(p));
  }

  private static void keys(Encoder e, List<PublicKey> keys) {
    e.u32(keys.size());
    for (PublicKey k : keys) {
      e.publicKey(k);
    }
  }

  private static Call call(String method, Encoder args) {
    return new Call(XchainContract.NAME, method, Bytes.wrap(args.toByteArray()));
  }

  // ---- decoding

  static CreateClient decodeCreate(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    String chain = d.string("chain id", Limits.MAX_CHAIN_ID_BYTES);
    SuiteId suite = ClientState.suite(d.u8("suite"));
    CreateClient c =
        new CreateClient(
            chain, suite, d.u64("trusting period"), d.u64("epoch"), d.u64("first height"), keys(d));
    d.finish("createClient");
    if (chain.isEmpty()) {
      throw new DecodeException("an empty chain id");
    }
    return c;
  }

  static Recover decodeRecover(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    Recover r =
        new Recover(Packet.clientId(d, "client"), d.u64("epoch"), d.u64("first height"), keys(d));
    d.finish("recoverClient");
    return r;
  }

  static RegisterCounterparty decodeRegister(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    RegisterCounterparty r =
        new RegisterCounterparty(
            Packet.clientId(d, "client"), Packet.clientId(d, "counterparty client"));
    d.finish("registerCounterparty");
    return r;
  }

  static Misbehaviour decodeMisbehaviour(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    Misbehaviour m =
        new Misbehaviour(
            Packet.clientId(d, "client"), headerOf(d), proofOf(d), headerOf(d), proofOf(d));
    d.finish("submitMisbehaviour");
    return m;
  }

  static Transfer decodeTransfer(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    Transfer t =
        new Transfer(
            Packet.clientId(d, "client"),
            d.string("denom", 256),
            d.u64("amount"),
            d.string("receiver", 128),
            d.u64("timeout height"),
            d.u64("timeout millis"),
            d.string("memo", 256),
            d.string("forward chain", Limits.MAX_CHAIN_ID_BYTES));
    d.finish("transfer");
    return t;
  }

  static RegisterMember decodeRegisterMember(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    String chain = d.string("chain id", Limits.MAX_CHAIN_ID_BYTES);
    String client = Packet.clientId(d, "client");
    Hash genesis = d.hash("genesis hash");
    int n = d.count("operators", Member.MAX_OPERATORS);
    List<String> ops = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ops.add(d.string("operator", Member.MAX_OPERATOR_BYTES));
    }
    d.finish("registerMember");
    if (chain.isEmpty()) {
      throw new DecodeException("an empty chain id");
    }
    return new RegisterMember(chain, client, genesis, ops);
  }

  static NftTransfer decodeNftTransfer(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    NftTransfer t =
        new NftTransfer(
            Packet.clientId(d, "client"),
            d.string("class", 256),
            d.string("id", 64),
            d.string("receiver", 128),
            d.u64("timeout height"),
            d.u64("timeout millis"));
    d.finish("nftTransfer");
    return t;
  }

  /** The single message of method {@code method}. */
  static Msg decodeSingle(String method, Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    int kind =
        switch (method) {
          case UPDATE_CLIENT -> 1;
          case FOLLOW_EPOCH -> 2;
          case RECV -> 3;
          case ACK -> 4;
          case TIMEOUT -> 5;
          default -> throw new DecodeException("no message method " + method);
        };
    Msg m = read(d, kind);
    d.finish(method);
    return m;
  }

  static List<Msg> decodeRelay(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    int n = d.count("messages", MAX_RELAY_MESSAGES);
    if (n == 0) {
      throw new DecodeException("a relay without messages");
    }
    List<Msg> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int kind = d.u8("message kind");
      Decoder one = new Decoder(d.bytes("message", Limits.MAX_ARGS_BYTES));
      out.add(read(one, kind));
      one.finish("message " + i);
    }
    d.finish("relay");
    return out;
  }

  private static Msg read(Decoder d, int kind) {
    return switch (kind) {
      case 1 ->
          new UpdateClient(
              Packet.clientId(d, "client"),
              headerOf(d),
              proofOf(d),
              d.bytesValue("validators value", 64 * 1024),
              d.bytesValue("validators proof", MAX_PROOF_BYTES));
      case 2 ->
          new FollowEpoch(
              Packet.clientId(d, "client"),
              headerOf(d),
              proofOf(d),
              d.bytesValue("validators value", 64 * 1024),
              d.bytesValue("state proof", MAX_PROOF_BYTES));
      case 3 ->
          new RecvPacket(
              Packet.decode(d.bytes("packet", 16 * 1024)),
              d.u64("proof height"),
              d.bytesValue("proof", MAX_PROOF_BYTES));
      case 4 ->
          new AcknowledgePacket(
              Packet.decode(d.bytes("packet", 16 * 1024)),
              Ack.decode(d.bytes("ack", 2 * 1024)),
              d.u64("proof height"),
              d.bytesValue("proof", MAX_PROOF_BYTES));
      case 5 ->
          new TimeoutPacket(
              Packet.decode(d.bytes("packet", 16 * 1024)),
              d.u64("proof height"),
              d.bytesValue("proof", MAX_PROOF_BYTES));
      default -> throw new DecodeException("unknown message kind " + kind);
    };
  }

  private static BlockHeader headerOf(Decoder d) {
    return Canonical.decodeHeader(d.bytes("header", MAX_HEADER_BYTES));
  }

  private static CommitProof proofOf(Decoder d) {
    return MessageCodec.decodeCommitProof(d.bytes("commit proof", MAX_PROOF_BYTES));
  }

  private static List<PublicKey> keys(Decoder d) {
    int n = d.count("validators", ClientEpoch.MAX_VALIDATORS);
    List<PublicKey> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      keys.add(d.publicKey("validator"));
    }
    return keys;
  }
}
