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
