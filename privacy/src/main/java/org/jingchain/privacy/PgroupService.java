package org.jingchain.privacy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jingchain.crypto.AeadException;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.KeyPair;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.SystemContract;
import org.jingchain.gov.Gov;
import org.jingchain.gov.Validators;
import org.jingchain.service.ChainSetup;
import org.jingchain.service.NodeContext;
import org.jingchain.service.NodePart;
import org.jingchain.service.PlatformService;
import org.jingchain.service.Resources;
import org.jingchain.service.api.ApiException;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.service.api.Request;
import org.jingchain.service.api.Response;
import org.jingchain.service.api.Route;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.PublicKey;

/**
 * Private groups as a platform service (docs/spec/privacy.md section 6, docs/privacy.md): the
 * {@code pgroup} contract, and on each node the member side — it seals payloads sent through it
 * under the group key, keeps the ciphertexts of its groups in its data directory (a non-member
 * keeps none), hands them only to other member nodes, attests holding them, opens them only for
 * accounts of member organisations, and fetches what it missed from other members, checked against
 * the hashes on chain.
 */
public final class PgroupService implements PlatformService {
  private static final String PREFIX = "/api/v1/pgroup";
  private static final System.Logger LOG = System.getLogger(PgroupService.class.getName());

  /** How far a signed account request's time may be from the node's clock. */
  static final long FRESH_MILLIS = 5 * 60_000;

  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  @Override
  public String name() {
    return "pgroup";
  }

  @Override
  public List<SystemContract> contracts(ChainSetup chain) {
    return List.of(new PgroupContract(chain.suite(), chain.chainId()));
  }

  /** A call's declared gas: its signature checks ([PRIV-18]). */
  @Override
  public long declaredGas(org.jingchain.types.Call call) {
    return PgroupCalls.CONTRACT.equals(call.contract()) ? PgroupCalls.gas(call) : 0;
  }

  @Override
  public NodePart start(NodeContext node) {
    return new Member(node);
  }

  /** {@code GET /pgroup/node}: this node's keys and organisation, for a group definition. */
  public record NodeInfo(String nodeKey, String encKey, String org) {}

  public record MemberView(int index, String org, String nodeKey, String endpoint) {}

  /** {@code GET /pgroup/groups/{id}}. */
  public record GroupView(
      String id,
      int threshold,
      List<MemberView> members,
      long records,
      boolean thisNodeIsMember,
      long heldHere) {}

  public record RecordView(
      long seq,
      String hash,
      long size,
      String sender,
      long height,
      int attesters,
      boolean purged,
      boolean heldHere) {}

  public record RecordPage(long count, List<RecordView> items) {}

  /** An account's signed request: {@code time} in ms, its public key and signature, hex. */
  public record SendRequest(String payload, long time, String publicKey, String signature) {}

  public record ReadRequest(long seq, long time, String publicKey, String signature) {}

  /** A member node's signed request to another. */
  public record PushRequest(String ciphertext, String nodeKey, String signature) {}

  public record FetchRequest(String hash, String nodeKey, String signature) {}

  public record AttestationView(int member, String signature) {}

  /** What {@code send} answers: the ciphertext's hash and size, and the attestations. */
  public record SendReceipt(String hash, long size, List<AttestationView> attestations) {}

  public record Ciphertext(String ciphertext) {}

  public record Payload(long seq, String hash, String payload) {}

  /** What an account signs for a request at {@code time}. */
  public static byte[] accountMessage(
      String what, String chainId, String group, Hash subject, long time) {
    return new org.jingchain.codec.Encoder()
        .raw(PgroupCalls.accountRequest(what, chainId, group, subject))
        .u64(time)
        .toByteArray();
  }

  /** The subject of a read request: the record's number. */
  public static Hash readSubject(CryptoSuite suite, long seq) {
    return suite.hash(new org.jingchain.codec.Encoder().u64(seq).toByteArray());
  }

  private static final class Member implements NodePart {
    private final NodeContext node;
    private final CryptoSuite suite;
    private final EcGroup g;
    private final String chainId;
    private final Optional<KeyPair> key;
    private final Path dir;
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();
    private final Thread catchUp;
    private final Object wake = new Object();
    private volatile boolean running = true;
    private boolean pending = true;

    Member(NodeContext node) {
      this.node = node;
      this.suite = node.chain().suite();
      this.g = EcGroup.of(suite.id(), suite);
      this.chainId = node.chain().chainId();
      this.key = node.nodeKey();
      this.dir = node.dataDir().resolve("pgroup");
      this.catchUp = new Thread(this::catchUpLoop, "pgroup-catch-up");
      catchUp.setDaemon(true);
      if (key.isPresent()) {
        node.onCommit(
            b -> {
              synchronized (wake) {
                pending = true;
                wake.notifyAll();
              }
            });
        catchUp.start();
      }
    }

    @Override
    public List<Route> routes() {
      // a node's keys and the calls that carry their own signatures (a member account's, a member
      // node's) are always public, as transactions are: member nodes reach each other without
      // tokens on a chain whose reads are for members (docs/spec/api-access.md [ACC-2])
      return List.of(
          new Route("GET", PREFIX + "/node", r -> Response.ok(info())).alwaysPublic(),
          new Route("GET", PREFIX + "/groups/{id}", r -> Response.ok(group(r.path("id")))),
          new Route(
              "GET", PREFIX + "/groups/{id}/records", r -> Response.ok(records(r.path("id"), r))),
          new Route("POST", PREFIX + "/groups/{id}/send", r -> Response.ok(send(r.path("id"), r)))
              .alwaysPublic(),
          new Route("POST", PREFIX + "/groups/{id}/push", r -> Response.ok(push(r.path("id"), r)))
              .alwaysPublic(),
          new Route("POST", PREFIX + "/groups/{id}/fetch", r -> Response.ok(fetch(r.path("id"), r)))
              .alwaysPublic(),
          new Route("POST", PREFIX + "/groups/{id}/read", r -> Response.ok(read(r.path("id"), r)))
              .alwaysPublic());
    }

    @Override
    public Optional<String> openApi() {
      return Optional.of(Resources.text(PgroupService.class, "pgroup-openapi.json"));
    }

    @Override
    public Optional<String> consoleScript() {
      return Optional.of(Resources.text(PgroupService.class, "pgroup-console.js"));
    }

    @Override
    public void close() {
      running = false;
      synchronized (wake) {
        wake.notifyAll();
      }
    }

    // ---- keys and membership

    private KeyPair nodeKey() throws ApiException {
      return key.orElseThrow(
          () ->
              new ApiException(
                  ErrorCode.NOT_FOUND,
                  "this node's key is in a PKCS#11 token; private groups need it in memory"));
    }

    private NodeInfo info() throws ApiException {
      KeyPair k = nodeKey();
      String org =
          Validators.read(node.latest()).stream()
              .filter(e -> e.key().equals(k.publicKey()))
              .map(Validators.Entry::org)
              .findFirst()
              .orElse("");
      return new NodeInfo(
          k.publicKey().bytes().toHex(),
          Bytes.wrap(g.encode(g.base(PgroupKeys.encSecret(g, chainId, k)))).toHex(),
          org);
    }

    private PgroupDef def(StateReader s, String id) throws ApiException {
      if (!AggregateCalls.ID.matcher(id).matches()) {
        throw new ApiException(ErrorCode.BAD_REQUEST, "a group id is a-z, 0-9, . and -");
      }
      return PgroupState.group(s, id)
          .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no private group " + id));
    }

    private int myIndex(PgroupDef def) {
      return key.map(k -> def.indexOf(k.publicKey())).orElse(-1);
    }

    private int requireMember(PgroupDef def) throws ApiException {
      int i = myIndex(def);
      if (i < 0) {
        throw new ApiException(
            ErrorCode.NOT_A_MEMBER, "this node is not a member of private group " + def.id());
      }
      return i;
    }

    private byte[] groupKey(PgroupDef def, int me) throws ApiException {
      return PgroupKeys.unwrap(
          g,
          def.id(),
          def.members().get(me).wrapped().unsafeArray(),
          PgroupKeys.encSecret(g, chainId, nodeKey()));
    }

    private Path file(String group, Hash h) {
      return dir.resolve(group).resolve(h.toHex());
    }

    private boolean held(String group, Hash h) {
      return Files.isRegularFile(file(group, h));
    }

    private void keep(String group, Hash h, byte[] ciphertext) throws IOException {
      Path f = file(group, h);
      Files.createDirectories(f.getParent());
      Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
      Files.write(tmp, ciphertext);
      Files.move(
          tmp,
          f,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private byte[] attest(PgroupDef def, Hash h, long size) throws ApiException {
      return nodeKey().sign(PgroupCalls.holdMessage(chainId, def.id(), h, size));
    }

    // ---- reads

    private GroupView group(String id) throws ApiException {
      StateReader s = node.latest();
      PgroupDef def = def(s, id);
      List<MemberView> ms = new ArrayList<>();
      for (int i = 0; i < def.members().size(); i++) {
        PgroupDef.Member m = def.members().get(i);
        ms.add(new MemberView(i, m.org(), m.nodeKey().bytes().toHex(), m.endpoint()));
      }
      long count = PgroupState.count(s, id);
      long heldHere = 0;
      for (long seq = 0; seq < count; seq++) {
        Optional<PgroupRecord> r = PgroupState.record(s, id, seq);
        if (r.isPresent() && held(id, r.get().hash())) {
          heldHere++;
        }
      }
      return new GroupView(id, def.threshold(), ms, count, myIndex(def) >= 0, heldHere);
    }

    private RecordPage records(String id, Request r) throws ApiException {
      StateReader s = node.latest();
      def(s, id);
      long from;
      try {
        from = Long.parseLong(r.query("from").orElse("0"));
      } catch (NumberFormatException e) {
        throw new ApiException(ErrorCode.BAD_REQUEST, "from is a number");
      }
      long count = PgroupState.count(s, id);
      List<RecordView> items = new ArrayList<>();
      for (long seq = Math.max(0, from); seq < count && items.size() < 500; seq++) {
        PgroupState.record(s, id, seq)
            .ifPresent(
                x ->
                    items.add(
                        new RecordView(
                            x.seq(),
                            x.hash().toHex(),
                            x.size(),
                            x.sender().toString(),
                            x.height(),
                            Long.bitCount(x.attesters()),
                            x.purged(),
                            held(id, x.hash()))));
      }
      return new RecordPage(count, items);
    }

    // ---- an account's requests

    private <T> T body(Request r, Class<T> type) throws ApiException {
      try {
        return JSON.readValue(r.body(), type);
      } catch (IOException e) {
        throw new ApiException(ErrorCode.BAD_REQUEST, "body: " + e.getMessage());
      }
    }

    private static byte[] hex(String s, String what) throws ApiException {
      try {
        return Bytes.fromHex(s).toByteArray();
      } catch (RuntimeException e) {
        throw new ApiException(ErrorCode.BAD_REQUEST, what + " is not hex");
      }
    }

    /** Signatures of account requests seen in the last {@link #FRESH_MILLIS}, with their time. */
    private final java.util.Map<String, Long> seen = new java.util.HashMap<>();

    /**
     * True the first time a request signature is seen within its freshness window: a replayed send
     * would otherwise be sealed, kept and pushed again ([PRIV-32]). At most 100,000 are kept; older
     * ones are forgotten as they age out of the window.
     */
    private synchronized boolean firstUse(String signature, long time) {
      long now = System.currentTimeMillis();
      if (seen.size() > 1_000) {
        seen.values().removeIf(t -> Math.abs(now - t) > FRESH_MILLIS);
      }
      if (seen.size() >= 100_000) {
        return false; // under a flood, refuse rather than grow without bound
      }
      return seen.putIfAbsent(signature, time) == null;
    }

    /** Checks an account's signed request and that its organisation is a member. */
    private Address account(
        PgroupDef def, String what, Hash subject, long time, String pk, String sig)
        throws ApiException {
      if (Math.abs(System.currentTimeMillis() - time) > FRESH_MILLIS) {
        throw new ApiException(
            ErrorCode.BAD_REQUEST, "the request's time is more than 5 minutes from the node's");
      }
      PublicKey key;
      try {
        key = new PublicKey(suite.id(), Bytes.wrap(hex(pk, "publicKey")));
      } catch (IllegalArgumentException e) {
        throw new ApiException(ErrorCode.BAD_REQUEST, "publicKey: " + e.getMessage());
      }
      if (!suite.verify(
          key, accountMessage(what, chainId, def.id(), subject, time), hex(sig, "signature"))) {
        throw new ApiException(ErrorCode.BAD_REQUEST, "the request's signature does not verify");
      }
      Address a = suite.address(key);
      String org = Gov.roles(node.latest(), a).map(Gov.Roles::org).orElse("");
      if (org.isEmpty() || !def.hasOrg(org)) {
        throw new ApiException(
            ErrorCode.NOT_A_MEMBER, a + " belongs to no organisation of private group " + def.id());
      }
      if (!firstUse(sig, time)) {
        throw new ApiException(ErrorCode.BAD_REQUEST, "the request was already made (a replay)");
      }
      return a;
    }

    /**
     * Seals the payload under the group key, keeps it, pushes it to the other members and collects
     * their attestations with its own: what the account submits on chain.
     */
    private SendReceipt send(String id, Request r) throws ApiException {
      PgroupDef def = def(node.latest(), id);
      int me = requireMember(def);
      SendRequest q = body(r, SendRequest.class);
      byte[] payload;
      try {
        payload = Base64.getDecoder().decode(q.payload());
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new ApiException(ErrorCode.BAD_REQUEST, "payload is base64");
      }
      if (payload.length == 0) {
        throw new ApiException(ErrorCode.BAD_REQUEST, "the payload is empty");
      }
      if (payload.length > PgroupCalls.MAX_PAYLOAD) {
        throw new ApiException(ErrorCode.BODY_TOO_LARGE, "a payload is at most 1 MiB");
      }
      account(def, "send", suite.hash(payload), q.time(), q.publicKey(), q.signature());
      byte[] sealed = PgroupKeys.seal(suite, id, groupKey(def, me), payload, random);
      Hash h = suite.hash(sealed);
      try {
        keep(id, h, sealed);
      } catch (IOException e) {
        throw new ApiException(ErrorCode.INTERNAL, "cannot keep the ciphertext: " + e.getMessage());
      }
      List<AttestationView> atts = new ArrayList<>();
      atts.add(new AttestationView(me, Bytes.wrap(attest(def, h, sealed.length)).toHex()));
      String b64 = Base64.getEncoder().encodeToString(sealed);
      byte[] sig = nodeKey().sign(PgroupCalls.nodeRequest("push", chainId, id, h));
      for (int i = 0; i < def.members().size(); i++) {
        if (i == me) {
          continue;
        }
        PgroupDef.Member m = def.members().get(i);
        // A member that has not yet committed the group's creation answers 404: it is a few
        // blocks behind at most, so try again for a few seconds before giving up on it.
        for (int attempt = 1; ; attempt++) {
          try {
            AttestationView a =
                post(
                    m.endpoint() + PREFIX + "/groups/" + id + "/push",
                    new PushRequest(
                        b64, nodeKey().publicKey().bytes().toHex(), Bytes.wrap(sig).toHex()),
                    AttestationView.class);
            if (a.member() == i
                && suite.verify(
                    m.nodeKey(),
                    PgroupCalls.holdMessage(chainId, id, h, sealed.length),
                    hex(a.signature(), "attestation"))) {
              atts.add(a);
            }
            break;
          } catch (IOException | ApiException e) {
            boolean behind = e.getMessage() != null && e.getMessage().contains("no private group");
            if (behind && attempt < 8) {
              pause(250L * attempt);
              continue;
            }
            LOG.log(
                System.Logger.Level.WARNING,
                "pgroup " + id + ": member " + i + " did not take the payload: " + e.getMessage());
            break;
          }
        }
      }
      return new SendReceipt(h.toHex(), sealed.length, atts);
    }

    private static void pause(long millis) throws ApiException {
      try {
        Thread.sleep(millis); // backing off a member node that is behind, not synchronising a test
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException(ErrorCode.INTERNAL, "interrupted");
      }
    }

    private <T> T post(String url, Object body, Class<T> type) throws IOException {
      try {
        HttpResponse<byte[]> rsp =
            http.send(
                HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (rsp.statusCode() != 200) {
          throw new IOException(
              url
                  + " answered "
                  + rsp.statusCode()
                  + ": "
                  + new String(rsp.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return JSON.readValue(rsp.body(), type);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }

    /** Checks another member node's signed request; its member number. */
    private int memberNode(PgroupDef def, String what, Hash h, String nodeKeyHex, String sig)
        throws ApiException {
      PublicKey k;
      try {
        k = new PublicKey(suite.id(), Bytes.wrap(hex(nodeKeyHex, "nodeKey")));
      } catch (IllegalArgumentException e) {
        throw new ApiException(ErrorCode.BAD_REQUEST, "nodeKey: " + e.getMessage());
      }
      int i = def.indexOf(k);
      if (i < 0
          || !suite.verify(
              k, PgroupCalls.nodeRequest(what, chainId, def.id(), h), hex(sig, "signature"))) {
        throw new ApiException(
            ErrorCode.NOT_A_MEMBER, "the request is not signed by a member node of " + def.id());
      }
      return i;
    }

    /** Another member's push: keep the ciphertext, attest holding it. */
    private AttestationView push(String id, Request r) throws ApiException {
      PgroupDef def = def(node.latest(), id);
      int me = requireMember(def);
      PushRequest q = body(r, PushRequest.class);
      byte[] sealed;
      try {
        sealed = Base64.getDecoder().decode(q.ciphertext());
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new ApiException(ErrorCode.BAD_REQUEST, "ciphertext is base64");
      }
      if (sealed.length == 0) {
        throw new ApiException(ErrorCode.BAD_REQUEST, "the ciphertext is empty");
      }
      if (sealed.length > PgroupCalls.MAX_PAYLOAD + 1024) {
        throw new ApiException(ErrorCode.BODY_TOO_LARGE, "a ciphertext is at most 1 MiB + 1 KiB");
      }
      Hash h = suite.hash(sealed);
      memberNode(def, "push", h, q.nodeKey(), q.signature());
      try {
        keep(id, h, sealed);
      } catch (IOException e) {
        throw new ApiException(ErrorCode.INTERNAL, "cannot keep the ciphertext: " + e.getMessage());
      }
      return new AttestationView(me, Bytes.wrap(attest(def, h, sealed.length)).toHex());
    }

    /** Another member's fetch of a ciphertext it missed. */
    private Ciphertext fetch(String id, Request r) throws ApiException {
      PgroupDef def = def(node.latest(), id);
      requireMember(def);
      FetchRequest q = body(r, FetchRequest.class);
      Hash h;
      try {
        h = Hash.fromHex(q.hash());
      } catch (RuntimeException e) {
        throw new ApiException(ErrorCode.BAD_REQUEST, "hash is 64 hex digits");
      }
      memberNode(def, "fetch", h, q.nodeKey(), q.signature());
      // Only what the chain records, unpurged, is handed out.
      StateReader s = node.latest();
      boolean live = false;
      long count = PgroupState.count(s, id);
      for (long seq = count - 1; seq >= 0 && !live; seq--) {
        Optional<PgroupRecord> rec = PgroupState.record(s, id, seq);
        live = rec.isPresent() && rec.get().hash().equals(h) && !rec.get().purged();
      }
      if (!live) {
        throw new ApiException(ErrorCode.NOT_FOUND, h + " is no live record of " + id);
      }
      try {
        return new Ciphertext(Base64.getEncoder().encodeToString(Files.readAllBytes(file(id, h))));
      } catch (IOException e) {
        throw new ApiException(ErrorCode.NOT_FOUND, "this node does not hold " + h);
      }
    }

    /** A member organisation's account reads a record's payload, checked against the chain. */
    private Payload read(String id, Request r) throws ApiException {
      StateReader s = node.latest();
      PgroupDef def = def(s, id);
      int me = requireMember(def);
      ReadRequest q = body(r, ReadRequest.class);
      account(def, "read", readSubject(suite, q.seq()), q.time(), q.publicKey(), q.signature());
      PgroupRecord rec =
          PgroupState.record(s, id, q.seq())
              .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no record " + q.seq()));
      if (rec.purged()) {
        throw new ApiException(ErrorCode.NOT_FOUND, "record " + q.seq() + " was purged");
      }
      byte[] sealed;
      try {
        sealed = Files.readAllBytes(file(id, rec.hash()));
      } catch (IOException e) {
        throw new ApiException(
            ErrorCode.NOT_FOUND, "this node does not hold record " + q.seq() + " yet");
      }
      if (!suite.hash(sealed).equals(rec.hash())) {
        throw new ApiException(ErrorCode.INTERNAL, "the kept ciphertext does not match the chain");
      }
      try {
        byte[] plain = PgroupKeys.open(suite, id, groupKey(def, me), sealed);
        return new Payload(q.seq(), rec.hash().toHex(), Base64.getEncoder().encodeToString(plain));
      } catch (AeadException e) {
        throw new ApiException(
            ErrorCode.INTERNAL, "the ciphertext does not open: " + e.getMessage());
      }
    }

    // ---- catching up

    private void catchUpLoop() {
      while (running) {
        synchronized (wake) {
          while (running && !pending) {
            try {
              wake.wait(30_000);
              pending = true; // look again now and then: a member may have come back
            } catch (InterruptedException e) {
              return;
            }
          }
          pending = false;
        }
        try {
          catchUpOnce();
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "pgroup catch-up failed: " + e.getMessage());
        }
      }
    }

    /**
     * For every group this node is a member of: fetches each recorded ciphertext it lacks from the
     * other members, keeping it only if it hashes to the record; deletes purged ones.
     */
    void catchUpOnce() {
      StateReader s = node.latest();
      long groups = PgroupState.groups(s);
      for (long n = 0; n < groups; n++) {
        Optional<PgroupDef> d = PgroupState.nthGroup(s, n).flatMap(id -> PgroupState.group(s, id));
        if (d.isEmpty() || myIndex(d.get()) < 0) {
          continue;
        }
        PgroupDef def = d.get();
        long count = PgroupState.count(s, def.id());
        for (long seq = 0; seq < count && running; seq++) {
          Optional<PgroupRecord> rec = PgroupState.record(s, def.id(), seq);
          if (rec.isEmpty()) {
            continue;
          }
          Hash h = rec.get().hash();
          if (rec.get().purged()) {
            try {
              Files.deleteIfExists(file(def.id(), h));
            } catch (IOException e) {
              LOG.log(System.Logger.Level.WARNING, "pgroup: cannot delete a purged record: " + e);
            }
            continue;
          }
          if (!held(def.id(), h)) {
            fetchFromMembers(def, h, seq);
          }
        }
      }
    }

    private void fetchFromMembers(PgroupDef def, Hash h, long seq) {
      int me = myIndex(def);
      KeyPair k = key.orElseThrow();
      String sig =
          Bytes.wrap(k.sign(PgroupCalls.nodeRequest("fetch", chainId, def.id(), h))).toHex();
      for (int i = 0; i < def.members().size(); i++) {
        if (i == me) {
          continue;
        }
        try {
          Ciphertext c =
              post(
                  def.members().get(i).endpoint() + PREFIX + "/groups/" + def.id() + "/fetch",
                  new FetchRequest(h.toHex(), k.publicKey().bytes().toHex(), sig),
                  Ciphertext.class);
          byte[] sealed = Base64.getDecoder().decode(c.ciphertext());
          if (suite.hash(sealed).equals(h)) {
            keep(def.id(), h, sealed);
            LOG.log(
                System.Logger.Level.INFO,
                "pgroup " + def.id() + ": fetched record " + seq + " from member " + i);
            return;
          }
          LOG.log(
              System.Logger.Level.WARNING,
              "pgroup "
                  + def.id()
                  + ": member "
                  + i
                  + " served bytes that do not match record "
                  + seq);
        } catch (IOException | RuntimeException e) {
          LOG.log(
              System.Logger.Level.DEBUG,
              "pgroup "
                  + def.id()
                  + ": member "
                  + i
                  + " could not serve record "
                  + seq
                  + ": "
                  + e.getMessage());
        }
      }
    }
  }
}
