package org.jingchain.privacy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.codec.DecodeException;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.privacy.Aggregate.Share;
import org.jingchain.privacy.Aggregate.Status;
import org.jingchain.privacy.Committee.Member;
import org.jingchain.privacy.Committee.Phase;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;

/**
 * The {@code aggregate} system contract (docs/spec/privacy.md section 3): committees of decryption
 * authorities run a dealer-free key generation on chain; contributors add encrypted, range-proved
 * values to an aggregate; after it closes, t members' verified decryption shares give {@code
 * total·G} and a published total is checked against it. Validators check every proof and learn no
 * contribution. Every refusal is checked before anything is written.
 */
public final class AggregateContract implements SystemContract {
  private final EcGroup g;
  private final String chainId;

  public AggregateContract(EcGroup group, String chainId) {
    this.g = group;
    this.chainId = chainId;
  }

  @Override
  public String name() {
    return AggregateCalls.CONTRACT;
  }

  @Override
  public List<Event> call(TxContext ctx, String method, Bytes args, WriteSet state)
      throws ExecutionFailure {
    try {
      return switch (method) {
        case AggregateCalls.CREATE_COMMITTEE ->
            List.of(create(ctx, AggregateCalls.decodeCreateCommittee(args), state));
        case AggregateCalls.JOIN -> join(ctx, AggregateCalls.decodeJoin(args), state);
        case AggregateCalls.DEAL -> deal(ctx, AggregateCalls.decodeDeal(args), state);
        case AggregateCalls.COMPLAIN ->
            List.of(complain(ctx, AggregateCalls.decodeComplain(args), state));
        case AggregateCalls.ACK -> ack(ctx, AggregateCalls.decodeId(args, "committee"), state);
        case AggregateCalls.ADVANCE ->
            advance(ctx, AggregateCalls.decodeId(args, "committee"), state);
        case AggregateCalls.OPEN -> List.of(open(ctx, AggregateCalls.decodeOpen(args), state));
        case AggregateCalls.CONTRIBUTE ->
            List.of(contribute(ctx, AggregateCalls.decodeContribute(args), state));
        case AggregateCalls.CLOSE ->
            List.of(close(ctx, AggregateCalls.decodeId(args, "aggregate"), state));
        case AggregateCalls.SHARE -> share(ctx, AggregateCalls.decodeShare(args), state);
        case AggregateCalls.REVEAL -> List.of(reveal(AggregateCalls.decodeReveal(args), state));
        default ->
            throw new ExecutionFailure("UNKNOWN_METHOD", "aggregate has no method " + method);
      };
    } catch (DecodeException e) {
      throw new ExecutionFailure("INVALID_ARGS", e.getMessage());
    }
  }

  // ---- committees and key generation ----

  private Event create(TxContext ctx, AggregateCalls.CreateCommittee c, WriteSet state)
      throws ExecutionFailure {
    checkId(c.id(), "committee");
    int n = c.members().size();
    if (n == 0) {
      throw new ExecutionFailure("INVALID_ARGS", "a committee needs at least one member");
    }
    if (new HashSet<>(c.members()).size() != n) {
      throw new ExecutionFailure("INVALID_ARGS", "a member is named twice");
    }
    for (Address a : c.members()) {
      if (a.suite() != g.suite()) {
        throw new ExecutionFailure("INVALID_ARGS", "member " + a + " is not of this chain's suite");
      }
    }
    if (c.threshold() < 1 || c.threshold() > n) {
      throw new ExecutionFailure(
          "INVALID_ARGS", "the threshold is 1 to " + n + ", not " + c.threshold());
    }
    if (c.phaseBlocks() < 1 || c.phaseBlocks() > AggregateCalls.MAX_PHASE_BLOCKS) {
      throw new ExecutionFailure(
          "INVALID_ARGS", "a phase lasts 1 to " + AggregateCalls.MAX_PHASE_BLOCKS + " blocks");
    }
    if (AggregateState.committee(state, c.id()).isPresent()) {
      throw new ExecutionFailure("COMMITTEE_EXISTS", "committee " + c.id() + " exists");
    }
    List<Member> ms = new ArrayList<>();
    for (Address a : c.members()) {
      ms.add(new Member(a, Bytes.EMPTY, false, false, false, Bytes.EMPTY));
    }
    AggregateState.put(
        state,
        new Committee(
            c.id(),
            ctx.sender(),
            ms,
            c.threshold(),
            c.phaseBlocks(),
            Phase.JOINING,
            ctx.block().height(),
            Bytes.EMPTY,
            ""));
    AggregateState.append(state, AggregateState.Kind.COMMITTEES, c.id());
    return event(
        "CommitteeCreated",
        "committee",
        c.id(),
        "members",
        Integer.toString(n),
        "threshold",
        Integer.toString(c.threshold()));
  }

  private Committee committee(WriteSet state, String id) throws ExecutionFailure {
    return AggregateState.committee(state, id)
        .orElseThrow(() -> new ExecutionFailure("NO_SUCH_COMMITTEE", "no committee " + id));
  }

  private static int memberIndex(Committee c, Address sender) throws ExecutionFailure {
    return c.indexOf(sender)
        .orElseThrow(
            () ->
                new ExecutionFailure(
                    "NOT_A_MEMBER", sender + " is not a member of committee " + c.id()));
  }

  private static void inPhase(Committee c, Phase... phases) throws ExecutionFailure {
    for (Phase p : phases) {
      if (c.phase() == p) {
        return;
      }
    }
    throw new ExecutionFailure(
        "WRONG_PHASE",
        "committee " + c.id() + " is " + c.phase().name().toLowerCase(java.util.Locale.ROOT));
  }

  private List<Event> join(TxContext ctx, AggregateCalls.Join j, WriteSet state)
      throws ExecutionFailure {
    Committee c = committee(state, j.committee());
    inPhase(c, Phase.JOINING);
    int i = memberIndex(c, ctx.sender());
    if (c.member(i).joined()) {
      throw new ExecutionFailure("ALREADY_DONE", ctx.sender() + " joined already");
    }
    ECPoint e = g.decode(j.encKey().unsafeArray(), "enc key");
    Dleq pok = Dleq.decode(g, j.proof().unsafeArray(), "proof");
    if (!pok.verify(
        g, Transcripts.join(chainId, c.id(), ctx.sender()), g.generator(), null, e, null)) {
      throw new ExecutionFailure("BAD_PROOF", "the proof of the encryption key does not verify");
    }
    c = c.withMember(i, c.member(i).withEncKey(j.encKey()));
    List<Event> events = new ArrayList<>();
    events.add(event("MemberJoined", "committee", c.id(), "member", Integer.toString(i)));
    if (c.members().stream().allMatch(Member::joined)) {
      c = c.inPhase(Phase.DEALING, ctx.block().height());
      events.add(event("PhaseChanged", "committee", c.id(), "phase", "dealing"));
    }
    AggregateState.put(state, c);
    return events;
  }

  private List<Event> deal(TxContext ctx, AggregateCalls.DealArgs a, WriteSet state)
      throws ExecutionFailure {
    Committee c = committee(state, a.committee());
    inPhase(c, Phase.DEALING);
    int i = memberIndex(c, ctx.sender());
    if (c.member(i).dealt()) {
      throw new ExecutionFailure("ALREADY_DONE", ctx.sender() + " dealt already");
    }
    Deal d = a.deal();
    if (d.commitments().size() != c.threshold()) {
      throw new ExecutionFailure(
          "INVALID_ARGS",
          "a deal has " + c.threshold() + " commitments, not " + d.commitments().size());
    }
    if (d.maskedShares().size() != c.size()) {
      throw new ExecutionFailure(
          "INVALID_ARGS", "a deal has " + c.size() + " shares, not " + d.maskedShares().size());
    }
    ECPoint r = g.decode(d.r().unsafeArray(), "R");
    for (Bytes p : d.commitments()) {
      g.decode(p.unsafeArray(), "commitment");
    }
    for (Bytes s : d.maskedShares()) {
      g.decodeScalar(s.unsafeArray(), "share");
    }
    Dleq pok = Dleq.decode(g, d.proof().unsafeArray(), "proof");
    if (!pok.verify(g, Transcripts.deal(chainId, c.id(), i), g.generator(), null, r, null)) {
      throw new ExecutionFailure("BAD_PROOF", "the proof of the deal's R does not verify");
    }
    AggregateState.put(state, c.id(), i, d);
    c = c.withMember(i, c.member(i).withDealt());
    List<Event> events = new ArrayList<>();
    events.add(event("MemberDealt", "committee", c.id(), "member", Integer.toString(i)));
    if (c.members().stream().allMatch(Member::dealt)) {
      c = c.inPhase(Phase.CHECKING, ctx.block().height());
      events.add(event("PhaseChanged", "committee", c.id(), "phase", "checking"));
    }
    AggregateState.put(state, c);
    return events;
  }

  /**
   * A member shows that dealer i's share to it is wrong by disclosing the shared point with a proof
   * that it is {@code e_j·R_i}; the chain unmasks the share and checks it against the dealer's
   * commitments. Upheld: the dealer is disqualified. A valid share: refused ([PRIV-7]).
   */
  private Event complain(TxContext ctx, AggregateCalls.Complain a, WriteSet state)
      throws ExecutionFailure {
    Committee c = committee(state, a.committee());
    inPhase(c, Phase.DEALING, Phase.CHECKING);
    int j = memberIndex(c, ctx.sender());
    int i = a.dealer();
    if (i < 1 || i > c.size() || !c.member(i).dealt()) {
      throw new ExecutionFailure("INVALID_ARGS", "member " + i + " has not dealt");
    }
    if (c.member(i).disqualified()) {
      throw new ExecutionFailure("ALREADY_DONE", "member " + i + " is disqualified already");
    }
    Deal d = AggregateState.deal(state, c.id(), i).orElseThrow();
    ECPoint r = g.decode(d.r().unsafeArray(), "R");
    ECPoint ej = g.decode(c.member(j).encKey().unsafeArray(), "enc key");
    ECPoint k = g.decode(a.sharedPoint().unsafeArray(), "shared point");
    Dleq proof = Dleq.decode(g, a.proof().unsafeArray(), "proof");
    if (!proof.verify(
        g, Transcripts.complaint(chainId, c.id(), ctx.sender(), i), g.generator(), r, ej, k)) {
      throw new ExecutionFailure("BAD_PROOF", "the shared point's proof does not verify");
    }
    BigInteger share =
        g.decodeScalar(d.maskedShares().get(j - 1).unsafeArray(), "share")
            .subtract(Transcripts.pad(g, chainId, c.id(), i, j, k))
            .mod(g.order());
    if (Shamir.verifyShare(g, points(d.commitments()), j, share)) {
      throw new ExecutionFailure(
          "COMPLAINT_REJECTED", "member " + i + "'s share to member " + j + " is valid");
    }
    AggregateState.put(state, c.withMember(i, c.member(i).withDisqualified()));
    return event(
        "DealerDisqualified",
        "committee",
        c.id(),
        "dealer",
        Integer.toString(i),
        "complainant",
        Integer.toString(j));
  }

  private List<Event> ack(TxContext ctx, String id, WriteSet state) throws ExecutionFailure {
    Committee c = committee(state, id);
    inPhase(c, Phase.CHECKING);
    int j = memberIndex(c, ctx.sender());
    if (c.member(j).acked()) {
      throw new ExecutionFailure("ALREADY_DONE", ctx.sender() + " acknowledged already");
    }
    c = c.withMember(j, c.member(j).withAcked());
    List<Event> events = new ArrayList<>();
    events.add(event("MemberAcked", "committee", id, "member", Integer.toString(j)));
    if (c.members().stream().allMatch(Member::acked)) {
      c = finish(c, state, ctx.block().height(), events);
    }
    AggregateState.put(state, c);
    return events;
  }

  /** Ends a phase whose deadline passed ([PRIV-8]); anyone may send it. */
  private List<Event> advance(TxContext ctx, String id, WriteSet state) throws ExecutionFailure {
    Committee c = committee(state, id);
    inPhase(c, Phase.JOINING, Phase.DEALING, Phase.CHECKING);
    long h = ctx.block().height();
    if (h < c.deadline()) {
      throw new ExecutionFailure(
          "TOO_EARLY",
          "the "
              + c.phase().name().toLowerCase(java.util.Locale.ROOT)
              + " phase runs to height "
              + c.deadline());
    }
    List<Event> events = new ArrayList<>();
    switch (c.phase()) {
      case JOINING -> {
        c = c.failed(h, "not every member joined by height " + c.deadline());
        events.add(event("CommitteeFailed", "committee", id, "reason", c.failure()));
      }
      case DEALING -> {
        long dealt = c.members().stream().filter(m -> m.dealt() && !m.disqualified()).count();
        if (dealt < c.threshold()) {
          c =
              c.failed(
                  h,
                  dealt
                      + " members dealt and stand by height "
                      + c.deadline()
                      + ", fewer than the threshold "
                      + c.threshold());
          events.add(event("CommitteeFailed", "committee", id, "reason", c.failure()));
        } else {
          c = c.inPhase(Phase.CHECKING, h);
          events.add(event("PhaseChanged", "committee", id, "phase", "checking"));
        }
      }
      default -> c = finish(c, state, h, events);
    }
    AggregateState.put(state, c);
    return events;
  }

  /**
   * The qualified dealers are those that dealt and were not disqualified; with fewer than t of them
   * the committee fails. Otherwise {@code Y = Σ A_{i,0}} and {@code X_j = Σ_l (Σ_i A_{i,l})·j^l}
   * ([PRIV-9]).
   */
  private Committee finish(Committee c, WriteSet state, long height, List<Event> events) {
    List<ECPoint> joint = new ArrayList<>();
    for (int l = 0; l < c.threshold(); l++) {
      joint.add(g.identity());
    }
    int qualified = 0;
    for (int i = 1; i <= c.size(); i++) {
      Member m = c.member(i);
      if (m.dealt() && !m.disqualified()) {
        qualified++;
        List<ECPoint> a = points(AggregateState.deal(state, c.id(), i).orElseThrow().commitments());
        for (int l = 0; l < c.threshold(); l++) {
          joint.set(l, g.add(joint.get(l), a.get(l)));
        }
      }
    }
    if (qualified < c.threshold()) {
      Committee f =
          c.failed(
              height, qualified + " qualified dealers, fewer than the threshold " + c.threshold());
      events.add(event("CommitteeFailed", "committee", c.id(), "reason", f.failure()));
      return f;
    }
    ECPoint y = joint.get(0);
    List<Member> ms = new ArrayList<>();
    boolean degenerate = y.isInfinity();
    for (int j = 1; j <= c.size(); j++) {
      ECPoint xj = Shamir.evaluateCommitted(g, joint, j);
      degenerate |= xj.isInfinity();
      ms.add(c.member(j).withPublicShare(Bytes.wrap(g.encode(xj))));
    }
    if (degenerate) {
      // Only dealers that all collude reach this: a key or a public share of zero.
      Committee f = c.failed(height, "the dealt key is degenerate (the identity point)");
      events.add(event("CommitteeFailed", "committee", c.id(), "reason", f.failure()));
      return f;
    }
    events.add(
        event(
            "CommitteeReady",
            "committee",
            c.id(),
            "publicKey",
            Bytes.wrap(g.encode(y)).toHex(),
            "qualified",
            Integer.toString(qualified)));
    return c.ready(height, Bytes.wrap(g.encode(y)), ms);
  }

  private List<ECPoint> points(List<Bytes> encoded) {
    List<ECPoint> out = new ArrayList<>(encoded.size());
    for (Bytes b : encoded) {
      out.add(g.decode(b.unsafeArray(), "point"));
    }
    return out;
  }

  // ---- aggregates ----

  private Event open(TxContext ctx, AggregateCalls.Open o, WriteSet state) throws ExecutionFailure {
    checkId(o.id(), "aggregate");
    Committee c = committee(state, o.committee());
    if (c.phase() != Phase.READY) {
      throw new ExecutionFailure(
          "COMMITTEE_NOT_READY",
          "committee " + c.id() + " is " + c.phase().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (o.description().codePoints().anyMatch(AggregateContract::controlOrFormat)) {
      throw new ExecutionFailure(
          "INVALID_ARGS", "a description has no control or formatting characters");
    }
    if (o.bits() < 1 || o.bits() > Aggregate.MAX_BITS) {
      throw new ExecutionFailure(
          "INVALID_ARGS", "a contribution has 1 to " + Aggregate.MAX_BITS + " bits");
    }
    if (o.minContributions() < 1
        || o.maxContributions() < o.minContributions()
        || o.maxContributions() > Aggregate.MAX_CONTRIBUTIONS) {
      throw new ExecutionFailure(
          "INVALID_ARGS", "contributions: at least 1 ≤ min ≤ max ≤ " + Aggregate.MAX_CONTRIBUTIONS);
    }
    int totalBits = o.bits() + (64 - Long.numberOfLeadingZeros(o.maxContributions() - 1));
    if (totalBits > 40) {
      throw new ExecutionFailure(
          "INVALID_ARGS",
          "the total could need "
              + totalBits
              + " bits; bits plus log2(max contributions) must be at most 40");
    }
    if (new HashSet<>(o.contributors()).size() != o.contributors().size()) {
      throw new ExecutionFailure("INVALID_ARGS", "a contributor is named twice");
    }
    for (Address a : o.contributors()) {
      if (a.suite() != g.suite()) {
        throw new ExecutionFailure(
            "INVALID_ARGS", "contributor " + a + " is not of this chain's suite");
      }
    }
    if (!o.contributors().isEmpty() && o.contributors().size() < o.minContributions()) {
      throw new ExecutionFailure(
          "INVALID_ARGS",
          o.contributors().size()
              + " contributors listed can never reach the minimum of "
              + o.minContributions());
    }
    if (o.closeHeight() != 0 && o.closeHeight() <= ctx.block().height()) {
      throw new ExecutionFailure(
          "INVALID_ARGS", "the close height " + o.closeHeight() + " has passed");
    }
    if (AggregateState.aggregate(state, o.id()).isPresent()) {
      throw new ExecutionFailure("AGGREGATE_EXISTS", "aggregate " + o.id() + " exists");
    }
    AggregateState.put(
        state,
        new Aggregate(
            o.id(),
            c.id(),
            ctx.sender(),
            o.description(),
            o.bits(),
            o.minContributions(),
            o.maxContributions(),
            o.contributors(),
            o.closeHeight(),
            Status.OPEN,
            0,
            Bytes.wrap(Ciphertext.zero(g).encode(g)),
            List.of(),
            Bytes.EMPTY,
            0,
            ctx.block().height(),
            0));
    AggregateState.append(state, AggregateState.Kind.AGGREGATES, o.id());
    return event("AggregateOpened", "aggregate", o.id(), "committee", c.id());
  }

  private Aggregate aggregate(WriteSet state, String id) throws ExecutionFailure {
    return AggregateState.aggregate(state, id)
        .orElseThrow(() -> new ExecutionFailure("NO_SUCH_AGGREGATE", "no aggregate " + id));
  }

  private static void inStatus(Aggregate a, Status s) throws ExecutionFailure {
    if (a.status() != s) {
      throw new ExecutionFailure(
          "WRONG_STATUS",
          "aggregate " + a.id() + " is " + a.status().name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  /**
   * A contribution: exactly the aggregate's number of bit ciphertexts, each proved to hold 0 or 1
   * and bound to this chain, aggregate and sender; one per account ([PRIV-11], [PRIV-12]).
   */
  private Event contribute(TxContext ctx, AggregateCalls.Contribute a, WriteSet state)
      throws ExecutionFailure {
    Aggregate agg = aggregate(state, a.aggregate());
    inStatus(agg, Status.OPEN);
    if (agg.closeHeight() != 0 && ctx.block().height() >= agg.closeHeight()) {
      throw new ExecutionFailure(
          "WRONG_STATUS", "aggregate " + agg.id() + " closed at height " + agg.closeHeight());
    }
    if (!agg.contributors().isEmpty() && !agg.contributors().contains(ctx.sender())) {
      throw new ExecutionFailure(
          "NOT_A_CONTRIBUTOR", ctx.sender() + " may not contribute to " + agg.id());
    }
    if (AggregateState.contribution(state, agg.id(), ctx.sender()).isPresent()) {
      throw new ExecutionFailure("ALREADY_DONE", ctx.sender() + " contributed already");
    }
    if (agg.contributions() >= agg.maxContributions()) {
      throw new ExecutionFailure(
          "AGGREGATE_FULL", agg.id() + " has its " + agg.maxContributions() + " contributions");
    }
    if (a.bits().size() != agg.bits()) {
      throw new ExecutionFailure(
          "INVALID_ARGS",
          "a contribution to " + agg.id() + " has " + agg.bits() + " bits, not " + a.bits().size());
    }
    ECPoint y = g.decode(committee(state, agg.committee()).publicKey().unsafeArray(), "key");
    byte[] context = Transcripts.contribution(chainId, agg.id(), ctx.sender());
    List<BitCipher> bits = new ArrayList<>();
    for (int i = 0; i < a.bits().size(); i++) {
      BitCipher b = BitCipher.decode(g, a.bits().get(i).unsafeArray(), "bit " + i);
      if (!b.verify(g, y, Ciphertext.bitContext(context, i))) {
        throw new ExecutionFailure(
            "BAD_PROOF", "bit " + i + "'s proof does not show it encrypts 0 or 1");
      }
      bits.add(b);
    }
    Ciphertext ct = Ciphertext.ofBits(g, bits);
    Ciphertext sum = Ciphertext.decode(g, agg.sum().unsafeArray(), "sum").add(g, ct);
    AggregateState.putContribution(state, agg.id(), ctx.sender(), Bytes.wrap(ct.encode(g)));
    AggregateState.put(
        state,
        agg.with(
            Status.OPEN,
            agg.contributions() + 1,
            Bytes.wrap(sum.encode(g)),
            List.of(),
            Bytes.EMPTY,
            0,
            0));
    return event(
        "Contributed",
        "aggregate",
        agg.id(),
        "contributor",
        ctx.sender().toString(),
        "count",
        Long.toString(agg.contributions() + 1));
  }

  /**
   * Closes an aggregate: its creator at any time, anyone from its close height on. With fewer than
   * the minimum of contributions it is cancelled and never decrypted ([PRIV-13]).
   */
  private Event close(TxContext ctx, String id, WriteSet state) throws ExecutionFailure {
    Aggregate agg = aggregate(state, id);
    inStatus(agg, Status.OPEN);
    long h = ctx.block().height();
    boolean due = agg.closeHeight() != 0 && h >= agg.closeHeight();
    if (!ctx.sender().equals(agg.creator()) && !due) {
      throw new ExecutionFailure(
          "NOT_ALLOWED",
          agg.closeHeight() == 0
              ? "only the creator closes " + id
              : "only the creator closes " + id + " before height " + agg.closeHeight());
    }
    if (agg.contributions() < agg.minContributions()) {
      if (!due) {
        throw new ExecutionFailure(
            "TOO_FEW_CONTRIBUTIONS",
            id
                + " has "
                + agg.contributions()
                + " contributions and needs "
                + agg.minContributions()
                + " before it is decrypted");
      }
      AggregateState.put(
          state,
          agg.with(Status.CANCELLED, agg.contributions(), agg.sum(), List.of(), Bytes.EMPTY, 0, h));
      return event(
          "AggregateCancelled", "aggregate", id, "count", Long.toString(agg.contributions()));
    }
    AggregateState.put(
        state,
        agg.with(Status.CLOSED, agg.contributions(), agg.sum(), List.of(), Bytes.EMPTY, 0, h));
    return event("AggregateClosed", "aggregate", id, "count", Long.toString(agg.contributions()));
  }

  /**
   * A member's decryption share {@code D_j = x_j·C1} with a proof that {@code log_G X_j = log_C1
   * D_j}; a share that does not verify is refused and names the member ([PRIV-14]). The t-th share
   * combines them: {@code total·G = C2 − Σ λ_j·D_j}.
   */
  private List<Event> share(TxContext ctx, AggregateCalls.ShareArgs a, WriteSet state)
      throws ExecutionFailure {
    Aggregate agg = aggregate(state, a.aggregate());
    inStatus(agg, Status.CLOSED);
    Committee c = committee(state, agg.committee());
    int j = memberIndex(c, ctx.sender());
    for (Share s : agg.shares()) {
      if (s.member() == j) {
        throw new ExecutionFailure("ALREADY_DONE", "member " + j + " shared already");
      }
    }
    Ciphertext sum = Ciphertext.decode(g, agg.sum().unsafeArray(), "sum");
    ECPoint d = g.decode(a.point().unsafeArray(), "share");
    ECPoint xj = g.decode(c.member(j).publicShare().unsafeArray(), "public share");
    Dleq proof = Dleq.decode(g, a.proof().unsafeArray(), "proof");
    if (!proof.verify(g, Transcripts.share(chainId, agg.id(), j), g.generator(), sum.c1(), xj, d)) {
      throw new ExecutionFailure(
          "BAD_SHARE",
          "member "
              + j
              + " ("
              + ctx.sender()
              + ")'s decryption share does not match its public"
              + " share");
    }
    List<Share> shares = new ArrayList<>(agg.shares());
    shares.add(new Share(j, a.point()));
    List<Event> events = new ArrayList<>();
    events.add(event("ShareAccepted", "aggregate", agg.id(), "member", Integer.toString(j)));
    if (shares.size() < c.threshold()) {
      AggregateState.put(
          state,
          agg.with(
              Status.CLOSED,
              agg.contributions(),
              agg.sum(),
              shares,
              Bytes.EMPTY,
              0,
              agg.closedHeight()));
      return events;
    }
    List<Integer> idx = new ArrayList<>();
    List<ECPoint> ds = new ArrayList<>();
    for (Share s : shares) {
      idx.add(s.member());
      ds.add(g.decode(s.point().unsafeArray(), "share"));
    }
    ECPoint m = g.sub(sum.c2(), Shamir.combine(g, idx, ds));
    AggregateState.put(
        state,
        agg.with(
            Status.DECRYPTED,
            agg.contributions(),
            agg.sum(),
            shares,
            Bytes.wrap(g.encode(m)),
            0,
            agg.closedHeight()));
    events.add(
        event(
            "AggregateDecrypted", "aggregate", agg.id(), "point", Bytes.wrap(g.encode(m)).toHex()));
    return events;
  }

  /** Publishes the total: accepted when {@code total·G} is the combined point ([PRIV-15]). */
  private Event reveal(AggregateCalls.Reveal r, WriteSet state) throws ExecutionFailure {
    Aggregate agg = aggregate(state, r.aggregate());
    inStatus(agg, Status.DECRYPTED);
    ECPoint m = g.decodeOrIdentity(agg.decrypted().unsafeArray(), "decrypted");
    if (r.total() < 0
        || r.total() > agg.maxTotal()
        || !g.base(BigInteger.valueOf(r.total())).equals(m)) {
      throw new ExecutionFailure(
          "WRONG_TOTAL", r.total() + " is not the total the shares decrypt to");
    }
    AggregateState.put(
        state,
        agg.with(
            Status.REVEALED,
            agg.contributions(),
            agg.sum(),
            agg.shares(),
            agg.decrypted(),
            r.total(),
            agg.closedHeight()));
    return event(
        "AggregateRevealed",
        "aggregate",
        agg.id(),
        "total",
        Long.toString(r.total()),
        "contributions",
        Long.toString(agg.contributions()));
  }

  /**
   * C0 and C1 controls, and the fixed list of invisible and bidirectional formatting characters
   * (soft hyphen, the Arabic letter mark, zero-width, direction marks, line and paragraph
   * separators, embeddings, overrides, isolates, BOM, annotation anchors): explicit ranges, not the
   * JDK's Unicode tables, so every node decides alike ([PRIV-16]).
   */
  static boolean controlOrFormat(int ch) {
    return ch < 0x20
        || (ch >= 0x7f && ch <= 0x9f)
        || ch == 0xad
        || ch == 0x61c
        || (ch >= 0x200b && ch <= 0x200f)
        || (ch >= 0x2028 && ch <= 0x202e)
        || (ch >= 0x2060 && ch <= 0x206f)
        || ch == 0xfeff
        || (ch >= 0xfff9 && ch <= 0xfffb);
  }

  private static void checkId(String id, String what) throws ExecutionFailure {
    if (!AggregateCalls.ID.matcher(id).matches()) {
      throw new ExecutionFailure(
          "INVALID_ARGS", "a " + what + " id is 1 to 64 lower-case letters, digits, . and -");
    }
  }

  static Event event(String type, String... kv) {
    return Events.of(AggregateCalls.CONTRACT, type, kv);
  }
}
