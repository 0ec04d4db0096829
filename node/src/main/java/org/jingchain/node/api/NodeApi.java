package org.jingchain.node.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jingchain.execution.Nonces;
import org.jingchain.node.Admission;
import org.jingchain.node.Chain;
import org.jingchain.node.Mempool;
import org.jingchain.node.TxIngress;
import org.jingchain.node.services.ChainReads;
import org.jingchain.service.Genesis;
import org.jingchain.service.api.ApiException;
import org.jingchain.service.api.ApiParams;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.service.api.Request;
import org.jingchain.service.api.Response;
import org.jingchain.service.api.Route;
import org.jingchain.storage.TxLocation;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;

/**
 * The node's own routes — status, transactions, blocks, certificates, epochs, nonces, state with
 * proofs, the block stream, health, metrics, the console and the OpenAPI document. The platform
 * services add theirs ({@link org.jingchain.service.NodePart#routes}); the OpenAPI document
 * describes them all.
 */
public final class NodeApi {
  public static final String PREFIX = "/api/v1";
  private static final int MAX_BLOCK_LIST = 100;
  private static final int MAX_ACCOUNT_TXS = 100;

  private final Chain chain;
  private final Mempool mempool;
  private final TxIngress ingress;
  private final Genesis genesis;
  private final Ops ops;
  private final int maxBatchTxs;
  private final BlockStream stream;
  private final String version;
  private final ChainReads reads;
  private final Console console;
  private volatile ReadAccess access;

  public NodeApi(
      Chain chain,
      Mempool mempool,
      TxIngress ingress,
      Genesis genesis,
      Ops ops,
      Console console,
      int maxBatchTxs,
      int maxStreams,
      String version) {
    this.chain = chain;
    this.mempool = mempool;
    this.ingress = ingress;
    this.genesis = genesis;
    this.ops = ops;
    this.console = console;
    this.maxBatchTxs = maxBatchTxs;
    this.stream = new BlockStream(chain, maxStreams);
    this.version = version;
    this.reads = chain == null ? null : new ChainReads(chain);
  }

  /**
   * What the API reads from consensus and operations.
   *
   * @param health liveness (false: consensus stopped) with a reason
   * @param readiness whether this node is caught up and connected, with reasons if not
   * @param metrics the Prometheus text exposition
   * @param openApi the OpenAPI document of every route, the services' included
   */
  public record Ops(
      Supplier<Views.ConsensusView> consensus,
      java.util.function.LongFunction<Optional<Views.Certificate>> certificates,
      Supplier<Views.Health> health,
      Supplier<Views.Health> readiness,
      Supplier<String> metrics,
      Supplier<List<Views.EpochView>> epochs,
      Supplier<byte[]> openApi) {}

  /**
   * The node's routes: status, genesis, epochs, certificates, submission, health, metrics, the
   * console and the OpenAPI document are always public; blocks, transactions, receipts, state,
   * streams and account histories are the {@code chain} family, read as governance rules
   * (docs/spec/api-access.md [ACC-2]).
   */
  public List<Route> routes() {
    List<Route> open =
        List.of(
            new Route("GET", "/", r -> console.file("index.html")),
            new Route("GET", "/console/{file}", r -> console.file(r.path("file"))),
            new Route(
                "GET", "/console/services/{file}", r -> console.serviceScript(r.path("file"))),
            new Route("GET", "/health", r -> health(ops.health().get())),
            new Route("GET", "/ready", r -> health(ops.readiness().get())),
            new Route(
                "GET",
                "/metrics",
                r ->
                    Response.ok(
                        new Response.Text(
                            "text/plain; version=0.0.4; charset=utf-8",
                            org.jingchain.types.Bytes.wrap(
                                ops.metrics()
                                    .get()
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))))),
            new Route("GET", PREFIX + "/status", r -> Response.ok(status())),
            new Route("POST", PREFIX + "/transactions", this::submit),
            new Route("POST", PREFIX + "/transactions/batch", this::submitBatch),
            new Route("GET", PREFIX + "/blocks/{height}/certificate", this::certificate),
            new Route(
                "GET", PREFIX + "/epochs", r -> Response.ok(Map.of("epochs", ops.epochs().get()))),
            new Route(
                "GET",
                PREFIX + "/genesis",
                r ->
                    Response.ok(
                        new Views.GenesisView(
                            genesis.chainId(),
                            genesis.suite(),
                            genesis.timestampMillis(),
                            genesis.validators(),
                            chain.hashOf(chain.store().header(0).orElseThrow()).toHex()))),
            new Route("GET", PREFIX + "/accounts/{address}/nonce", this::nonce),
            new Route("GET", PREFIX + "/access", this::access),
            new Route("GET", PREFIX + "/openapi.json", r -> Response.ok(ops.openApi().get())));
    List<Route> chainFamily =
        List.of(
            new Route("GET", PREFIX + "/transactions/{hash}", this::transaction),
            new Route("GET", PREFIX + "/blocks", this::latestBlocks),
            new Route("GET", PREFIX + "/blocks/{id}", this::block),
            new Route("GET", PREFIX + "/accounts/{address}/transactions", this::accountTxs),
            new Route("GET", PREFIX + "/state", this::state),
            new Route("GET", PREFIX + "/stream/blocks", stream::serve));
    List<Route> out = new ArrayList<>();
    open.forEach(r -> out.add(r.alwaysPublic()));
    chainFamily.forEach(r -> out.add(r.inFamily("chain")));
    return out;
  }

  /** Who may read what: the rules {@code GET /access} shows ({@code null}: everything public). */
  public void access(ReadAccess a) {
    this.access = a;
  }

  private Response access(Request r) {
    ReadAccess a = access;
    if (a == null) {
      long height = chain.head().height();
      Map<String, String> families = new java.util.LinkedHashMap<>();
      org.jingchain.service.api.ReadRule.FAMILIES.forEach(f -> families.put(f, "public"));
      return Response.ok(new Views.AccessView(height, families, null));
    }
    return Response.ok(a.view(r.caller()));
  }

  Views.Status status() {
    Chain.Head h = chain.head();
    return new Views.Status(
        genesis.chainId(),
        genesis.suite(),
        h.height(),
        h.hash().toHex(),
        h.header().timestampMillis(),
        h.stateRoot().toHex(),
        chain.oldestStateVersion(),
        new Views.MempoolView(mempool.size(), mempool.bytes()),
        ops.consensus().get(),
        version);
  }

  private Response submit(Request req) throws ApiException {
    return submit(req.body());
  }

  /** {@code POST /transactions} on a raw body (package-private for the fuzz test). */
  Response submit(byte[] raw) throws ApiException {
    Views.SubmitRequest body = ApiServer.readJson(raw, Views.SubmitRequest.class);
    Admission a = ingress.submit(ApiParams.hex("tx", body.tx()));
    return switch (a) {
      case Admission.Accepted ok ->
          new Response(202, new Views.SubmitResult(ok.txHash().toHex(), "pending", null, null));
      case Admission.Rejected no -> throw new ApiException(no.code(), no.message());
    };
  }

  private Response submitBatch(Request req) throws ApiException {
    return submitBatch(req.body());
  }

  /** {@code POST /transactions/batch} on a raw body (package-private for the fuzz test). */
  Response submitBatch(byte[] raw) throws ApiException {
    Views.BatchRequest body = ApiServer.readJson(raw, Views.BatchRequest.class);
    if (body.txs() == null || body.txs().isEmpty()) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST, "field 'txs' must be a non-empty array of hex strings");
    }
    if (body.txs().size() > maxBatchTxs) {
      throw new ApiException(
          ErrorCode.BATCH_TOO_LARGE,
          "batch has " + body.txs().size() + " transactions, limit " + maxBatchTxs);
    }
    List<byte[]> encoded = new ArrayList<>(body.txs().size());
    for (int i = 0; i < body.txs().size(); i++) {
      encoded.add(ApiParams.hex("txs[" + i + "]", body.txs().get(i)));
    }
    List<Views.SubmitResult> results = new ArrayList<>();
    int accepted = 0;
    Admission.Rejected full = null;
    for (Admission a : ingress.submitBatch(encoded)) {
      switch (a) {
        case Admission.Accepted ok -> {
          accepted++;
          results.add(new Views.SubmitResult(ok.txHash().toHex(), "pending", null, null));
        }
        case Admission.Rejected no -> {
          if (no.code() == ErrorCode.MEMPOOL_FULL && full == null) {
            full = no;
          }
          results.add(new Views.SubmitResult(null, "rejected", no.code().name(), no.message()));
        }
      }
    }
    int rejected = results.size() - accepted;
    if (full != null) {
      return new Response(
          429,
          new Views.BatchResponse(full.code().name(), full.message(), accepted, rejected, results));
    }
    return Response.ok(new Views.BatchResponse(null, null, accepted, rejected, results));
  }

  private Response transaction(Request req) throws ApiException {
    Hash h = ApiParams.hash(req.path("hash"));
    Optional<TxLocation> loc = chain.store().txLocation(h);
    if (loc.isPresent()) {
      long height = loc.get().height();
      int index = loc.get().index();
      var header = chain.store().header(height).orElseThrow();
      var tx = chain.store().transaction(loc.get()).orElseThrow();
      var receipt = chain.store().receipts(height).get(index);
      return Response.ok(
          new Views.TxStatus(
              h.toHex(),
              "committed",
              height,
              index,
              chain.hashOf(header).toHex(),
              Views.ReceiptView.of(receipt),
              Views.Tx.of(tx, chain.suite())));
    }
    var pending = mempool.pending(h);
    if (pending.isPresent()) {
      return Response.ok(
          new Views.TxStatus(
              h.toHex(),
              "pending",
              null,
              null,
              null,
              null,
              Views.Tx.of(pending.get(), chain.suite())));
    }
    throw new ApiException(
        ErrorCode.NOT_FOUND, "no transaction " + h.toHex() + " is pending or committed");
  }

  private Response latestBlocks(Request req) throws ApiException {
    int limit = ApiParams.intParam(req, "limit", 20, 1, MAX_BLOCK_LIST);
    long top = chain.head().height();
    List<Views.Header> out = new ArrayList<>();
    for (long h = top; h >= 0 && out.size() < limit; h--) {
      var header = chain.store().header(h).orElseThrow();
      out.add(Views.Header.of(header, chain.hashOf(header)));
    }
    return Response.ok(new Views.BlockList(out));
  }

  private Response block(Request req) throws ApiException {
    String id = req.path("id");
    long height;
    if (id.matches("\\d{1,18}")) {
      height = Long.parseLong(id);
    } else {
      height =
          chain
              .store()
              .heightOf(ApiParams.hash(id))
              .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no block with hash " + id));
    }
    Block b =
        chain
            .store()
            .block(height)
            .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no block at height " + id));
    return Response.ok(
        Views.BlockView.of(
            b, chain.hashOf(b.header()), chain.store().receipts(height), chain.suite()));
  }

  private static Response health(Views.Health h) {
    return new Response(h.ok() ? 200 : 503, h);
  }

  private Response certificate(Request req) throws ApiException {
    String id = req.path("height");
    if (!id.matches("\\d{1,18}")) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "height must be a decimal number, got " + id);
    }
    long height = Long.parseLong(id);
    return Response.ok(
        ops.certificates()
            .apply(height)
            .orElseThrow(
                () -> new ApiException(ErrorCode.NOT_FOUND, "no committed block at height " + id)));
  }

  private Response nonce(Request req) throws ApiException {
    Address a = ApiParams.address(req.path("address"));
    long state = Nonces.next(chain.store()::latest, a);
    return Response.ok(new Views.Nonce(a.toString(), state, mempool.nextNonce(a)));
  }

  /**
   * {@code GET /accounts/{address}/transactions?limit=N&before=H:I}: the account's committed
   * transactions, newest first, a page at a time; {@code next} is the {@code before} of the next
   * page.
   */
  private Response accountTxs(Request req) throws ApiException {
    Address a = ApiParams.address(req.path("address"));
    int limit = ApiParams.intParam(req, "limit", 20, 1, MAX_ACCOUNT_TXS);
    long beforeHeight = Long.MAX_VALUE;
    int beforeIndex = 0;
    Optional<String> before = req.query("before");
    if (before.isPresent()) {
      String b = before.get();
      if (!b.matches("\\d{1,18}:\\d{1,9}")) {
        throw new ApiException(
            ErrorCode.BAD_REQUEST,
            "'before' must be HEIGHT:INDEX as a page's 'next' gives it, got '"
                + (b.length() > 40 ? b.substring(0, 40) + "…" : b)
                + "'");
      }
      beforeHeight = Long.parseLong(b.substring(0, b.indexOf(':')));
      beforeIndex = Integer.parseInt(b.substring(b.indexOf(':') + 1));
    }
    // one more than asked: 'next' only when an older page exists
    var entries =
        new ArrayList<>(chain.store().accountTxs(a, beforeHeight, beforeIndex, limit + 1));
    boolean more = entries.size() > limit;
    if (more) {
      entries.removeLast();
    }
    List<Views.AccountTx> out = new ArrayList<>(entries.size());
    long cachedHeight = -1;
    long time = 0;
    List<org.jingchain.types.Receipt> receipts = List.of();
    for (var e : entries) {
      if (e.height() != cachedHeight) {
        cachedHeight = e.height();
        time = chain.store().header(e.height()).orElseThrow().timestampMillis();
        receipts = chain.store().receipts(e.height());
      }
      var tx = chain.store().transaction(new TxLocation(e.height(), e.index())).orElseThrow();
      var r = receipts.get(e.index());
      out.add(
          new Views.AccountTx(
              e.txHash().toHex(),
              e.height(),
              e.index(),
              time,
              e.sent(),
              e.named(),
              tx.body().call().contract(),
              tx.body().call().method(),
              r.succeeded() ? "success" : "failed",
              r.code().isEmpty() ? null : r.code()));
    }
    String next = more ? entries.getLast().height() + ":" + entries.getLast().index() : null;
    return Response.ok(
        new Views.AccountTxs(a.toString(), chain.store().accountIndexFrom(), out, next));
  }

  private Response state(Request req) throws ApiException {
    Bytes key = stateKey(req);
    long head = chain.head().height();
    long version =
        req.query("version").isPresent() ? ApiParams.longParam(req, "version", 0, head) : head;
    return Response.ok(reads.read(key, version, ApiParams.wantsProof(req)));
  }

  // ---- parameter parsing

  private static Bytes stateKey(Request req) throws ApiException {
    Optional<String> text = req.query("key");
    Optional<String> hex = req.query("keyHex");
    if (text.isPresent() == hex.isPresent()) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST, "give exactly one of 'key' (UTF-8) or 'keyHex'");
    }
    Bytes k =
        text.isPresent()
            ? Bytes.wrap(text.get().getBytes(java.nio.charset.StandardCharsets.UTF_8))
            : Bytes.wrap(ApiParams.hex("keyHex", hex.get()));
    if (k.length() == 0 || k.length() > 1024) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "state key must be 1..1024 bytes");
    }
    return k;
  }
}
