package org.jingchain.xchain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jingchain.codec.Encoder;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.gov.Gov;
import org.jingchain.light.CommittedHeader;
import org.jingchain.light.LightClient;
import org.jingchain.light.LightClientException;
import org.jingchain.light.TrustedEpoch;
import org.jingchain.state.ProofVerifier;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;
import org.jingchain.types.EventAttribute;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;
import org.jingchain.types.PublicKey;

/**
 * The client operations of docs/spec/xchain.md section 2 — create, update, follow an epoch,
 * misbehaviour, recovery, counterparty registration — over the host's state, and the checks packets
 * rely on: a client usable now, and state proofs against its committed roots.
 */
final class Clients {
  static final Pattern ID = Pattern.compile("[a-z0-9-]{1,32}");
  static final int MAX_EPOCHS = 256;
  static final long MIN_TRUSTING_MILLIS = 60_000;
  static final long MAX_TRUSTING_MILLIS = 366L * 24 * 3_600_000;

  private final HashFunction hostHash;

  Clients(HashFunction hostHash) {
    this.hostHash = hostHash;
  }

  // ---- create, register [XC-1], [XC-7]

  List<Event> create(TxContext ctx, XchainCalls.CreateClient a, WriteSet w)
      throws ExecutionFailure {
    requireAdmin(ctx, w);
    if (a.trustingPeriodMillis() < MIN_TRUSTING_MILLIS
        || a.trustingPeriodMillis() > MAX_TRUSTING_MILLIS) {
      throw fail("XC_MALFORMED", "the trusting period must be 1 minute..1 year");
    }
    checkValidators(a.validators(), a.suite());
    long n = XchainKeys.clientCount(w);
    String id = "c-" + n;
    XchainKeys.putNumber(w, XchainKeys.NEXT_CLIENT, n + 1);
    ClientState c =
        new ClientState(
            a.chainId(),
            a.suite(),
            "",
            a.trustingPeriodMillis(),
            false,
            a.firstHeight() == 0 ? 0 : a.firstHeight() - 1,
            a.epoch(),
            a.epoch(),
            ctx.block().timestampMillis(),
            ctx.block().height());
    put(w, id, c);
    w.put(
        XchainKeys.epoch(id, a.epoch()),
        Bytes.wrap(new ClientEpoch(a.epoch(), a.firstHeight(), a.validators()).encode()));
    return List.of(
        event("ClientCreated", "client", id, "chain", a.chainId(), "suite", a.suite().label()));
  }

  List<Event> register(TxContext ctx, XchainCalls.RegisterCounterparty a, WriteSet w)
      throws ExecutionFailure {
    requireAdmin(ctx, w);
    ClientState c = existing(w, a.client());
    if (!c.counterpartyClient().isEmpty()) {
      throw fail(
          "XC_ALREADY_REGISTERED",
          a.client() + " already has counterparty " + c.counterpartyClient());
    }
    put(w, a.client(), c.withCounterparty(a.counterpartyClient()));
    return List.of(
        event(
            "CounterpartyRegistered",
            "client",
            a.client(),
            "counterparty",
            a.counterpartyClient()));
  }

  private static void requireAdmin(TxContext ctx, StateReader s) throws ExecutionFailure {
    var roles = Gov.roles(s, ctx.sender()).filter(r -> Gov.org(s, r.org()).isPresent());
    if (roles.isEmpty() || !roles.get().has(Gov.ADMIN)) {
      throw fail("XC_NOT_ADMIN", ctx.sender() + " is not an organisation admin of this chain");
    }
  }

  private static void checkValidators(List<PublicKey> keys, org.jingchain.types.SuiteId suite)
      throws ExecutionFailure {
    if (keys.isEmpty() || keys.size() > ClientEpoch.MAX_VALIDATORS) {
      throw fail("XC_MALFORMED", "1.." + ClientEpoch.MAX_VALIDATORS + " validators");
    }
    if (keys.stream().distinct().count() != keys.size()) {
      throw fail("XC_MALFORMED", "a validator is listed twice");
    }
    CryptoSuite s = CryptoSuites.of(suite);
    for (PublicKey k : keys) {
      if (k.suite() != suite || !s.isValidPublicKey(k)) {
        throw fail("XC_MALFORMED", "validator " + k + " is not a valid " + suite.label() + " key");
      }
    }
  }

  // ---- update [XC-2]

  List<Event> update(TxContext ctx, XchainCalls.UpdateClient a, WriteSet w)
      throws ExecutionFailure {
    ClientState c = usable(w, a.client(), ctx.block().timestampMillis());
    LightClient lc = lightClient(w, a.client(), c);
    CommittedHeader h = committed(lc, a.header(), a.commitProof());
    // [XC-2] 2: the state before this height still holds the validators of its epoch
    List<PublicKey> before =
        provenValidators(c, a.header().stateRoot(), a.validatorsValue(), a.validatorsProof());
    if (!before.equals(validatorsAt(lc, h.height()).keys())) {
      throw fail(
          "XC_EPOCH_NOT_FOLLOWED",
          "the validators of "
              + c.counterpartyChainId()
              + " changed at or below height "
              + (h.height() - 1)
              + "; follow that epoch first");
    }
    return record(ctx, w, a.client(), c, h, c.latestEpoch());
  }

  /**
   * Writes the consensus state of {@code h}; the same header again changes nothing, another one at
   * the same height freezes the client [XC-4].
   */
  private List<Event> record(
      TxContext ctx, WriteSet w, String id, ClientState c, CommittedHeader h, long latestEpoch) {
    ConsensusState next = new ConsensusState(h.hash(), h.stateRoot(), h.header().timestampMillis());
    var held = XchainKeys.consensusState(w, id, h.height());
    if (held.isPresent()) {
      if (held.get().headerHash().equals(h.hash())) {
        return List.of(event("ClientAlreadyAtHeight", "client", id, "height", h.height()));
      }
      return freeze(w, id, c, h.height(), held.get().headerHash(), h.hash());
    }
    w.put(XchainKeys.height(id, h.height()), Bytes.wrap(next.encode()));
    put(w, id, c.updated(h.height(), latestEpoch, ctx.block().timestampMillis()));
    return List.of(event("ClientUpdated", "client", id, "height", h.height()));
  }

  // ---- epochs [XC-3]

  List<Event> followEpoch(TxContext ctx, XchainCalls.FollowEpoch a, WriteSet w)
      throws ExecutionFailure {
    ClientState c = usable(w, a.client(), ctx.block().timestampMillis());
    LightClient lc = lightClient(w, a.client(), c);
    CommittedHeader end = committed(lc, a.header(), a.commitProof());
    try {
      lc.followEpoch(
          end,
          a.validatorsValue(),
          org.jingchain.state.SparseMerkleProof.decode(a.stateProof().unsafeArray()));
    } catch (LightClientException e) {
      String code =
          e.reason() == LightClientException.Reason.BAD_STATE_PROOF
              ? "XC_BAD_PROOF"
              : "XC_BAD_EPOCH";
      throw fail(code, e.getMessage());
    } catch (RuntimeException e) {
      throw fail("XC_MALFORMED", "the state proof does not decode: " + e.getMessage());
    }
    TrustedEpoch next = lc.newestEpoch();
    w.put(
        XchainKeys.epoch(a.client(), next.number()),
        Bytes.wrap(
            new ClientEpoch(next.number(), next.firstHeight(), next.validators().keys()).encode()));
    ClientState moved = c;
    long oldest = c.oldestEpoch();
    if (next.number() - oldest + 1 > MAX_EPOCHS) {
      w.delete(WriteSet.key(XchainKeys.epoch(a.client(), oldest)));
      oldest++;
    }
    moved = moved.withEpochs(oldest, next.number());
    // written before the consensus state: a client already updated to E's height holds it, and
    // record() then changes nothing, but the new epoch must still be in force for later headers
    put(w, a.client(), moved);
    List<Event> out = new ArrayList<>(record(ctx, w, a.client(), moved, end, next.number()));
    out.add(
        event(
            "EpochFollowed",
            "client",
            a.client(),
            "epoch",
            next.number(),
            "firstHeight",
            next.firstHeight(),
            "validators",
            next.validators().size()));
    return out;
  }

  // ---- misbehaviour [XC-4]

  List<Event> misbehaviour(TxContext ctx, XchainCalls.Misbehaviour a, WriteSet w)
      throws ExecutionFailure {
    ClientState c = existing(w, a.client());
    if (c.frozen()) {
      return List.of(event("ClientAlreadyFrozen", "client", a.client()));
    }
    LightClient lc = lightClient(w, a.client(), c);
    CommittedHeader x = committed(lc, a.headerA(), a.proofA());
    CommittedHeader y = committed(lc, a.headerB(), a.proofB());
    if (x.height() != y.height() || x.hash().equals(y.hash())) {
      throw fail(
          "XC_BAD_MISBEHAVIOUR", "two committed headers at one height with different hashes only");
    }
    return freeze(w, a.client(), c, x.height(), x.hash(), y.hash());
  }

  private List<Event> freeze(
      WriteSet w, String id, ClientState c, long height, Hash first, Hash second) {
    put(w, id, c.withFrozen());
    return List.of(
        event(
            "ClientFrozen",
            "client",
            id,
            "height",
            height,
            "first",
            first.toHex(),
            "second",
            second.toHex()));
  }

  // ---- recovery [XC-6]

  List<Event> recover(TxContext ctx, XchainCalls.Recover a, WriteSet w) throws ExecutionFailure {
    ClientState c = existing(w, a.client());
    checkValidators(a.validators(), c.suite());
    Hash digest = recoveryDigest(hostHash, a);
    if (Gov.approved(w, digest).isEmpty()) {
      throw fail(
          "XC_NOT_APPROVED",
          "governance has not approved this recovery: propose approve --purpose xchain-recover"
              + " --digest "
              + digest.toHex());
    }
    String used = XchainKeys.usedApproval(digest.toHex());
    if (w.get(used).isPresent()) {
      throw fail("XC_APPROVAL_USED", "the approval of digest " + digest.toHex() + " was used");
    }
    w.put(used, Bytes.wrap(new byte[] {1}));
    w.put(
        XchainKeys.epoch(a.client(), a.epoch()),
        Bytes.wrap(new ClientEpoch(a.epoch(), a.firstHeight(), a.validators()).encode()));
    put(
        w,
        a.client(),
        c.recovered(a.epoch(), ctx.block().timestampMillis())
            .withLatest(
                Math.max(c.latestHeight(), a.firstHeight() == 0 ? 0 : a.firstHeight() - 1)));
    return List.of(event("ClientRecovered", "client", a.client(), "epoch", a.epoch()));
  }

  /**
   * {@code H("jing-xchain-recover-1" || string client || u64 epoch || u64 firstHeight || u32 n || n
   * × publicKey)} with the host's hash [XC-6].
   */
  static Hash recoveryDigest(HashFunction hash, XchainCalls.Recover a) {
    Encoder e =
        new Encoder(128)
            .raw("jing-xchain-recover-1".getBytes(StandardCharsets.UTF_8))
            .string(a.client())
            .u64(a.epoch())
            .u64(a.firstHeight())
            .u32(a.validators().size());
    for (PublicKey k : a.validators()) {
      e.publicKey(k);
    }
    return hash.hash(e.toByteArray());
  }

  // ---- what packets use

  /** The client, existing, not frozen, not expired at host time {@code nowMillis}. */
  static ClientState usable(StateReader s, String id, long nowMillis) throws ExecutionFailure {
    ClientState c = existing(s, id);
    if (c.frozen()) {
      throw fail("XC_CLIENT_FROZEN", id + " is frozen: its chain signed conflicting headers");
    }
    if (c.expiredAt(nowMillis)) {
      throw fail(
          "XC_CLIENT_EXPIRED",
          id
              + " was last updated at "
              + c.updatedAtMillis()
              + " ms, longer ago than its trusting period of "
              + c.trustingPeriodMillis()
              + " ms; recover it by governance");
    }
    return c;
  }

  static ClientState existing(StateReader s, String id) throws ExecutionFailure {
    if (!ID.matcher(id).matches()) {
      throw fail("XC_MALFORMED", "'" + id + "' is not a client id");
    }
    return XchainKeys.clientState(s, id)
        .orElseThrow(() -> fail("XC_UNKNOWN_CLIENT", "no client " + id + " on this chain"));
  }

  /** The consensus state the client holds at {@code height}, or {@code XC_UNKNOWN_HEIGHT}. */
  static ConsensusState at(StateReader s, String id, long height) throws ExecutionFailure {
    return XchainKeys.consensusState(s, id, height)
        .orElseThrow(
            () ->
                fail(
                    "XC_UNKNOWN_HEIGHT",
                    id + " holds no committed height " + height + "; update it first"));
  }

  /**
   * That {@code proof} shows {@code key = value} ({@code value} null: absent) in {@code root} of
   * the counterparty, hashed with its suite; {@code XC_BAD_PROOF} otherwise.
   */
  static void verifyState(ClientState c, Hash root, String key, Bytes value, Bytes proof)
      throws ExecutionFailure {
    UnaryOperator<byte[]> h = data -> CryptoSuites.of(c.suite()).hash(data).toByteArray();
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] v = value == null ? null : value.unsafeArray();
    if (!ProofVerifier.verify(h, root.toByteArray(), k, v, proof.unsafeArray())) {
      throw fail(
          "XC_BAD_PROOF",
          "the proof does not show "
              + key
              + (value == null ? " absent" : " = the value given")
              + " in state root "
              + root);
    }
  }

  private static List<PublicKey> provenValidators(
      ClientState c, Hash root, Bytes value, Bytes proof) throws ExecutionFailure {
    verifyState(c, root, "gov/validators", value, proof);
    try {
      return LightClient.decodeValidators(value);
    } catch (LightClientException e) {
      throw fail("XC_MALFORMED", e.getMessage());
    }
  }

  /** A light client trusting the epochs the client holds, from its oldest to its newest. */
  static LightClient lightClient(StateReader s, String id, ClientState c) throws ExecutionFailure {
    CryptoSuite suite = CryptoSuites.of(c.suite());
    List<TrustedEpoch> epochs = new ArrayList<>();
    for (long n = c.oldestEpoch(); n <= c.latestEpoch(); n++) {
      ClientEpoch e =
          XchainKeys.clientEpoch(s, id, n)
              .orElseThrow(() -> new IllegalStateException(id + " lost an epoch"));
      epochs.add(new TrustedEpoch(n, e.firstHeight(), new ValidatorSet(e.validators(), suite)));
    }
    return LightClient.trusting(c.counterpartyChainId(), suite, suite::verify, epochs);
  }

  private static CommittedHeader committed(
      LightClient lc, org.jingchain.types.BlockHeader header, org.jingchain.consensus.CommitProof p)
      throws ExecutionFailure {
    try {
      return lc.verifyCommitted(header, p);
    } catch (LightClientException e) {
      throw fail("XC_BAD_HEADER", e.getMessage());
    }
  }

  private static ValidatorSet validatorsAt(LightClient lc, long height) throws ExecutionFailure {
    try {
      return lc.validatorsAt(height);
    } catch (LightClientException e) {
      throw fail("XC_BAD_HEADER", e.getMessage());
    }
  }

  private static void put(WriteSet w, String id, ClientState c) {
    w.put(XchainKeys.client(id), Bytes.wrap(c.encode()));
  }

  static ExecutionFailure fail(String code, String message) {
    return new ExecutionFailure(code, message);
  }

  static Event event(String type, Object... kv) {
    List<EventAttribute> attrs = new ArrayList<>();
    for (int i = 0; i < kv.length; i += 2) {
      attrs.add(new EventAttribute((String) kv[i], String.valueOf(kv[i + 1])));
    }
    return new Event(XchainContract.NAME, type, attrs);
  }
}
