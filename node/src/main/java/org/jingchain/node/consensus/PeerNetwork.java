package org.jingchain.node.consensus;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.crypto.KeyPair;
import org.jingchain.p2p.MessageHandler;
import org.jingchain.p2p.P2pConfig;
import org.jingchain.p2p.P2pNode;
import org.jingchain.p2p.PeerAddress;
import org.jingchain.types.Limits;
import org.jingchain.types.PublicKey;

/**
 * This node on the validators' network: consensus messages to and from validator indices, and
 * transaction gossip. Every payload starts with a kind byte: {@code 0x01} a consensus message,
 * {@code 0x02} a batch of transactions (u32 count, then each as bytes). Only validators may connect
 * (the transport checks the key against the set at every handshake). The set is the current
 * epoch's: a validator admitted by governance can connect once this node enters the epoch that
 * includes it [GOV-11], and messages from a removed one are ignored from then on.
 */
public final class PeerNetwork implements ConsensusEngine.Outbound, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(PeerNetwork.class.getName());
  static final int KIND_CONSENSUS = 0x01;
  static final int KIND_TXS = 0x02;

  /** Most transactions in one gossip batch. */
  static final int MAX_GOSSIP_TXS = 2_000;

  private volatile ValidatorSet validators;
  private final P2pNode p2p;
  private final ExecutorService gossipIn;
  private final AtomicLong gossipDropped = new AtomicLong();
  private volatile ConsensusDriver driver;
  private volatile Consumer<List<byte[]>> txSink = txs -> {};

  private PeerNetwork(ValidatorSet validators, P2pConfig config) throws IOException {
    this.validators = validators;
    // Received transactions are verified off the network threads, a bounded queue at a time.
    this.gossipIn =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(256),
            r -> Thread.ofPlatform().name("jing-gossip-in").daemon().unstarted(r),
            (r, e) -> gossipDropped.incrementAndGet());
    this.p2p = P2pNode.start(config, k -> this.validators.indexOf(k).isPresent(), new Handler());
  }

  /** From now on, {@code next} are the validators: indices, admission and message filtering. */
  public void setValidators(ValidatorSet next) {
    this.validators = next;
  }

  /**
   * Starts listening on {@code listen} and dialing {@code peers}.
   *
   * @param identity the handshake's static key: the validator key itself, or a transport key that
   *     {@code certificate} binds to the validator key [P2P-15]
   * @param certificate null when {@code identity} is the validator key
   */
  public static PeerNetwork start(
      ValidatorSet validators,
      KeyPair identity,
      org.jingchain.p2p.NodeCertificate certificate,
      String chainId,
      InetSocketAddress listen,
      List<PeerAddress> peers)
      throws IOException {
    P2pConfig c = P2pConfig.defaults(identity, chainId).withListenAddress(listen).withPeers(peers);
    return new PeerNetwork(
        validators, certificate == null ? c : c.withTransport(identity, certificate));
  }

  public void attach(ConsensusDriver d, Consumer<List<byte[]>> transactions) {
    this.driver = d;
    this.txSink = transactions;
  }

  public InetSocketAddress boundAddress() {
    return p2p.boundAddress();
  }

  /** Failed handshakes as bounded security lines (docs/security.md). */
  public org.jingchain.types.SecurityLog securityLog() {
    return p2p.securityLog();
  }

  public int connectedPeers() {
    return p2p.connectedPeers().size();
  }

  /**
   * Sends to validator {@code validator} of the current set. An index the set no longer has is
   * dropped: the core can answer a message queued before an epoch change that removed its sender (a
   * sync request from a validator voted out), and that answer has no one to go to.
   */
  @Override
  public void send(int validator, byte[] message) {
    ValidatorSet now = validators;
    if (validator < 0 || validator >= now.size()) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "dropped a message to validator {0}: the set has {1} now",
          validator,
          now.size());
      return;
    }
    p2p.send(now.key(validator), frame(KIND_CONSENSUS, message));
  }

  @Override
  public void broadcast(byte[] message) {
    p2p.broadcast(frame(KIND_CONSENSUS, message));
  }

  /** Gossips transactions this node admitted from its clients. */
  public void gossip(List<byte[]> txs) {
    for (int from = 0; from < txs.size(); from += MAX_GOSSIP_TXS) {
      p2p.broadcast(encodeTxBatch(txs.subList(from, Math.min(txs.size(), from + MAX_GOSSIP_TXS))));
    }
  }

  private static byte[] frame(int kind, byte[] body) {
    byte[] out = new byte[body.length + 1];
    out[0] = (byte) kind;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  private final class Handler implements MessageHandler {
    @Override
    public void onMessage(PublicKey from, byte[] payload) {
      var index = validators.indexOf(from);
      if (index.isEmpty() || payload.length == 0) {
        return;
      }
      switch (payload[0]) {
        case KIND_CONSENSUS -> {
          ConsensusDriver d = driver;
          if (d != null) {
            d.onMessage(index.get(), java.util.Arrays.copyOfRange(payload, 1, payload.length));
          }
        }
        case KIND_TXS -> gossipIn.execute(() -> receiveTxs(from, payload));
        default ->
            LOG.log(
                System.Logger.Level.DEBUG, "unknown payload kind {0} from {1}", payload[0], from);
      }
    }
  }

  /**
   * Decodes a gossip payload (kind byte {@code 0x02}, u32 count, that many length-prefixed
   * transactions of at most {@link Limits#MAX_TX_BYTES}); throws only {@link DecodeException}.
   */
  static List<byte[]> decodeTxBatch(byte[] payload) {
    Decoder d = new Decoder(payload);
    if (d.u8("kind") != KIND_TXS) {
      throw new DecodeException("not a transaction gossip payload");
    }
    int n = d.count("gossiped transactions", MAX_GOSSIP_TXS);
    List<byte[]> txs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      txs.add(d.bytes("transaction", Limits.MAX_TX_BYTES));
    }
    d.finish("transaction gossip");
    return txs;
  }

  static byte[] encodeTxBatch(List<byte[]> txs) {
    Encoder e = new Encoder(64 + txs.size() * 200).u8(KIND_TXS).u32(txs.size());
    for (byte[] t : txs) {
      e.bytes(t);
    }
    return e.toByteArray();
  }

  private void receiveTxs(PublicKey from, byte[] payload) {
    List<byte[]> txs;
    try {
      txs = decodeTxBatch(payload);
    } catch (DecodeException e) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "malformed transaction gossip from {0}: {1}",
          from,
          e.getMessage());
      return;
    }
    txSink.accept(txs);
  }

  @Override
  public void close() {
    p2p.close();
    gossipIn.shutdownNow();
  }
}
