package org.jingchain.privacy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jingchain.codec.DecodeException;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.gov.Gov;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;
import org.jingchain.types.Hash;

/**
 * The {@code pgroup} system contract (docs/spec/privacy.md section 6): private groups that
 * governance approved, and private transactions recorded as the hash and size of a ciphertext only
 * the group's member nodes hold — and only once at least t of them signed that they hold it (an
 * availability certificate), so the chain never orders private data its group cannot serve. Every
 * refusal is checked before anything is written.
 */
public final class PgroupContract implements SystemContract {
  private static final Pattern ENDPOINT = Pattern.compile("https?://[^\\s/?#]{1,180}(/[^\\s?#]*)?");

  private final CryptoSuite suite;
  private final EcGroup g;
  private final String chainId;

  public PgroupContract(CryptoSuite suite, String chainId) {
    this.suite = suite;
    this.g = EcGroup.of(suite.id(), suite);
    this.chainId = chainId;
  }

  @Override
  public String name() {
    return PgroupCalls.CONTRACT;
  }

  @Override
  public List<Event> call(TxContext ctx, String method, Bytes args, WriteSet state)
      throws ExecutionFailure {
    try {
      return List.of(
          switch (method) {
            case PgroupCalls.CREATE -> create(PgroupCalls.decodeCreate(args), state);
            case PgroupCalls.SUBMIT -> submit(ctx, PgroupCalls.decodeSubmit(args), state);
            case PgroupCalls.PURGE -> purge(ctx, PgroupCalls.decodePurge(args), state);
            default ->
                throw new ExecutionFailure("UNKNOWN_METHOD", "pgroup has no method " + method);
          });
    } catch (DecodeException e) {
      throw new ExecutionFailure("INVALID_ARGS", e.getMessage());
    }
  }

  /** [PRIV-30] A group governance approved: its digest approved with purpose {@code pgroup}. */
  private Event create(PgroupDef def, WriteSet state) throws ExecutionFailure {
    if (!AggregateCalls.ID.matcher(def.id()).matches()) {
      throw new ExecutionFailure(
          "INVALID_ARGS", "a group id is 1 to 64 lower-case letters, digits, . and -");
    }
    int n = def.members().size();
    if (n == 0 || def.threshold() < 1 || def.threshold() > n) {
      throw new ExecutionFailure(
          "INVALID_ARGS", "a group has members and a threshold of 1 to its member count");
    }
    Set<Object> keys = new HashSet<>();
    for (PgroupDef.Member m : def.members()) {
      if (Gov.org(state, m.org()).isEmpty()) {
        throw new ExecutionFailure("INVALID_ARGS", "no organisation " + m.org());
      }
      if (m.nodeKey().suite() != suite.id() || !suite.isValidPublicKey(m.nodeKey())) {
        throw new ExecutionFailure("INVALID_ARGS", "a member's node key is not of this chain");
      }
      if (!ENDPOINT.matcher(m.endpoint()).matches()) {
        throw new ExecutionFailure("INVALID_ARGS", "a member's endpoint is an http(s) URL");
      }
      g.decode(m.encKey().unsafeArray(), "enc key");
      if (m.wrapped().length() != EcGroup.POINT_BYTES + 32) {
        throw new ExecutionFailure("INVALID_ARGS", "a wrapped key is 65 bytes");
      }
      g.decode(java.util.Arrays.copyOf(m.wrapped().unsafeArray(), 33), "wrapped key");
      if (!keys.add(m.nodeKey())) {
        throw new ExecutionFailure("INVALID_ARGS", "a node is named twice");
      }
    }
    if (PgroupState.group(state, def.id()).isPresent()) {
      throw new ExecutionFailure("GROUP_EXISTS", "group " + def.id() + " exists");
    }
    Hash digest = def.digest(suite);
    if (Gov.approved(state, digest).isEmpty()) {
      throw new ExecutionFailure(
          "NOT_APPROVED",
          "governance has not approved this group: propose approve --purpose "
              + PgroupCalls.PURPOSE
              + " --digest "
              + digest.toHex());
    }
    PgroupState.putGroup(state, def);
    PgroupState.appendGroup(state, def.id());
    return event(
        "GroupCreated",
        "group",
        def.id(),
        "members",
        Integer.toString(n),
        "threshold",
        Integer.toString(def.threshold()));
  }

  private PgroupDef group(WriteSet state, String id) throws ExecutionFailure {
    return PgroupState.group(state, id)
        .orElseThrow(() -> new ExecutionFailure("NO_SUCH_GROUP", "no private group " + id));
  }

  private void member(TxContext ctx, PgroupDef def, WriteSet state) throws ExecutionFailure {
    String org = Gov.roles(state, ctx.sender()).map(Gov.Roles::org).orElse("");
    if (org.isEmpty() || !def.hasOrg(org)) {
      throw new ExecutionFailure(
          "NOT_A_MEMBER",
          ctx.sender() + " belongs to no organisation of private group " + def.id());
    }
  }

  /**
   * [PRIV-31] A private transaction: sent by an account of a member organisation, with signatures
   * of at least t distinct member nodes that they hold the ciphertext of {@code hash}.
   */
  private Event submit(TxContext ctx, PgroupCalls.Submit s, WriteSet state)
      throws ExecutionFailure {
    PgroupDef def = group(state, s.group());
    member(ctx, def, state);
    if (s.size() < 1 || s.size() > PgroupCalls.MAX_PAYLOAD + 1024) {
      throw new ExecutionFailure("INVALID_ARGS", "a private ciphertext is 1 byte to 1 MiB + 1 KiB");
    }
    if (PgroupState.recorded(state, def.id(), s.hash())) {
      throw new ExecutionFailure("ALREADY_RECORDED", "this ciphertext is recorded already");
    }
    byte[] msg = PgroupCalls.holdMessage(chainId, def.id(), s.hash(), s.size());
    long attesters = 0;
    for (PgroupCalls.Attestation a : s.attestations()) {
      if (a.member() >= def.members().size() || (attesters & (1L << a.member())) != 0) {
        throw new ExecutionFailure("INVALID_ARGS", "attestations name distinct members");
      }
      if (!suite.verify(
          def.members().get(a.member()).nodeKey(), msg, a.signature().unsafeArray())) {
        throw new ExecutionFailure(
            "BAD_ATTESTATION", "member " + a.member() + "'s attestation does not verify");
      }
      attesters |= 1L << a.member();
    }
    if (Long.bitCount(attesters) < def.threshold()) {
      throw new ExecutionFailure(
          "NO_AVAILABILITY",
          Long.bitCount(attesters)
              + " member nodes attest holding it; the group needs "
              + def.threshold());
    }
    long seq = PgroupState.count(state, def.id());
    PgroupState.putRecord(
        state,
        def.id(),
        new PgroupRecord(
            seq, s.hash(), s.size(), ctx.sender(), ctx.block().height(), attesters, false));
    PgroupState.putCount(state, def.id(), seq + 1);
    return event(
        "PrivateRecorded",
        "group",
        def.id(),
        "seq",
        Long.toString(seq),
        "hash",
        s.hash().toHex(),
        "size",
        Long.toString(s.size()));
  }

  /** [PRIV-33] A member organisation's account marks a record purged; members delete its bytes. */
  private Event purge(TxContext ctx, PgroupCalls.Purge p, WriteSet state) throws ExecutionFailure {
    PgroupDef def = group(state, p.group());
    member(ctx, def, state);
    PgroupRecord r =
        PgroupState.record(state, def.id(), p.seq())
            .orElseThrow(() -> new ExecutionFailure("NO_SUCH_RECORD", "no record " + p.seq()));
    if (r.purged()) {
      throw new ExecutionFailure("ALREADY_PURGED", "record " + p.seq() + " is purged already");
    }
    PgroupState.putRecord(state, def.id(), r.asPurged());
    return event("PrivatePurged", "group", def.id(), "seq", Long.toString(p.seq()));
  }

  static Event event(String type, String... kv) {
    return Events.of(PgroupCalls.CONTRACT, type, kv);
  }
}
