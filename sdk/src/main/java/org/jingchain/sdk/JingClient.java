package org.jingchain.sdk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jingchain.codec.Canonical;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.MessageCodec;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.light.CommittedHeader;
import org.jingchain.light.LightClient;
import org.jingchain.light.LightClientException;
import org.jingchain.sdk.model.Balances;
import org.jingchain.sdk.model.BatchResult;
import org.jingchain.sdk.model.Block;
import org.jingchain.sdk.model.BlockList;
import org.jingchain.sdk.model.Certificate;
import org.jingchain.sdk.model.DidResolution;
import org.jingchain.sdk.model.Epoch;
import org.jingchain.sdk.model.Event;
import org.jingchain.sdk.model.EvmAccount;
import org.jingchain.sdk.model.EvmCallResult;
import org.jingchain.sdk.model.EvmSlot;
import org.jingchain.sdk.model.Nft;
import org.jingchain.sdk.model.NodeStatus;
import org.jingchain.sdk.model.Receipt;
import org.jingchain.sdk.model.StateRead;
import org.jingchain.sdk.model.SubmitResult;
import org.jingchain.sdk.model.Token;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.state.ProofVerifier;
import org.jingchain.state.SparseMerkleProof;
import org.jingchain.types.Address;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;
import org.jingchain.types.Transaction;

/**
 * A client of one node's REST API. Answers come as the records of {@link org.jingchain.sdk.model}.
 * Errors the node reports become {@link JingApiException} with the API's code; a node that cannot
 * be reached gives code {@code UNREACHABLE}, an answer that is not the expected JSON {@code
 * BAD_RESPONSE}. Thread-safe.
 */
public final class JingClient {
  // the records ignore unknown fields themselves; this makes sure of it for the whole answer
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private final URI base;
  private final HttpClient http;
  private final Duration timeout;
  private final java.util.function.Supplier<String> token;

  public JingClient(String baseUrl) {
    this(baseUrl, Duration.ofSeconds(30));
  }

  public JingClient(String baseUrl, Duration timeout) {
    this(baseUrl, timeout, null);
  }

  private JingClient(String baseUrl, Duration timeout, java.util.function.Supplier<String> token) {
    String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.base = URI.create(b + "/api/v1");
    this.timeout = timeout;
    this.http = httpClient(base);
    this.token = token;
  }

  /**
   * This client, sending {@code token}'s bearer tokens, as a chain whose read rules are not public
   * needs (docs/spec/api-access.md); {@link BearerTokens#of} makes tokens that renew themselves.
   */
  public JingClient withToken(java.util.function.Supplier<String> token) {
    return new JingClient(base.toString().replaceFirst("/api/v1$", ""), timeout, token);
  }

  /** {@code b} with this client's {@code Authorization} header, if it has a token. */
  HttpRequest.Builder authorized(HttpRequest.Builder b) {
    String text = token == null ? null : token.get();
    return text == null ? b : b.header("Authorization", "Bearer " + text);
  }

  /**
   * The chain's trust root as the node states it ({@code GET /genesis}, always public): chain id,
   * suite, epoch-0 validators and block 0's hash. A client that has the genesis file from its
   * consortium should trust that instead.
   */
  public org.jingchain.sdk.model.Genesis genesis() {
    return get("/genesis", org.jingchain.sdk.model.Genesis.class);
  }

  /**
   * Who may read what on the node's chain, and who this client's token proves it is ({@code GET
   * /access}).
   */
  public org.jingchain.sdk.model.Access access() {
    return get("/access", org.jingchain.sdk.model.Access.class);
  }

  // one HTTP client per kind of connection for the whole process: JingClients share their pools
  private static final Object SHARED_LOCK = new Object();
  private static HttpClient plainHttp;
  private static HttpClient tlsHttp;
  private static java.util.function.Supplier<javax.net.ssl.SSLContext> tls;

  /**
   * The TLS every JingClient of this process uses for {@code https} nodes from now on: which
   * authorities it trusts for the node's certificate and which certificate it presents, from {@link
   * Tls#clientContext} (docs/security.md). Asked for when the first such client connects; without
   * it the JDK's default trust applies.
   */
  public static void useTls(java.util.function.Supplier<javax.net.ssl.SSLContext> context) {
    synchronized (SHARED_LOCK) {
      tls = context;
      if (tlsHttp != null) {
        tlsHttp.shutdownNow();
        tlsHttp = null;
      }
    }
  }

  /**
   * The shared client for {@code base}. Over plain HTTP it skips the default TLS context, whose
   * trust store costs every CLI command about 50 ms of start-up for a connection that never uses
   * it.
   */
  private static HttpClient httpClient(URI base) {
    boolean plain = "http".equalsIgnoreCase(base.getScheme());
    synchronized (SHARED_LOCK) {
      if (plain && plainHttp == null) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        try {
          b.sslContext(javax.net.ssl.SSLContext.getInstance("TLS"))
              .sslParameters(new javax.net.ssl.SSLParameters());
        } catch (java.security.NoSuchAlgorithmException e) {
          // keep the default context
        }
        plainHttp = b.build();
      } else if (!plain && tlsHttp == null) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
          b.sslContext(tls.get());
        }
        tlsHttp = b.build();
      }
      return plain ? plainHttp : tlsHttp;
    }
  }

  /**
   * Closes the HTTP clients that JingClients share, waiting up to a tenth of a second for their
   * threads to end; JingClients made afterwards start new ones. A process that exits right after
   * (the CLI does) then exits at once: the JVM otherwise waits 300 ms for their selector thread,
   * which it finds in native code.
   */
  public static void closeShared() {
    List<HttpClient> open = new ArrayList<>();
    synchronized (SHARED_LOCK) {
      if (plainHttp != null) {
        open.add(plainHttp);
      }
      if (tlsHttp != null) {
        open.add(tlsHttp);
      }
      plainHttp = null;
      tlsHttp = null;
    }
    for (HttpClient c : open) {
      c.shutdownNow();
      try {
        c.awaitTermination(Duration.ofMillis(100));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  public NodeStatus status() {
    return get("/status", NodeStatus.class);
  }

  /** Submits one transaction; returns its hash. Rejections throw with the node's code. */
  public Hash submit(Transaction tx) {
    ObjectNode body =
        JSON.createObjectNode().put("tx", HexFormat.of().formatHex(Canonical.encode(tx)));
    return Hash.fromHex(decode(post("/transactions", body), SubmitResult.class).hash());
  }

  /**
   * Submits a batch; the answer has one result per transaction, in order (see the API docs).
   *
   * @throws JingApiException with code {@code MEMPOOL_FULL} and the per-transaction results ({@link
   *     JingApiException#batchResult()}) when the mempool filled up part-way
   */
  public BatchResult submitBatch(List<Transaction> txs) {
    ObjectNode body = JSON.createObjectNode();
    var arr = body.putArray("txs");
    for (Transaction tx : txs) {
      arr.add(HexFormat.of().formatHex(Canonical.encode(tx)));
    }
    try {
      return decode(post("/transactions/batch", body), BatchResult.class);
    } catch (JingApiException e) {
      JsonNode b = e.body();
      if (b != null && b.has("results")) {
        throw new JingApiException(
            e.code(), e.httpStatus(), b.path("message").asText(), b, decode(b, BatchResult.class));
      }
      throw e;
    }
  }

  /** The transaction's status, or empty when the node knows nothing of it. */
  public Optional<TxStatus> transaction(Hash hash) {
    try {
      return Optional.of(get("/transactions/" + hash.toHex(), TxStatus.class));
    } catch (JingApiException e) {
      if (e.code().equals("NOT_FOUND")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Polls until the transaction is committed and returns its status (with its block and receipt).
   *
   * @throws JingApiException with code {@code TIMEOUT} when not committed within {@code wait}
   */
  public TxStatus waitForCommit(Hash hash, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    long pauseMillis = 20;
    while (true) {
      Optional<TxStatus> t = transaction(hash);
      if (t.isPresent() && t.get().committed()) {
        return t.get();
      }
      if (System.nanoTime() > deadline) {
        throw new JingApiException(
            "TIMEOUT", 0, "transaction " + hash + " not committed within " + wait);
      }
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new JingApiException("INTERRUPTED", 0, "interrupted while waiting for " + hash);
      }
      pauseMillis = Math.min(pauseMillis * 2, 500);
    }
  }

  /** A committed block by height or hash, with its transactions and receipts. */
  public Block block(String heightOrHash) {
    return get("/blocks/" + enc(heightOrHash), Block.class);
  }

  /** The headers of the newest {@code limit} blocks (1..100), newest first. */
  public BlockList latestBlocks(int limit) {
    return get("/blocks?limit=" + limit, BlockList.class);
  }

  /** The nonce the account's next transaction must carry, counting its pending ones. */
  public long nextNonce(Address a) {
    return get("/accounts/" + a + "/nonce").get("nextNonce").asLong();
  }

  /**
   * A page of the account's committed transactions, newest first: those it signed and those whose
   * events name it. Pass null for the newest page, or a page's {@code next} for the one before it.
   *
   * @param limit entries per page, 1..100
   */
  public org.jingchain.sdk.model.AccountHistory accountHistory(
      Address a, String before, int limit) {
    return get(
        "/accounts/"
            + a
            + "/transactions?limit="
            + limit
            + (before == null ? "" : "&before=" + enc(before)),
        org.jingchain.sdk.model.AccountHistory.class);
  }

  public Balances balances(Address a) {
    return get("/accounts/" + a + "/balances", Balances.class);
  }

  public Token token(String symbol) {
    return get("/assets/" + enc(symbol), Token.class);
  }

  public Nft nft(String id) {
    return get("/nfts/" + enc(id), Nft.class);
  }

  /**
   * What a contract call ({@code to} given) or deployment ({@code to} null, {@code data} the init
   * code) from {@code from} (null: the zero address) would do on the latest state, kept nowhere.
   * {@code gas} null means the maximum.
   */
  public EvmCallResult evmCall(String from, String to, byte[] data, Long gas) {
    ObjectNode body = JSON.createObjectNode();
    if (from != null) {
      body.put("from", from);
    }
    if (to != null) {
      body.put("to", to);
    }
    body.put("data", "0x" + HexFormat.of().formatHex(data));
    if (gas != null) {
      body.put("gas", gas);
    }
    return decode(post("/evm/call", body), EvmCallResult.class);
  }

  /** An EVM account: 0x address or ji…/js… account. */
  public EvmAccount evmAccount(String address) {
    return get("/evm/accounts/" + enc(address), EvmAccount.class);
  }

  /** One storage slot of a contract. */
  public EvmSlot evmStorage(String address, String slot) {
    return get("/evm/accounts/" + enc(address) + "/storage/" + enc(slot), EvmSlot.class);
  }

  /** This node's keys and organisation, for a private group's definition (docs/privacy.md). */
  public org.jingchain.privacy.PgroupService.NodeInfo pgroupNode() {
    return get("/pgroup/node", org.jingchain.privacy.PgroupService.NodeInfo.class);
  }

  /** A private group as this node sees it; NOT_FOUND when none. */
  public org.jingchain.privacy.PgroupService.GroupView pgroupGroup(String id) {
    return get("/pgroup/groups/" + enc(id), org.jingchain.privacy.PgroupService.GroupView.class);
  }

  /** A private group's records from number {@code from}. */
  public org.jingchain.privacy.PgroupService.RecordPage pgroupRecords(String id, long from) {
    return get(
        "/pgroup/groups/" + enc(id) + "/records?from=" + from,
        org.jingchain.privacy.PgroupService.RecordPage.class);
  }

  /** Sends a payload through this member node (a signed request; see PgroupClient). */
  public org.jingchain.privacy.PgroupService.SendReceipt pgroupSend(
      String id, org.jingchain.privacy.PgroupService.SendRequest request) {
    return decode(
        post("/pgroup/groups/" + enc(id) + "/send", JSON.valueToTree(request)),
        org.jingchain.privacy.PgroupService.SendReceipt.class);
  }

  /** Reads a record's payload from this member node (a signed request; see PgroupClient). */
  public org.jingchain.privacy.PgroupService.Payload pgroupRead(
      String id, org.jingchain.privacy.PgroupService.ReadRequest request) {
    return decode(
        post("/pgroup/groups/" + enc(id) + "/read", JSON.valueToTree(request)),
        org.jingchain.privacy.PgroupService.Payload.class);
  }

  /** A confidential token (docs/privacy.md); NOT_FOUND when none. */
  public org.jingchain.privacy.CtokenService.TokenView ctokenToken(String symbol) {
    return get(
        "/ctoken/tokens/" + enc(symbol), org.jingchain.privacy.CtokenService.TokenView.class);
  }

  /** An account's registered confidential-token key; NOT_FOUND when none. */
  public org.jingchain.privacy.CtokenService.KeyView ctokenKey(Address a) {
    return get("/ctoken/keys/" + a, org.jingchain.privacy.CtokenService.KeyView.class);
  }

  /** An account's encrypted balance of a token. */
  public org.jingchain.privacy.CtokenService.BalanceView ctokenBalance(String symbol, Address a) {
    return get(
        "/ctoken/balances/" + enc(symbol) + "/" + a,
        org.jingchain.privacy.CtokenService.BalanceView.class);
  }

  /** A token's transfers from number {@code from}, at most {@code limit}. */
  public org.jingchain.privacy.CtokenService.TransferPage ctokenTransfers(
      String symbol, long from, int limit) {
    return get(
        "/ctoken/tokens/" + enc(symbol) + "/transfers?from=" + from + "&limit=" + limit,
        org.jingchain.privacy.CtokenService.TransferPage.class);
  }

  /** A committee of decryption authorities (docs/spec/privacy.md); NOT_FOUND when none. */
  public org.jingchain.privacy.AggregateService.CommitteeView aggregateCommittee(String id) {
    return get(
        "/aggregate/committees/" + enc(id),
        org.jingchain.privacy.AggregateService.CommitteeView.class);
  }

  /** Member {@code dealer}'s deal in a committee's key generation; NOT_FOUND before it dealt. */
  public org.jingchain.privacy.AggregateService.DealView aggregateDeal(String id, int dealer) {
    return get(
        "/aggregate/committees/" + enc(id) + "/deals/" + dealer,
        org.jingchain.privacy.AggregateService.DealView.class);
  }

  /** A sealed aggregate; NOT_FOUND when none. */
  public org.jingchain.privacy.AggregateService.AggregateView aggregate(String id) {
    return get(
        "/aggregate/aggregates/" + enc(id),
        org.jingchain.privacy.AggregateService.AggregateView.class);
  }

  /** The newest committees ({@code committees = true}) or aggregates, at most {@code limit}. */
  public org.jingchain.privacy.AggregateService.ListPage aggregateList(
      boolean committees, int limit) {
    return get(
        "/aggregate/" + (committees ? "committees" : "aggregates") + "?limit=" + limit,
        org.jingchain.privacy.AggregateService.ListPage.class);
  }

  /** The registered storage nodes (docs/spec/storage.md). */
  public org.jingchain.store.StoreService.NodeList storeNodes() {
    return get("/store/nodes", org.jingchain.store.StoreService.NodeList.class);
  }

  /** An object record by id; {@code NOT_FOUND} when the chain has none. */
  public org.jingchain.store.StoreService.ObjectView storeObject(Hash id) {
    return get("/store/objects/" + id.toHex(), org.jingchain.store.StoreService.ObjectView.class);
  }

  /** An audit challenge by id. */
  public org.jingchain.store.StoreService.ChallengeView storeChallenge(long id) {
    return get("/store/challenges/" + id, org.jingchain.store.StoreService.ChallengeView.class);
  }

  /** Objects in the order they were recorded, from position {@code from}. */
  public org.jingchain.store.StoreService.IndexPage storeIndex(long from, int limit) {
    return get(
        "/store/index?from=" + from + "&limit=" + limit,
        org.jingchain.store.StoreService.IndexPage.class);
  }

  /** The store's audit rounds and timing. */
  public org.jingchain.store.StoreService.AuditView storeAudit() {
    return get("/store/audit", org.jingchain.store.StoreService.AuditView.class);
  }

  /** What storage node {@code nodeId} has to do: open challenges, repairs, audit timing. */
  public org.jingchain.store.StoreService.WorkView storeWork(String nodeId) {
    return get(
        "/store/nodes/" + enc(nodeId) + "/work", org.jingchain.store.StoreService.WorkView.class);
  }

  /** An object record by owner and name. */
  public org.jingchain.store.StoreService.ObjectView storeObject(Address owner, String name) {
    return get(
        "/store/objects?owner=" + enc(owner.toString()) + "&name=" + enc(name),
        org.jingchain.store.StoreService.ObjectView.class);
  }

  /** The state read with its proof, as the node sent it (not yet verified: {@link #verified}). */
  public StateRead readStateRaw(String key, Optional<Long> version) {
    return get(
        "/state?proof=true&key=" + enc(key) + version.map(v -> "&version=" + v).orElse(""),
        StateRead.class);
  }

  /**
   * The state read of a key given as bytes ({@code keyHex}: any key, UTF-8 text or not) with its
   * proof, as the node sent it (not yet verified: {@link #verified(Bytes, StateRead)}).
   */
  public StateRead readStateRaw(Bytes key, Optional<Long> version) {
    return get(
        "/state?proof=true&keyHex=" + key.toHex() + version.map(v -> "&version=" + v).orElse(""),
        StateRead.class);
  }

  /**
   * Reads a state key and verifies the node's Merkle proof against the state root it reports for
   * that version. To trust the root itself, compare it with the {@code stateRoot} in the header of
   * block version+1 (or a root obtained elsewhere): see {@link #verify}.
   *
   * @throws JingApiException with code {@code PROOF_INVALID} if the proof does not check
   */
  public VerifiedState readStateVerified(String key, Optional<Long> version) {
    return verified(key, readStateRaw(key, version));
  }

  /**
   * Checks a response of {@link #readStateRaw} for {@code key}: its proof against the state root it
   * reports.
   *
   * @throws JingApiException with code {@code PROOF_INVALID} if the proof does not check
   */
  public static VerifiedState verified(String key, StateRead r) {
    return verified(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)), "'" + key + "'", r);
  }

  /**
   * Checks a response of {@link #readStateRaw(Bytes, Optional)} for {@code key}: its proof against
   * the state root it reports.
   *
   * @throws JingApiException with code {@code PROOF_INVALID} if the proof does not check
   */
  public static VerifiedState verified(Bytes key, StateRead r) {
    return verified(key, "0x" + key.toHex(), r);
  }

  private static VerifiedState verified(Bytes k, String key, StateRead r) {
    SuiteId suite = SuiteId.fromLabel(r.suite()).orElseThrow();
    Optional<Bytes> value = Optional.ofNullable(r.value()).map(Bytes::fromHex);
    Hash root = Hash.fromHex(r.stateRoot());
    Bytes proof = Bytes.fromHex(encodedProof(key, r));
    VerifiedState vs = new VerifiedState(k, value, r.version(), root, suite.label(), proof);
    if (!verify(vs, root)) {
      throw new JingApiException(
          "PROOF_INVALID", 0, "the node's proof for " + key + " does not verify");
    }
    return vs;
  }

  private static String encodedProof(String key, StateRead r) {
    if (r.proof() == null || r.proof().encoded() == null) {
      throw new JingApiException("PROOF_INVALID", 0, "the node sent no proof for " + key);
    }
    return r.proof().encoded();
  }

  /**
   * Calls {@code onBlock} with every committed block (header, transactions, receipts) from {@code
   * fromHeight} on, in order and without gaps, until the subscription is closed.
   */
  public BlockSubscription subscribeBlocks(long fromHeight, Consumer<Block> onBlock) {
    return new BlockSubscription(
        this, URI.create(base + "/stream/blocks"), http, fromHeight, onBlock);
  }

  /**
   * Calls {@code onEvent} with every event of committed transactions from {@code fromHeight} on
   * whose contract and type match ({@code null} matches any), in chain order.
   */
  public BlockSubscription subscribeEvents(
      long fromHeight, String contract, String type, Consumer<ChainEvent> onEvent) {
    return subscribeBlocks(
        fromHeight,
        block -> {
          long height = block.header().height();
          for (Receipt r : block.receipts()) {
            for (Event e : r.events()) {
              if ((contract == null || contract.equals(e.contract()))
                  && (type == null || type.equals(e.type()))) {
                onEvent.accept(
                    new ChainEvent(height, r.txHash(), e.contract(), e.type(), e.attributes()));
              }
            }
          }
        });
  }

  /** The certificate of a committed block (header, QC, commit proof as hex), not yet checked. */
  public Certificate certificate(long height) {
    return get("/blocks/" + height + "/certificate", Certificate.class);
  }

  /**
   * Brings {@code light} into the chain's current epoch [GOV-10]: for each validator-set change it
   * has not followed, in order, checks the last block of the old epoch against the validators it
   * trusts and the new set's Merkle proof against that block's state, then schedules the new set.
   * Trusts nothing the node says. Certified reads call it first.
   *
   * @return how many epochs {@code light} entered
   * @throws JingApiException with code {@code PROOF_INVALID} when a change does not check out
   */
  public int followEpochs(LightClient light) {
    int entered = 0;
    for (Epoch e : epochs()) {
      long first = e.firstHeight();
      long number = e.epoch();
      try {
        if (light.epochAt(first) >= number) {
          continue; // followed before
        }
        Certificate cert = certificate(first - 1);
        if (cert.commitProof() == null
            || e.validatorsProof() == null
            || e.validatorsValue() == null) {
          throw new JingApiException(
              "PROOF_INVALID", 0, "the node has no proof of the change to epoch " + number);
        }
        BlockHeader header = Canonical.decodeHeader(HexFormat.of().parseHex(cert.header()));
        CommitProof proof =
            MessageCodec.decodeCommitProof(HexFormat.of().parseHex(cert.commitProof()));
        CommittedHeader last = light.verifyCommitted(header, proof);
        light.followEpoch(
            last,
            Bytes.fromHex(e.validatorsValue()),
            SparseMerkleProof.decode(HexFormat.of().parseHex(e.validatorsProof())));
        entered++;
      } catch (LightClientException ex) {
        throw new JingApiException("PROOF_INVALID", 0, ex.getMessage());
      } catch (org.jingchain.codec.DecodeException | IllegalArgumentException ex) {
        throw new JingApiException(
            "PROOF_INVALID", 0, "malformed epoch change: " + ex.getMessage());
      }
    }
    return entered;
  }

  /**
   * The chain's epochs after the first (docs/spec/governance.md section 3): each with its number,
   * first height, validators, and what a light client needs to follow into it.
   */
  public List<Epoch> epochs() {
    List<Epoch> epochs = get("/epochs", Epochs.class).epochs();
    return epochs == null ? List.of() : List.copyOf(epochs);
  }

  /** The answer of {@code GET /epochs}, which {@link #epochs} unwraps. */
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  record Epochs(List<Epoch> epochs) {}

  /**
   * Reads a state key and trusts nothing the node says: the value's Merkle proof is checked against
   * the state root that a quorum of the chain's validators certified, as checked by {@code light}
   * (which holds the validator set the caller trusts, e.g. from genesis). Reads at the latest
   * height that has a commit proof (most blocks have one; a block committed only as an ancestor of
   * a later one does not).
   *
   * @throws JingApiException with code {@code PROOF_INVALID} when any check fails
   */
  public CertifiedState readStateCertified(String key, LightClient light) {
    return readStateAt(certifiedHead(light), key, light);
  }

  /**
   * The latest block the validators {@code light} trusts certified as committed (with a commit
   * proof), checked by {@code light}. Reads pinned to it with {@link #readStateAt} all see one
   * state.
   *
   * @throws JingApiException with code {@code PROOF_INVALID} when no certificate checks out
   */
  public CommittedHeader certifiedHead(LightClient light) {
    followEpochs(light);
    long head = status().height();
    for (long h = head; h > Math.max(0, head - 32); h--) {
      Certificate cert = certificate(h);
      if (cert.commitProof() == null) {
        continue;
      }
      BlockHeader header = Canonical.decodeHeader(HexFormat.of().parseHex(cert.header()));
      CommitProof proof =
          MessageCodec.decodeCommitProof(HexFormat.of().parseHex(cert.commitProof()));
      try {
        return light.verifyCommitted(header, proof);
      } catch (LightClientException e) {
        throw new JingApiException("PROOF_INVALID", 0, e.getMessage());
      }
    }
    throw new JingApiException(
        "PROOF_INVALID", 0, "no commit proof among the last 32 blocks below height " + head);
  }

  /**
   * Block {@code height}, checked against the validators {@code light} trusts: its header must be
   * committed by their certificate (following validator changes since, each proven), and its
   * transactions — each rebuilt and hashed here from the fields the node sent, not from the hash it
   * states — must make the header's transaction root and count. So every field of every transaction
   * shown is the committed one.
   *
   * @throws JingApiException with code {@code PROOF_INVALID} when a check fails, {@code
   *     NOT_CERTIFIED} when the block has no commit proof of its own (a later block committed it as
   *     an ancestor: verify that one)
   */
  public VerifiedBlock verifiedBlock(long height, LightClient light) {
    followEpochs(light);
    Certificate cert = certificate(height);
    if (cert.commitProof() == null) {
      throw new JingApiException(
          "NOT_CERTIFIED",
          0,
          "block "
              + height
              + " has no commit proof of its own (a later block committed it as an ancestor);"
              + " verify a later block");
    }
    BlockHeader header = Canonical.decodeHeader(HexFormat.of().parseHex(cert.header()));
    CommittedHeader committed;
    try {
      committed =
          light.verifyCommitted(
              header, MessageCodec.decodeCommitProof(HexFormat.of().parseHex(cert.commitProof())));
    } catch (LightClientException e) {
      throw new JingApiException("PROOF_INVALID", 0, e.getMessage());
    }
    org.jingchain.sdk.model.Block b = block(Long.toString(height));
    if (!b.header().hash().equals(committed.hash().toHex())) {
      throw new JingApiException(
          "PROOF_INVALID",
          0,
          "the node's block "
              + height
              + " is "
              + b.header().hash()
              + ", but the certified one is "
              + committed.hash().toHex());
    }
    CryptoSuite suite = CryptoSuites.of(header.proposer().suite());
    List<Hash> hashes = new ArrayList<>(b.transactions().size());
    for (org.jingchain.sdk.model.Tx t : b.transactions()) {
      Transaction tx;
      try {
        tx =
            new Transaction(
                new org.jingchain.types.TxBody(
                    t.chainId(),
                    new org.jingchain.types.PublicKey(suite.id(), Bytes.fromHex(t.senderKey())),
                    t.nonce(),
                    t.expiresAtMillis(),
                    new org.jingchain.types.Call(
                        t.contract(), t.method(), Bytes.fromHex(t.args()))),
                Bytes.fromHex(t.signature()));
      } catch (RuntimeException e) {
        throw new JingApiException(
            "PROOF_INVALID", 0, "transaction " + t.hash() + " does not rebuild: " + e.getMessage());
      }
      hashes.add(tx.hash(suite));
    }
    if (header.txCount() != hashes.size()
        || !header.txRoot().equals(org.jingchain.types.MerkleRoot.of(hashes, suite))) {
      throw new JingApiException(
          "PROOF_INVALID",
          0,
          "the "
              + hashes.size()
              + " transactions the node sent for block "
              + height
              + " do not make its certified transaction root");
    }
    checkReceipts(b, committed, hashes, suite);
    return new VerifiedBlock(b, committed, hashes);
  }

  /**
   * [LC-4] The block's receipts, rebuilt from the fields the node sent, must hash to the results
   * root its certified child carries, one per transaction and in order.
   */
  private static void checkReceipts(
      org.jingchain.sdk.model.Block b,
      CommittedHeader committed,
      List<Hash> txHashes,
      CryptoSuite suite) {
    List<org.jingchain.sdk.model.Receipt> receipts = b.receipts();
    if (receipts.size() != txHashes.size()) {
      throw new JingApiException(
          "PROOF_INVALID",
          0,
          "the node sent "
              + receipts.size()
              + " receipts for the "
              + txHashes.size()
              + " transactions of block "
              + committed.height());
    }
    List<Hash> leaves = new ArrayList<>(receipts.size());
    for (int i = 0; i < receipts.size(); i++) {
      org.jingchain.sdk.model.Receipt r = receipts.get(i);
      org.jingchain.types.Receipt rebuilt;
      try {
        List<org.jingchain.types.Event> events = new ArrayList<>();
        for (org.jingchain.sdk.model.Event e : r.events()) {
          List<org.jingchain.types.EventAttribute> attrs = new ArrayList<>();
          e.attributes().forEach((k, v) -> attrs.add(new org.jingchain.types.EventAttribute(k, v)));
          events.add(new org.jingchain.types.Event(e.contract(), e.type(), attrs));
        }
        rebuilt =
            new org.jingchain.types.Receipt(
                Hash.fromHex(r.txHash()),
                r.succeeded()
                    ? org.jingchain.types.Receipt.Status.SUCCESS
                    : org.jingchain.types.Receipt.Status.FAILED,
                r.code(),
                r.message(),
                events);
      } catch (RuntimeException e) {
        throw new JingApiException(
            "PROOF_INVALID", 0, "receipt " + i + " does not rebuild: " + e.getMessage());
      }
      if (!rebuilt.txHash().equals(txHashes.get(i))) {
        throw new JingApiException(
            "PROOF_INVALID",
            0,
            "receipt " + i + " of block " + committed.height() + " is for another transaction");
      }
      leaves.add(suite.hash(Canonical.encode(rebuilt)));
    }
    if (!org.jingchain.types.MerkleRoot.of(leaves, suite).equals(committed.resultsRoot())) {
      throw new JingApiException(
          "PROOF_INVALID",
          0,
          "the receipts the node sent for block "
              + committed.height()
              + " do not make the results root its validators certified");
    }
  }

  /**
   * Reads {@code key} in the state after {@code committed} and checks the node's Merkle proof
   * against that header's certified state root.
   *
   * @throws JingApiException with code {@code PROOF_INVALID} when the proof does not check
   */
  public CertifiedState readStateAt(CommittedHeader committed, String key, LightClient light) {
    return readStateAt(committed, Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)), light);
  }

  /** {@link #readStateAt(CommittedHeader, String, LightClient)} for a key of any bytes. */
  public CertifiedState readStateAt(CommittedHeader committed, Bytes k, LightClient light) {
    StateRead r = readStateRaw(k, Optional.of(committed.height()));
    Bytes value = r.value() == null ? null : Bytes.fromHex(r.value());
    try {
      SparseMerkleProof smp =
          SparseMerkleProof.decode(HexFormat.of().parseHex(encodedProof("'" + r.key() + "'", r)));
      light.verifyState(committed, k, value, smp);
    } catch (LightClientException | IllegalArgumentException e) {
      throw new JingApiException("PROOF_INVALID", 0, e.getMessage());
    }
    return new CertifiedState(k, Optional.ofNullable(value), committed);
  }

  /** Checks {@code s}'s proof against {@code trustedRoot}, offline. */
  public static boolean verify(VerifiedState s, Hash trustedRoot) {
    CryptoSuite suite = CryptoSuites.of(SuiteId.fromLabel(s.suite()).orElseThrow());
    return ProofVerifier.verify(
        d -> suite.hash(d).toByteArray(),
        trustedRoot.toByteArray(),
        s.key().toByteArray(),
        s.value().map(Bytes::toByteArray).orElse(null),
        s.encodedProof().toByteArray());
  }

  // ---- HTTP

  /** GET {@code path} under {@code /api/v1}, with the error mapping of every call here. */
  JsonNode get(String path) {
    return send(
        authorized(HttpRequest.newBuilder(URI.create(base + path))).timeout(timeout).GET().build());
  }

  /** GET {@code path} under {@code /api/v1}, its answer decoded into {@code type}. */
  <T> T get(String path, Class<T> type) {
    return decode(get(path), type);
  }

  /**
   * {@code json} as {@code type}; an answer of another shape is a {@code BAD_RESPONSE}, like one
   * that is not JSON.
   */
  static <T> T decode(JsonNode json, Class<T> type) {
    try {
      return JSON.treeToValue(json, type);
    } catch (IOException | IllegalArgumentException e) {
      throw new JingApiException(
          "BAD_RESPONSE",
          0,
          "the node's answer is not a " + type.getSimpleName() + ": " + e.getMessage());
    }
  }

  private JsonNode post(String path, JsonNode body) {
    try {
      byte[] b = JSON.writeValueAsBytes(body);
      return send(
          authorized(HttpRequest.newBuilder(URI.create(base + path)))
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(b))
              .build());
    } catch (IOException e) {
      throw new JingApiException("CLIENT", 0, "cannot encode request: " + e.getMessage());
    }
  }

  /**
   * Resolves a did:jing (W3C DID Resolution result). Returns the result for resolved, invalid,
   * unknown and deactivated DIDs alike (see {@code didResolutionMetadata.error}); throws only when
   * the node cannot answer.
   */
  public DidResolution resolveDid(String did, Optional<Long> version, boolean proof) {
    String q = "?proof=" + proof + version.map(v -> "&version=" + v).orElse("");
    HttpRequest req =
        authorized(HttpRequest.newBuilder(URI.create(base + "/dids/" + enc(did) + q)))
            .timeout(timeout)
            .GET()
            .build();
    JsonNode answer;
    try {
      answer = send(req);
    } catch (JingApiException e) {
      if (e.body() == null || !e.body().has("didResolutionMetadata")) {
        throw e;
      }
      answer = e.body();
    }
    return decode(answer, DidResolution.class);
  }

  private JsonNode send(HttpRequest req) {
    HttpResponse<byte[]> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof javax.net.ssl.SSLException) {
          throw new JingApiException(
              "TLS_FAILED",
              0,
              "the TLS handshake with "
                  + base
                  + " failed ("
                  + t.getMessage()
                  + "): for a node whose certificate your CA issued pass it (jing --ca FILE,"
                  + " env JING_CA); a node that asks for a client certificate needs"
                  + " --client-cert (docs/security.md)");
        }
      }
      throw new JingApiException(
          "UNREACHABLE",
          0,
          "cannot reach the node at "
              + base
              + " ("
              + reason(e)
              + "); is it running?"
              + ("https".equalsIgnoreCase(base.getScheme())
                  ? " A node with mutual TLS also closes the connection on a client certificate"
                      + " its authority did not issue (docs/security.md)."
                  : ""));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JingApiException("INTERRUPTED", 0, "interrupted");
    }
    JsonNode json;
    try {
      json = JSON.readTree(resp.body());
    } catch (IOException e) {
      throw new JingApiException("BAD_RESPONSE", resp.statusCode(), "the node sent non-JSON");
    }
    if (resp.statusCode() >= 400) {
      throw new JingApiException(
          json.path("code").asText("HTTP_" + resp.statusCode()),
          resp.statusCode(),
          json.path("message").asText(),
          json,
          null);
    }
    return json;
  }

  /** Why a request failed, in words (no Java class names in user-facing messages). */
  private static String reason(IOException e) {
    return switch (e) {
      case java.net.ConnectException c -> "connection refused";
      case java.net.http.HttpTimeoutException t -> "timed out";
      default -> e.getMessage() != null ? e.getMessage() : "I/O error";
    };
  }

  /** {@code s} as one URL path segment or query value. */
  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
