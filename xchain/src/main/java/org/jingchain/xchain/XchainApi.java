package org.jingchain.xchain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jingchain.execution.StateReader;
import org.jingchain.service.StateRead;
import org.jingchain.service.StateReads;
import org.jingchain.service.api.ApiException;
import org.jingchain.service.api.ApiParams;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.service.api.Request;
import org.jingchain.service.api.Response;
import org.jingchain.service.api.Route;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.PublicKey;

/**
 * The cross-chain read API (docs/spec/xchain.md, docs/api.md): clients with their epochs and
 * committed heights, packets waiting for an acknowledgement, proofs of packet keys in batches for
 * relayers, and an account's vouchers.
 */
final class XchainApi {
  static final String PREFIX = "/api/v1/xchain";
  static final int MAX_PAGE = 1000;

  private final StateReads reads;
  private final StateReader latest;
  private final java.util.function.LongSupplier nowMillis;

  /**
   * @param nowMillis the time of the committed head (a client's expiry is judged by it)
   */
  XchainApi(StateReads reads, StateReader latest, java.util.function.LongSupplier nowMillis) {
    this.reads = reads;
    this.latest = latest;
    this.nowMillis = nowMillis;
  }

  List<Route> routes() {
    return List.of(
        new Route("GET", PREFIX + "/clients", this::clients),
        new Route("GET", PREFIX + "/clients/{id}", this::client),
        new Route("GET", PREFIX + "/clients/{id}/heights/{height}", this::height),
        new Route("GET", PREFIX + "/packets/{client}", this::packets),
        new Route("GET", PREFIX + "/proofs/{kind}/{client}", this::proofs),
        new Route("GET", PREFIX + "/vouchers/{address}", this::vouchers),
        new Route("GET", PREFIX + "/nfts/{id}", this::nft),
        new Route("GET", PREFIX + "/members", this::members),
        new Route("GET", PREFIX + "/members/{chainId}", this::member));
  }

  // ---- views

  /** A client as the API shows it. */
  record ClientView(
      String id,
      String counterpartyChainId,
      String suite,
      String counterpartyClient,
      String status,
      long trustingPeriodMillis,
      long updatedAtMillis,
      long createdHeight,
      long latestHeight,
      HeightView latest,
      List<EpochView> epochs) {}

  record EpochView(long number, long firstHeight, List<String> validators) {}

  record HeightView(long height, String headerHash, String stateRoot, long timestampMillis) {}

  record PacketView(
      long sequence,
      String sourceClient,
      String destClient,
      String app,
      long timeoutHeight,
      long timeoutMillis,
      Map<String, Object> content,
      String bytes) {}

  record PacketsView(String client, long nextSequence, List<PacketView> pending) {}

  record ProofsView(String kind, String client, long version, List<StateRead> proofs) {}

  record Voucher(String denom, long amount) {}

  record MemberView(
      String chainId, String suite, String genesisHash, String client, List<String> operators) {}

  static MemberView memberView(Member m) {
    return new MemberView(
        m.chainId(), m.suite().label(), m.genesisHash().toHex(), m.client(), m.operators());
  }

  record VouchersView(String address, List<Voucher> vouchers) {}

  record NftView(String classTrace, String id, String owner, String digest) {}

  // ---- handlers

  private Response clients(Request req) throws ApiException {
    long n = XchainKeys.clientCount(latest);
    List<ClientView> out = new ArrayList<>();
    for (long i = 0; i < n && i < MAX_PAGE; i++) {
      out.add(view("c-" + i, false));
    }
    return Response.ok(Map.of("clients", out));
  }

  private Response client(Request req) throws ApiException {
    return Response.ok(view(req.path("id"), true));
  }

  private ClientView view(String id, boolean withEpochs) throws ApiException {
    ClientState c = state(id);
    String status =
        c.frozen() ? "frozen" : c.expiredAt(nowMillis.getAsLong()) ? "expired" : "active";
    List<EpochView> epochs = new ArrayList<>();
    if (withEpochs) {
      for (long e = c.oldestEpoch(); e <= c.latestEpoch(); e++) {
        XchainKeys.clientEpoch(latest, id, e)
            .ifPresent(
                x ->
                    epochs.add(
                        new EpochView(
                            x.number(),
                            x.firstHeight(),
                            x.validators().stream().map(PublicKey::toString).toList())));
      }
    }
    HeightView top =
        XchainKeys.consensusState(latest, id, c.latestHeight())
            .map(s -> heightView(c.latestHeight(), s))
            .orElse(null);
    return new ClientView(
        id,
        c.counterpartyChainId(),
        c.suite().label(),
        c.counterpartyClient(),
        status,
        c.trustingPeriodMillis(),
        c.updatedAtMillis(),
        c.createdHeight(),
        c.latestHeight(),
        top,
        epochs);
  }

  private static HeightView heightView(long h, ConsensusState s) {
    return new HeightView(h, s.headerHash().toHex(), s.stateRoot().toHex(), s.timestampMillis());
  }

  private Response height(Request req) throws ApiException {
    String id = req.path("id");
    state(id);
    long h = number(req.path("height"), "height");
    return Response.ok(
        heightView(
            h,
            XchainKeys.consensusState(latest, id, h)
                .orElseThrow(
                    () -> new ApiException(ErrorCode.NOT_FOUND, id + " holds no height " + h))));
  }

  /** Packets sent through {@code client} and not yet acknowledged or timed out, by sequence. */
  private Response packets(Request req) throws ApiException {
    String client = req.path("client");
    state(client);
    long from =
        req.query("from").isPresent() ? ApiParams.longParam(req, "from", 1, Long.MAX_VALUE) : 1;
    int limit = ApiParams.intParam(req, "limit", 100, 1, MAX_PAGE);
    String prefix = XchainKeys.commitmentPrefix(client);
    List<PacketView> out = new ArrayList<>();
    for (var e : reads.scanLatest(utf8(prefix), utf8(XchainKeys.commitment(client, from)), limit)) {
      out.add(packetView(Packet.decode(e.getValue().unsafeArray())));
    }
    return Response.ok(new PacketsView(client, XchainKeys.nextSequenceOf(latest, client), out));
  }

  static PacketView packetView(Packet p) {
    Map<String, Object> content = new java.util.LinkedHashMap<>();
    try {
      switch (p.app()) {
        case TransferApp.NAME -> {
          TransferData t = TransferData.decode(p.data());
          content.put("denom", t.denom());
          content.put("amount", t.amount());
          content.put("sender", t.sender());
          content.put("receiver", t.receiver());
        }
        case NftApp.NAME -> {
          NftData n = NftData.decode(p.data());
          content.put("class", n.classTrace());
          content.put("id", n.id());
          content.put("sender", n.sender());
          content.put("receiver", n.receiver());
        }
        default -> {}
      }
    } catch (RuntimeException malformed) {
      content.put("error", "data does not decode as " + p.app());
    }
    return new PacketView(
        p.sequence(),
        p.sourceClient(),
        p.destClient(),
        p.app(),
        p.timeoutHeight(),
        p.timeoutMillis(),
        content,
        Bytes.wrap(p.encode()).toHex());
  }

  /**
   * Proofs, at state version {@code version}, of the {@code kind} keys (commit, receipt, ack) of
   * {@code client} for the sequences listed in {@code seqs} — present or absent — for relayers.
   */
  private Response proofs(Request req) throws ApiException {
    String kind = req.path("kind");
    String client = req.path("client");
    if (!Clients.ID.matcher(client).matches()) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "'" + client + "' is not a client id");
    }
    long version = ApiParams.longParam(req, "version", 0, reads.headHeight());
    String seqs =
        req.query("seqs")
            .orElseThrow(
                () -> new ApiException(ErrorCode.BAD_REQUEST, "give seqs=<n>,<n>,... (1..1000)"));
    String[] parts = seqs.split(",", -1);
    if (parts.length > MAX_PAGE) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "at most " + MAX_PAGE + " sequences");
    }
    List<StateRead> out = new ArrayList<>(parts.length);
    for (String s : parts) {
      long seq = number(s, "sequence");
      String key =
          switch (kind) {
            case "commit" -> XchainKeys.commitment(client, seq);
            case "receipt" -> XchainKeys.receipt(client, seq);
            case "ack" -> XchainKeys.ack(client, seq);
            default ->
                throw new ApiException(
                    ErrorCode.BAD_REQUEST, "kind is commit, receipt or ack, not " + kind);
          };
      out.add(reads.read(utf8(key), version, true));
    }
    return Response.ok(new ProofsView(kind, client, version, out));
  }

  private Response vouchers(Request req) throws ApiException {
    Address a = ApiParams.address(req.path("address"));
    String prefix = XchainKeys.vouchersOf(a);
    List<Voucher> out = new ArrayList<>();
    for (var e : reads.scanLatest(utf8(prefix), MAX_PAGE)) {
      long amount = ByteBuffer.wrap(e.getValue().unsafeArray()).getLong();
      if (amount > 0) {
        String denom =
            new String(e.getKey().unsafeArray(), StandardCharsets.UTF_8).substring(prefix.length());
        out.add(new Voucher(denom, amount));
      }
    }
    return Response.ok(new VouchersView(a.toString(), out));
  }

  /** A hub's registry [XC-40], by chain id. */
  private Response members(Request req) throws ApiException {
    List<MemberView> out = new ArrayList<>();
    for (var e : reads.scanLatest(utf8(XchainKeys.membersPrefix()), MAX_PAGE)) {
      out.add(memberView(Member.decode(e.getValue().unsafeArray())));
    }
    return Response.ok(Map.of("members", out));
  }

  /** A voucher collectible: one that came from another chain, by its class trace [XC-33]. */
  private Response nft(Request req) throws ApiException {
    String id = req.path("id");
    String classTrace =
        req.query("class")
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.BAD_REQUEST,
                        "give ?class=<client>/asset: the collectible's class trace"));
    if (classTrace.equals(NftApp.NATIVE) || !classTrace.contains("/")) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          "class "
              + classTrace
              + " is not a voucher class (<client>/asset); this chain's own collectibles are at"
              + " /api/v1/nfts/{id}");
    }
    NftApp.Voucher v =
        NftApp.voucher(new org.jingchain.execution.WriteSet(latest), classTrace, id)
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.NOT_FOUND, "no collectible " + id + " of class " + classTrace));
    return Response.ok(new NftView(classTrace, id, v.owner().toString(), v.digest().toHex()));
  }

  private Response member(Request req) throws ApiException {
    String chain = req.path("chainId");
    return Response.ok(
        memberView(
            XchainKeys.member(latest, chain)
                .orElseThrow(
                    () -> new ApiException(ErrorCode.NOT_FOUND, chain + " is not a member"))));
  }

  private ClientState state(String id) throws ApiException {
    if (!Clients.ID.matcher(id).matches()) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "'" + id + "' is not a client id");
    }
    return XchainKeys.clientState(latest, id)
        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no client " + id));
  }

  private static long number(String s, String what) throws ApiException {
    if (!s.matches("\\d{1,18}")) {
      throw new ApiException(ErrorCode.BAD_REQUEST, what + " must be a whole number, got " + s);
    }
    return Long.parseLong(s);
  }

  private static Bytes utf8(String s) {
    return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
  }
}
