package org.jingchain.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.SystemContract;
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

/**
 * Sealed aggregates as a platform service: the {@code aggregate} system contract, the routes that
 * read committees, deals and aggregates, and the console's view (docs/spec/privacy.md).
 */
public final class AggregateService implements PlatformService {
  private static final String PREFIX = "/api/v1/aggregate";

  @Override
  public String name() {
    return "aggregate";
  }

  @Override
  public List<SystemContract> contracts(ChainSetup chain) {
    return List.of(
        new AggregateContract(EcGroup.of(chain.suite().id(), chain.suite()), chain.chainId()));
  }

  /**
   * The gas a call declares, counted against the block's gas budget ([PRIV-18], [GOV-12]): priced
   * as the EVM prices elliptic-curve work (6,000 per scalar multiplication, as its ECMUL), so a
   * block of 30,000,000 holds 38 contributions of 16 bits. Malformed calls declare none (they fail
   * before any curve work).
   */
  @Override
  public long declaredGas(org.jingchain.types.Call call) {
    if (!AggregateCalls.CONTRACT.equals(call.contract())) {
      return 0;
    }
    return AggregateCalls.gas(call);
  }

  @Override
  public NodePart start(NodeContext node) {
    return new NodePart() {
      @Override
      public List<Route> routes() {
        return List.of(
            new Route("GET", PREFIX + "/committees", r -> Response.ok(committees(node, r))),
            new Route(
                "GET",
                PREFIX + "/committees/{id}",
                r -> Response.ok(committee(node, r.path("id")))),
            new Route(
                "GET", PREFIX + "/committees/{id}/deals/{dealer}", r -> Response.ok(deal(node, r))),
            new Route("GET", PREFIX + "/aggregates", r -> Response.ok(aggregates(node, r))),
            new Route(
                "GET",
                PREFIX + "/aggregates/{id}",
                r -> Response.ok(aggregate(node, r.path("id")))));
      }

      @Override
      public Optional<String> openApi() {
        return Optional.of(Resources.text(AggregateService.class, "openapi.json"));
      }

      @Override
      public Optional<String> consoleScript() {
        return Optional.of(Resources.text(AggregateService.class, "console.js"));
      }
    };
  }

  /** One member of a committee in an answer; keys are hex of their 33-byte encodings. */
  public record MemberView(
      int index,
      String address,
      boolean joined,
      boolean dealt,
      boolean acked,
      boolean disqualified,
      String encKey,
      String publicShare) {}

  /** {@code GET /aggregate/committees/{id}}. */
  public record CommitteeView(
      String id,
      String creator,
      String curve,
      int threshold,
      String phase,
      long phaseStarted,
      long deadline,
      long phaseBlocks,
      String publicKey,
      String failure,
      List<MemberView> members,
      long height) {
    /** The committee this view shows, as the contract keeps it (for clients that compute on it). */
    public Committee toCommittee() {
      List<Committee.Member> ms = new ArrayList<>();
      for (MemberView m : members) {
        ms.add(
            new Committee.Member(
                Address.parse(m.address()),
                Bytes.fromHex(m.encKey()),
                m.dealt(),
                m.acked(),
                m.disqualified(),
                Bytes.fromHex(m.publicShare())));
      }
      return new Committee(
          id,
          Address.parse(creator),
          ms,
          threshold,
          phaseBlocks,
          Committee.Phase.valueOf(phase.toUpperCase(Locale.ROOT)),
          phaseStarted,
          Bytes.fromHex(publicKey),
          failure);
    }
  }

  /** {@code GET /aggregate/committees/{id}/deals/{dealer}}: hex encodings. */
  public record DealView(
      String committee,
      int dealer,
      String r,
      List<String> commitments,
      List<String> shares,
      String proof) {
    public Deal toDeal() {
      return new Deal(
          Bytes.fromHex(r),
          commitments.stream().map(Bytes::fromHex).toList(),
          shares.stream().map(Bytes::fromHex).toList(),
          Bytes.fromHex(proof));
    }
  }

  /** A member's accepted decryption share. */
  public record ShareView(int member, String point) {}

  /**
   * {@code GET /aggregate/aggregates/{id}}: {@code total} is null until revealed; {@code sum} is
   * the encrypted sum C1 ‖ C2 and {@code decrypted} the point total·G, both hex.
   */
  public record AggregateView(
      String id,
      String committee,
      String creator,
      String description,
      int bits,
      long minContributions,
      long maxContributions,
      List<String> contributors,
      long closeHeight,
      String status,
      long contributions,
      long maxTotal,
      String sum,
      int threshold,
      List<ShareView> shares,
      String decrypted,
      Long total,
      long openedHeight,
      long closedHeight,
      long height) {
    /** The aggregate this view shows, as the contract keeps it. */
    public Aggregate toAggregate() {
      return new Aggregate(
          id,
          committee,
          Address.parse(creator),
          description,
          bits,
          minContributions,
          maxContributions,
          contributors.stream().map(Address::parse).toList(),
          closeHeight,
          Aggregate.Status.valueOf(status.toUpperCase(Locale.ROOT)),
          contributions,
          Bytes.fromHex(sum),
          shares.stream()
              .map(x -> new Aggregate.Share(x.member(), Bytes.fromHex(x.point())))
              .toList(),
          Bytes.fromHex(decrypted),
          total == null ? 0 : total,
          openedHeight,
          closedHeight);
    }
  }

  /** A line of a list. */
  public record Summary(long seq, String id, String status, String detail) {}

  /** {@code GET /aggregate/committees} and {@code /aggregates}: newest first. */
  public record ListPage(long count, List<Summary> items) {}

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static void checkId(String id) throws ApiException {
    if (!AggregateCalls.ID.matcher(id).matches()) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST, "an id is 1 to 64 of a-z, 0-9, . and -, not " + id);
    }
  }

  static CommitteeView committee(NodeContext node, String id) throws ApiException {
    checkId(id);
    StateReader s = node.latest();
    Committee c =
        AggregateState.committee(s, id)
            .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no committee " + id));
    List<MemberView> ms = new ArrayList<>();
    for (int j = 1; j <= c.size(); j++) {
      Committee.Member m = c.member(j);
      ms.add(
          new MemberView(
              j,
              m.address().toString(),
              m.joined(),
              m.dealt(),
              m.acked(),
              m.disqualified(),
              m.encKey().toHex(),
              m.publicShare().toHex()));
    }
    EcGroup g = EcGroup.of(node.chain().suite().id(), node.chain().suite());
    return new CommitteeView(
        c.id(),
        c.creator().toString(),
        g.curveName(),
        c.threshold(),
        lower(c.phase()),
        c.phaseStarted(),
        c.deadline(),
        c.phaseBlocks(),
        c.publicKey().toHex(),
        c.failure(),
        ms,
        node.reads().headHeight());
  }

  private static DealView deal(NodeContext node, Request r) throws ApiException {
    String id = r.path("id");
    checkId(id);
    int dealer;
    try {
      dealer = Integer.parseInt(r.path("dealer"));
    } catch (NumberFormatException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "a dealer is a member's number");
    }
    Deal d =
        AggregateState.deal(node.latest(), id, dealer)
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.NOT_FOUND, "member " + dealer + " of " + id + " has not dealt"));
    return new DealView(
        id,
        dealer,
        d.r().toHex(),
        d.commitments().stream().map(Bytes::toHex).toList(),
        d.maskedShares().stream().map(Bytes::toHex).toList(),
        d.proof().toHex());
  }

  static AggregateView aggregate(NodeContext node, String id) throws ApiException {
    checkId(id);
    StateReader s = node.latest();
    Aggregate a =
        AggregateState.aggregate(s, id)
            .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no aggregate " + id));
    int t = AggregateState.committee(s, a.committee()).map(Committee::threshold).orElse(0);
    return new AggregateView(
        a.id(),
        a.committee(),
        a.creator().toString(),
        a.description(),
        a.bits(),
        a.minContributions(),
        a.maxContributions(),
        a.contributors().stream().map(Object::toString).toList(),
        a.closeHeight(),
        lower(a.status()),
        a.contributions(),
        a.maxTotal(),
        a.sum().toHex(),
        t,
        a.shares().stream().map(x -> new ShareView(x.member(), x.point().toHex())).toList(),
        a.decrypted().toHex(),
        a.status() == Aggregate.Status.REVEALED ? a.total() : null,
        a.openedHeight(),
        a.closedHeight(),
        node.reads().headHeight());
  }

  private static ListPage committees(NodeContext node, Request r) throws ApiException {
    StateReader s = node.latest();
    return page(
        s,
        AggregateState.Kind.COMMITTEES,
        r,
        id ->
            AggregateState.committee(s, id)
                .map(
                    c ->
                        new String[] {
                          lower(c.phase()), c.threshold() + " of " + c.size() + " members"
                        }));
  }

  private static ListPage aggregates(NodeContext node, Request r) throws ApiException {
    StateReader s = node.latest();
    return page(
        s,
        AggregateState.Kind.AGGREGATES,
        r,
        id ->
            AggregateState.aggregate(s, id)
                .map(
                    a ->
                        new String[] {
                          lower(a.status()),
                          a.contributions()
                              + " contributions"
                              + (a.status() == Aggregate.Status.REVEALED
                                  ? ", total " + a.total()
                                  : "")
                        }));
  }

  private static ListPage page(
      StateReader s,
      AggregateState.Kind kind,
      Request r,
      java.util.function.Function<String, Optional<String[]>> describe)
      throws ApiException {
    int limit;
    try {
      limit = Integer.parseInt(r.query("limit").orElse("50"));
    } catch (NumberFormatException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "limit is a number");
    }
    if (limit < 1 || limit > 500) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "limit is 1..500");
    }
    long count = AggregateState.count(s, kind);
    List<Summary> items = new ArrayList<>();
    for (long n = count - 1; n >= 0 && items.size() < limit; n--) {
      long seq = n;
      AggregateState.nth(s, kind, n)
          .ifPresent(
              id -> describe.apply(id).ifPresent(d -> items.add(new Summary(seq, id, d[0], d[1]))));
    }
    return new ListPage(count, items);
  }
}
