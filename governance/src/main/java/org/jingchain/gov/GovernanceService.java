package org.jingchain.gov;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxRules;
import org.jingchain.execution.WriteSet;
import org.jingchain.service.ChainRules;
import org.jingchain.service.ChainSetup;
import org.jingchain.service.Genesis;
import org.jingchain.service.PlatformService;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.HashFunction;
import org.jingchain.types.PublicKey;

/**
 * Governance as a platform service (docs/spec/governance.md): the governance contract, the rules
 * every transaction passes ([GOV-1], [GOV-2]), the organisations, roles and parameters of height 0,
 * and the chain rules consensus reads (validators [GOV-8], limits [GOV-12]).
 */
public final class GovernanceService implements PlatformService {
  /** The organisation a genesis without organisations gets: the validators run it. */
  public static final String DEFAULT_ORG = "genesis";

  @Override
  public String name() {
    return "governance";
  }

  @Override
  public List<SystemContract> contracts(ChainSetup chain) {
    return List.of(new GovernanceContract(chain.suite().id(), chain.suite()));
  }

  private static final String PREFIX = "/api/v1/gov";
  private static final int MAX_PROPOSALS = 100;

  /** {@code GET /gov/orgs}. */
  public record OrgList(List<GovViews.OrgView> orgs) {}

  /** Read-only routes for the console and scripts: organisations and proposals with votes. */
  @Override
  public org.jingchain.service.NodePart start(org.jingchain.service.NodeContext node) {
    return new org.jingchain.service.NodePart() {
      @Override
      public List<org.jingchain.service.api.Route> routes() {
        return List.of(
            new org.jingchain.service.api.Route(
                "GET", PREFIX + "/orgs", r -> org.jingchain.service.api.Response.ok(orgs(node))),
            new org.jingchain.service.api.Route(
                "GET",
                PREFIX + "/proposals",
                r -> org.jingchain.service.api.Response.ok(proposals(node, r))),
            new org.jingchain.service.api.Route(
                "GET",
                PREFIX + "/proposals/{id}",
                r -> org.jingchain.service.api.Response.ok(proposal(node, r))));
      }

      @Override
      public Optional<String> openApi() {
        return Optional.of(
            org.jingchain.service.Resources.text(GovernanceService.class, "openapi.json"));
      }

      @Override
      public Optional<String> consoleScript() {
        return Optional.of(
            org.jingchain.service.Resources.text(GovernanceService.class, "console.js"));
      }
    };
  }

  private static OrgList orgs(org.jingchain.service.NodeContext node) {
    StateReader s = node.latest();
    List<GovViews.OrgView> out = new ArrayList<>();
    for (String id : Gov.orgIds(s)) {
      Gov.org(s, id).ifPresent(o -> out.add(GovViews.OrgView.of(o)));
    }
    return new OrgList(out);
  }

  /**
   * {@code GET /gov/proposals}: {@code proposals} newest first, and {@code next}, the {@code
   * before} of the next page, only when there is one.
   */
  private static java.util.Map<String, Object> proposals(
      org.jingchain.service.NodeContext node, org.jingchain.service.api.Request req)
      throws org.jingchain.service.api.ApiException {
    int limit = org.jingchain.service.api.ApiParams.intParam(req, "limit", 20, 1, MAX_PROPOSALS);
    StateReader s = node.latest();
    long height = node.reads().headHeight();
    long next = Gov.nextProposalId(s);
    long before =
        req.query("before").isPresent()
            ? org.jingchain.service.api.ApiParams.longParam(req, "before", 1, Long.MAX_VALUE)
            : next;
    List<GovViews.ProposalView> out = new ArrayList<>();
    long id = Math.min(before, next) - 1;
    for (; id >= 1 && out.size() < limit; id--) {
      Gov.proposal(s, id).ifPresent(p -> out.add(GovViews.ProposalView.of(p, height)));
    }
    java.util.Map<String, Object> page = new java.util.LinkedHashMap<>();
    page.put("proposals", out);
    if (id >= 1) {
      page.put("next", id + 1);
    }
    return page;
  }

  private static GovViews.ProposalView proposal(
      org.jingchain.service.NodeContext node, org.jingchain.service.api.Request req)
      throws org.jingchain.service.api.ApiException {
    String text = req.path("id");
    if (!text.matches("[1-9]\\d{0,17}")) {
      throw new org.jingchain.service.api.ApiException(
          org.jingchain.service.api.ErrorCode.BAD_REQUEST,
          "a proposal id is a positive number, got '"
              + (text.length() > 20 ? text.substring(0, 20) + "…" : text)
              + "'");
    }
    long id = Long.parseLong(text);
    long height = node.reads().headHeight();
    return Gov.proposal(node.latest(), id)
        .map(p -> GovViews.ProposalView.of(p, height))
        .orElseThrow(
            () ->
                new org.jingchain.service.api.ApiException(
                    org.jingchain.service.api.ErrorCode.NOT_FOUND, "no proposal " + id));
  }

  @Override
  public TxRules txRules() {
    return AccessRules.RULES;
  }

  @Override
  public Optional<ChainRules> chainRules() {
    return Optional.of(RULES);
  }

  /**
   * The governance state of height 0: the organisations (or, when none are listed, one named
   * {@value #DEFAULT_ORG} whose admins are the validators' accounts), roles, permissions and
   * parameters.
   */
  @Override
  public SortedMap<Bytes, Optional<Bytes>> genesisState(ChainSetup chain) {
    return genesisWrites(chain.genesis(), chain.suite());
  }

  /** {@link #genesisState} for a genesis document alone (tools that replay a chain). */
  public static SortedMap<Bytes, Optional<Bytes>> genesisWrites(Genesis g, HashFunction hash) {
    List<GovernanceGenesis.OrgSpec> specs = new ArrayList<>();
    if (g.organisations().isEmpty()) {
      List<Address> admins = new ArrayList<>();
      for (PublicKey k : g.validatorKeys()) {
        admins.add(Address.of(k, hash));
      }
      specs.add(
          new GovernanceGenesis.OrgSpec(
              DEFAULT_ORG,
              "Genesis validators",
              admins.subList(0, Math.min(16, admins.size())),
              g.validatorKeys(),
              List.of()));
    } else {
      for (Genesis.Organisation o : g.organisations()) {
        specs.add(
            new GovernanceGenesis.OrgSpec(
                o.id(),
                o.name(),
                o.admins().stream().map(Address::parse).toList(),
                o.validators().stream().map(PublicKey::parse).toList(),
                o.members().stream().map(Address::parse).toList()));
      }
    }
    return GovernanceGenesis.writes(
        specs, g.validatorKeys(), g.permissions(), g.parameters(), hash);
  }

  /** Validators and limits as governance keeps them in state. */
  static final ChainRules RULES =
      new ChainRules() {
        @Override
        public Bytes validatorsKey() {
          return WriteSet.key(Validators.KEY);
        }

        @Override
        public List<PublicKey> validators(StateReader state) {
          return Validators.read(state).stream().map(Validators.Entry::key).toList();
        }

        @Override
        public List<PublicKey> decodeValidators(Bytes value) {
          return Validators.decode(value.unsafeArray()).stream()
              .map(Validators.Entry::key)
              .toList();
        }

        @Override
        public org.jingchain.service.api.ReadRule readRule(StateReader s, String family) {
          return Params.readRule(s, family);
        }

        @Override
        public boolean membersOnly(StateReader s) {
          return Params.permissions(s).equals("members");
        }

        @Override
        public Optional<org.jingchain.service.api.Caller.Membership> membership(
            StateReader s, org.jingchain.types.Address account) {
          return Gov.roles(s, account)
              .filter(r -> Gov.org(s, r.org()).isPresent() && r.bits() != 0)
              .map(
                  r ->
                      new org.jingchain.service.api.Caller.Membership(
                          r.org(), Gov.roleNames(r.bits())));
        }

        @Override
        public Parameters parameters(StateReader s) {
          return new Parameters(
              number(s, Params.BLOCK_INTERVAL),
              number(s, Params.BLOCK_MAX_TXS),
              number(s, Params.BLOCK_MAX_BYTES),
              number(s, Params.MEMPOOL_MAX_TXS),
              number(s, Params.MEMPOOL_MAX_BYTES),
              number(s, Params.BLOCK_MAX_GAS));
        }

        private static OptionalLong number(StateReader s, String name) {
          return Params.number(s, name).map(OptionalLong::of).orElse(OptionalLong.empty());
        }
      };
}
