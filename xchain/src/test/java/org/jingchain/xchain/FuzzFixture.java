package org.jingchain.xchain;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jingchain.asset.AssetCalls;
import org.jingchain.consensus.CommitProof;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.gov.Gov;
import org.jingchain.testkit.HeaderChain;
import org.jingchain.testkit.TestKeys;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Event;
import org.jingchain.types.Receipt;

/**
 * Chain A with a client of chain B (both {@code intl}, so every byte is the same on every run),
 * brought to a state where one valid call of each xchain method is waiting: a packet from B to
 * receive, an acknowledgement and a timeout of packets A sent, a B header to update to, a validator
 * change of B to follow, an approved recovery, a client to register, tokens and a collectible to
 * send. {@link #valid} holds those calls' arguments, the seeds of {@code XchainCallsFuzzTest};
 * {@code main} writes them to its inputs directory.
 */
final class FuzzFixture {
  static final long DAY = 24L * 3_600_000;

  final MiniChain a = new MiniChain("chain-a", CryptoSuites.intl());
  final MiniChain b = new MiniChain("chain-b", CryptoSuites.intl());

  /** Method name to the arguments of a call of it that A accepts from its admin. */
  final Map<String, Bytes> valid = new TreeMap<>();

  FuzzFixture() {
    ClientTest.create(a, b);
    ClientTest.create(b, a);
    ok(a, a.admin, TransferTest.register("c-0", "c-0"));
    ok(b, b.admin, TransferTest.register("c-0", "c-0"));
    ClientTest.create(a, b); // c-1, not yet registered
    KeyPair bob = TestKeys.keyPair("bob", b.suite.id());
    KeyPair relayer = TestKeys.keyPair("relayer", a.suite.id());
    ok(a, a.admin, AssetCalls.create("CNY", "yuan", 2));
    ok(a, a.admin, AssetCalls.mint("CNY", a.admin.address(), 1_000));
    ok(
        a,
        a.admin,
        AssetCalls.nftMint("art-1", Bytes.wrap(a.suite.hash(new byte[] {1}).toByteArray())));

    // A -> B, received on B: its acknowledgement waits for A
    Packet delivered = sent(a, transfer("CNY", 10, bob.address().toString(), 0));
    long ha = a.height();
    ok(b, relayer, XchainCalls.single(a.update("c-0", ha)));
    ok(b, relayer, XchainCalls.single(recv(a, delivered, ha)));
    // A -> B, never received, timed out at B's height
    Packet late = sent(a, transfer("CNY", 20, bob.address().toString(), b.height() + 2));
    // B -> A: bob sends half his vouchers home
    Packet home = sent(b, bob, transfer("c-0/CNY", 5, a.admin.address().toString(), 0));
    b.tick();
    b.tick();
    long hb = b.height();
    ok(a, relayer, XchainCalls.single(b.update("c-0", hb)));
    String ackKey = XchainKeys.ack(delivered.destClient(), delivered.sequence());
    Ack ack = Ack.decode(b.valueAt(ackKey, hb).toByteArray());
    put(XchainCalls.RECV, XchainCalls.single(recv(b, home, hb)));
    put(
        XchainCalls.ACK,
        XchainCalls.single(
            new XchainCalls.AcknowledgePacket(delivered, ack, hb, b.prove(ackKey, hb))));
    put(
        XchainCalls.TIMEOUT,
        XchainCalls.single(
            new XchainCalls.TimeoutPacket(
                late, hb, b.prove(XchainKeys.receipt(late.destClient(), late.sequence()), hb))));

    b.tick();
    XchainCalls.UpdateClient update = b.update("c-0", b.height());
    put(XchainCalls.UPDATE_CLIENT, XchainCalls.single(update));
    put(XchainCalls.RELAY, XchainCalls.relay(List.of(update, recv(b, home, hb))));
    XchainCalls.UpdateClient first = b.update("c-0", 1);
    BlockHeader fork = HeaderChain.with(first.header(), "timestampMillis", 7L);
    BlockHeader forkChild =
        HeaderChain.with(first.commitProof().childHeader(), "parentHash", b.hash(fork));
    CommitProof forkProof =
        new CommitProof(forkChild, b.quorumQc(b.validatorsOfEpoch(0), 0, forkChild));
    put(
        XchainCalls.MISBEHAVIOUR,
        XchainCalls.misbehaviour(
            new XchainCalls.Misbehaviour(
                "c-0", first.header(), first.commitProof(), fork, forkProof)));
    long end = b.changeValidators(TestKeys.keyPairs("chain-b/next", 4, b.suite));
    put(XchainCalls.FOLLOW_EPOCH, XchainCalls.single(b.follow("c-0", end)));

    var recover = new XchainCalls.Recover("c-0", 0, 0, b.validatorKeys());
    var digest = Clients.recoveryDigest(a.suite, recover);
    ok(
        a,
        a.admin,
        new Call(
            Gov.NAME,
            "propose",
            Gov.proposeArgs(
                Gov.Kind.APPROVE, Gov.encode(new Gov.Approval("xchain-recover", digest)), 100)));
    put(XchainCalls.RECOVER_CLIENT, XchainCalls.recoverClient(recover));
    put(XchainCalls.CREATE_CLIENT, XchainCalls.createClient(b.createFromGenesis(30 * DAY)));
    var member =
        new XchainCalls.RegisterMember("chain-b", "c-0", b.hash(b.header(0)), List.of("bank"));
    var memberDigest =
        Hub.digest(
            a.suite,
            new Member("chain-b", b.suite.id(), member.genesisHash(), "c-0", member.operators()));
    ok(
        a,
        a.admin,
        new Call(
            Gov.NAME,
            "propose",
            Gov.proposeArgs(
                Gov.Kind.APPROVE,
                Gov.encode(new Gov.Approval("xchain-member", memberDigest)),
                100)));
    put(XchainCalls.REGISTER_MEMBER, XchainCalls.registerMember(member));
    put(
        XchainCalls.REGISTER,
        XchainCalls.registerCounterparty(new XchainCalls.RegisterCounterparty("c-1", "c-0")));
    put(XchainCalls.TRANSFER, transfer("CNY", 1, bob.address().toString(), 0));
    put(
        XchainCalls.NFT_TRANSFER,
        XchainCalls.nftTransfer(
            new XchainCalls.NftTransfer(
                "c-0", "asset", "art-1", bob.address().toString(), 0, a.time() + DAY)));
  }

  private void put(String method, Call call) {
    if (!call.method().equals(method)) {
      throw new IllegalArgumentException(call.method() + " is not " + method);
    }
    valid.put(method, call.args());
  }

  private Call transfer(String denom, long amount, String to, long timeoutHeight) {
    return XchainCalls.transfer(
        new XchainCalls.Transfer("c-0", denom, amount, to, timeoutHeight, a.time() + DAY, ""));
  }

  private static XchainCalls.RecvPacket recv(MiniChain src, Packet p, long h) {
    return new XchainCalls.RecvPacket(
        p, h, src.prove(XchainKeys.commitment(p.sourceClient(), p.sequence()), h));
  }

  private Packet sent(MiniChain chain, Call call) {
    return sent(chain, chain.admin, call);
  }

  private static Packet sent(MiniChain chain, KeyPair from, Call call) {
    Receipt r = ok(chain, from, call);
    Event e =
        r.events().stream().filter(x -> x.type().equals("PacketSent")).findFirst().orElseThrow();
    long seq = Long.parseLong(e.attribute("sequence").orElseThrow());
    return Packet.decode(chain.get(XchainKeys.commitment("c-0", seq)).orElseThrow().toByteArray());
  }

  private static Receipt ok(MiniChain chain, KeyPair from, Call call) {
    Receipt r = chain.submit(from, call);
    if (!r.succeeded()) {
      throw new IllegalStateException(call.method() + " refused: " + r.code() + " " + r.message());
    }
    return r;
  }

  /** Writes the valid arguments as the fuzz test's seeds, one file per method. */
  public static void main(String[] args) throws java.io.IOException {
    java.nio.file.Path dir =
        java.nio.file.Path.of(
            args.length > 0
                ? args[0]
                : "xchain/src/test/resources/org/jingchain/xchain/XchainCallsFuzzTestInputs");
    FuzzFixture f = new FuzzFixture();
    for (var e : f.valid.entrySet()) {
      java.nio.file.Path sub = dir.resolve(e.getKey());
      java.nio.file.Files.createDirectories(sub);
      java.nio.file.Files.write(sub.resolve("valid"), e.getValue().toByteArray());
    }
  }
}
