package org.jingchain.xchain;

import static org.jingchain.xchain.Clients.event;
import static org.jingchain.xchain.Clients.fail;

import java.util.List;
import java.util.Optional;
import org.jingchain.asset.AssetContract;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;
import org.jingchain.types.HashFunction;
import org.jingchain.types.SuiteId;

/**
 * Collectible transfer on packets (docs/spec/xchain.md 5.2, [XC-33]): a native collectible (class
 * {@code asset}) is escrowed and a voucher collectible minted on the other side; a returning
 * voucher is burned and the original released; refunds undo the send.
 */
final class NftApp implements App {
  static final String NAME = "nft";
  static final String NATIVE = "asset";

  private final SuiteId suite;
  private final HashFunction hash;

  NftApp(SuiteId suite, HashFunction hash) {
    this.suite = suite;
    this.hash = hash;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** A voucher collectible: its owner and its metadata digest. */
  record Voucher(Address owner, Bytes digest) {
    Bytes encode() {
      return Bytes.wrap(new Encoder(96).address(owner).bytes(digest).toByteArray());
    }

    static Voucher decode(Bytes b) {
      Decoder d = new Decoder(b.unsafeArray());
      Voucher v = new Voucher(d.address("owner"), d.bytesValue("digest", 64));
      d.finish("voucher collectible");
      return v;
    }
  }

  static Optional<Voucher> voucher(WriteSet w, String classTrace, String id) {
    return w.get(XchainKeys.nft(classTrace, id)).map(Voucher::decode);
  }

  List<Event> send(TxContext ctx, XchainCalls.NftTransfer t, WriteSet w) throws ExecutionFailure {
    Packets.checkSend(ctx, w, t.client(), t.timeoutHeight(), t.timeoutMillis());
    Address sender = ctx.sender();
    Bytes digest;
    if (t.classTrace().equals(NATIVE)) {
      var n =
          AssetContract.nft(w, t.id())
              .orElseThrow(() -> fail("XC_UNKNOWN_NFT", "no collectible " + t.id()));
      digest = n.digest();
      moveNative(w, t.id(), sender, escrow(t.client()));
    } else {
      Voucher v = ownedVoucher(w, t.classTrace(), t.id(), sender);
      digest = v.digest();
      if (TransferApp.returning(t.classTrace(), t.client())) {
        w.delete(org.jingchain.execution.WriteSet.key(XchainKeys.nft(t.classTrace(), t.id())));
      } else {
        w.put(
            XchainKeys.nft(t.classTrace(), t.id()),
            new Voucher(escrow(t.client()), digest).encode());
      }
    }
    NftData data = new NftData(t.classTrace(), t.id(), digest, sender.toString(), t.receiver());
    Packet p =
        Packets.send(ctx, w, t.client(), t.timeoutHeight(), t.timeoutMillis(), NAME, data.encode());
    return List.of(
        Packets.sent(p),
        event(
            "CollectibleSent",
            "client",
            t.client(),
            "sequence",
            p.sequence(),
            "class",
            t.classTrace(),
            "id",
            t.id(),
            "receiver",
            t.receiver()));
  }

  @Override
  public Received onRecv(TxContext ctx, Packet p, WriteSet w) throws ExecutionFailure {
    NftData d = NftData.decode(p.data());
    Address receiver = TransferApp.receiver(d.receiver(), suite);
    if (TransferApp.returning(d.classTrace(), p.sourceClient())) {
      String local = d.classTrace().substring(p.sourceClient().length() + 1);
      Address escrow = escrow(p.destClient());
      if (local.equals(NATIVE)) {
        moveNative(w, d.id(), escrow, receiver);
      } else {
        Voucher v = ownedVoucher(w, local, d.id(), escrow);
        w.put(XchainKeys.nft(local, d.id()), new Voucher(receiver, v.digest()).encode());
      }
      return new Received(
          Ack.ok(), List.of(event("CollectibleReleased", "class", local, "id", d.id())));
    }
    String classTrace = p.destClient() + "/" + d.classTrace();
    if (voucher(w, classTrace, d.id()).isPresent()) {
      throw fail("XC_NFT_EXISTS", "voucher " + classTrace + "/" + d.id() + " already exists");
    }
    w.put(XchainKeys.nft(classTrace, d.id()), new Voucher(receiver, d.digest()).encode());
    return new Received(
        Ack.ok(),
        List.of(event("CollectibleMinted", "class", classTrace, "id", d.id(), "to", receiver)));
  }

  @Override
  public List<Event> onAck(TxContext ctx, Packet p, Ack ack, WriteSet w) throws ExecutionFailure {
    return ack.success() ? List.of() : refund(p, w);
  }

  @Override
  public List<Event> onTimeout(TxContext ctx, Packet p, WriteSet w) throws ExecutionFailure {
    return refund(p, w);
  }

  private List<Event> refund(Packet p, WriteSet w) throws ExecutionFailure {
    NftData d = NftData.decode(p.data());
    Address sender = Address.parse(d.sender());
    if (d.classTrace().equals(NATIVE)) {
      moveNative(w, d.id(), escrow(p.sourceClient()), sender);
    } else {
      w.put(XchainKeys.nft(d.classTrace(), d.id()), new Voucher(sender, d.digest()).encode());
    }
    return List.of(
        event(
            "CollectibleRefunded",
            "client",
            p.sourceClient(),
            "sequence",
            p.sequence(),
            "id",
            d.id(),
            "to",
            sender));
  }

  private static Voucher ownedVoucher(WriteSet w, String classTrace, String id, Address owner)
      throws ExecutionFailure {
    Voucher v =
        voucher(w, classTrace, id)
            .orElseThrow(() -> fail("XC_UNKNOWN_NFT", "no collectible " + classTrace + "/" + id));
    if (!v.owner().equals(owner)) {
      throw fail("XC_INSUFFICIENT_FUNDS", classTrace + "/" + id + " is owned by " + v.owner());
    }
    return v;
  }

  private static void moveNative(WriteSet w, String id, Address from, Address to)
      throws ExecutionFailure {
    try {
      AssetContract.moveNft(w, id, from, to);
    } catch (ExecutionFailure f) {
      throw fail(
          f.code().equals("UNKNOWN_NFT") ? "XC_UNKNOWN_NFT" : "XC_INSUFFICIENT_FUNDS",
          f.getMessage());
    }
  }

  private Address escrow(String client) {
    return XchainKeys.escrow(client, suite, hash);
  }
}
