package org.jingchain.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jingchain.codec.DecodeException;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.gov.Gov;
import org.jingchain.gov.Params;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.model.Epoch;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jing org} and {@code jing gov}: organisations, roles and proposals (contract gov). */
final class GovCommand {
  private GovCommand() {}

  @Command(
      name = "org",
      description = "Organisations of the chain and their admins (docs/spec/governance.md).",
      subcommands = {GovCommand.OrgList.class, GovCommand.OrgShow.class, GovCommand.Role.class})
  static final class Org {}

  @Command(
      name = "gov",
      description = {
        "Governance: organisation admins propose and vote; the vote that meets the rule executes.",
        "Each organisation has one vote, cast by any of its admins (--key); the proposer's"
            + " organisation approves its own proposal."
      },
      subcommands = {
        GovCommand.Propose.class,
        GovCommand.VoteCmd.class,
        GovCommand.Show.class,
        GovCommand.ListCmd.class,
        GovCommand.Epochs.class
      })
  static final class GovRoot {}

  @Command(
      name = "epochs",
      description = {
        "The validator sets the chain has had: each epoch after genesis, from the height its",
        "validators certify (docs/spec/governance.md, section 3)."
      })
  static final class Epochs implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      List<Epoch> epochs = api.client().epochs();
      StringBuilder human = new StringBuilder();
      for (Epoch e : epochs) {
        human.append(
            String.format(
                "epoch %d from height %d: %d validators%n",
                e.epoch(), e.firstHeight(), e.validators().size()));
        for (String k : e.validators()) {
          human.append("  ").append(k).append('\n');
        }
      }
      api.print(
          spec.commandLine().getOut(),
          epochs,
          human.isEmpty() ? "epoch 0 (genesis validators) only" : human.toString().stripTrailing());
      return 0;
    }
  }

  // ---- org

  @Command(name = "list", description = "List the active organisations.")
  static final class OrgList implements Callable<Integer> {
    @Mixin ApiOptions api;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      JingClient c = api.client();
      List<String> ids = readIds(c);
      ArrayNode arr = ApiOptions.JSON.createArrayNode();
      StringBuilder human = new StringBuilder();
      for (String id : ids) {
        Gov.Org o = org(c, id).orElseThrow();
        arr.add(orgJson(o));
        human.append(String.format("%-16s %-32s admins %d%n", o.id(), o.name(), o.admins().size()));
      }
      String params = "permissions " + param(c, Params.PERMISSIONS).orElse("open");
      api.print(spec.commandLine().getOut(), arr, human + params);
      return 0;
    }
  }

  @Command(name = "show", description = "Show an organisation.")
  static final class OrgShow implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(index = "0", description = "Organisation id.")
    String id;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Gov.Org o =
          org(api.client(), id).orElseThrow(() -> new CliException("no organisation " + id));
      StringBuilder human =
          new StringBuilder("organisation ").append(o.id()).append("\n  name   ").append(o.name());
      human.append("\n  since  height ").append(o.since());
      for (Address a : o.admins()) {
        human.append("\n  admin  ").append(a);
      }
      api.print(spec.commandLine().getOut(), orgJson(o), human.toString());
      return 0;
    }
  }

  @Command(name = "role", description = "Show an account's organisation and roles.")
  static final class Role implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(index = "0", description = "Account address.")
    String address;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Address a = parseAddress(address);
      var v = api.client().readStateVerified(Gov.roleKey(a), Optional.empty()).value();
      ObjectNode json = ApiOptions.JSON.createObjectNode().put("address", a.toString());
      if (v.isEmpty()) {
        json.putNull("org");
        api.print(spec.commandLine().getOut(), json, a + " holds no role");
        return 0;
      }
      Gov.Roles r = Gov.decodeRoles(v.get().toByteArray());
      json.put("org", r.org()).set("roles", ApiOptions.JSON.valueToTree(roleNames(r.bits())));
      api.print(
          spec.commandLine().getOut(),
          json,
          a + " in " + r.org() + ": " + String.join(", ", roleNames(r.bits())));
      return 0;
    }
  }

  // ---- gov propose

  @Command(
      name = "propose",
      description = "Make a proposal (you must be an organisation's admin).",
      subcommands = {
        GovCommand.AddOrg.class,
        GovCommand.RemoveOrg.class,
        GovCommand.GrantRole.class,
        GovCommand.RevokeRole.class,
        GovCommand.SetParam.class,
        GovCommand.AddValidator.class,
        GovCommand.RemoveValidator.class,
        GovCommand.Approve.class
      })
  static final class Propose {}

  /** Options every proposal takes. */
  static final class ProposalOptions {
    @Option(
        names = "--expires-after",
        defaultValue = "1000",
        description = "Blocks until the proposal expires (default ${DEFAULT-VALUE}).")
    long expiresInBlocks;
  }

  @Command(name = "add-org", description = "Propose a new organisation with its admins.")
  static final class AddOrg implements Callable<Integer> {
    @Mixin TxOptions tx;
    @Mixin ProposalOptions p;

    @Option(names = "--id", required = true, description = "Organisation id ([a-z0-9-]{1,32}).")
    String id;

    @Option(names = "--name", required = true, description = "Its name.")
    String name;

    @Option(names = "--admin", required = true, description = "An admin account (repeat: 1..16).")
    List<String> admins;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      List<Address> as = new ArrayList<>();
      for (String a : admins) {
        as.add(parseAddress(a));
      }
      byte[] payload = Gov.encode(new Gov.Org(id, name, as, Bytes.EMPTY, 0));
      return propose(tx, spec, Gov.Kind.ADD_ORG, payload, p.expiresInBlocks);
    }
  }

  @Command(name = "remove-org", description = "Propose removing an organisation.")
  static final class RemoveOrg implements Callable<Integer> {
    @Mixin TxOptions tx;
    @Mixin ProposalOptions p;

    @Option(names = "--id", required = true, description = "Organisation id.")
    String id;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return propose(tx, spec, Gov.Kind.REMOVE_ORG, Gov.encodeOrgId(id), p.expiresInBlocks);
    }
  }

  /** Options of a role change. */
  static final class RoleOptions {
    @Option(names = "--account", required = true, description = "The account's address.")
    String account;

    @Option(names = "--org", required = true, description = "The organisation.")
    String org;

    @Option(
        names = "--role",
        required = true,
        split = ",",
        description = "admin, member, auditor (comma-separated).")
    List<String> roles;

    byte[] payload() {
      int bits = 0;
      for (String r : roles) {
        bits |=
            switch (r) {
              case "admin" -> Gov.ADMIN;
              case "member" -> Gov.MEMBER;
              case "auditor" -> Gov.AUDITOR;
              default ->
                  throw new CliException(
                      "--role is admin, member or auditor (validators join by add-validator)");
            };
      }
      return Gov.encode(new Gov.RoleChange(parseAddress(account), org, bits));
    }
  }

  @Command(name = "grant-role", description = "Propose granting roles to an account.")
  static final class GrantRole implements Callable<Integer> {
    @Mixin TxOptions tx;
    @Mixin ProposalOptions p;
    @Mixin RoleOptions r;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return propose(tx, spec, Gov.Kind.GRANT_ROLE, r.payload(), p.expiresInBlocks);
    }
  }

  @Command(name = "revoke-role", description = "Propose revoking roles of an account.")
  static final class RevokeRole implements Callable<Integer> {
    @Mixin TxOptions tx;
    @Mixin ProposalOptions p;
    @Mixin RoleOptions r;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return propose(tx, spec, Gov.Kind.REVOKE_ROLE, r.payload(), p.expiresInBlocks);
    }
  }

  @Command(
      name = "set-param",
      description = {
        "Propose a chain parameter: permissions (open|members), did.registration",
        "(anyone|members|admins), block.maxTxs, block.maxBytes, block.maxGas,"
            + " block.intervalMillis,",
        "mempool.maxTxs, mempool.maxBytes, gov.maxExpiryBlocks, gov.rule.<kind>",
        "(any|all|majority|k-of-n|num/den), api.read and api.read.<family>",
        "(public|members|roles such as admin,auditor: who may read the API; docs/security.md)."
      })
  static final class SetParam implements Callable<Integer> {
    @Mixin TxOptions tx;
    @Mixin ProposalOptions p;

    @Option(names = "--name", required = true, description = "Parameter name.")
    String name;

    @Option(names = "--value", required = true, description = "Its new value.")
    String value;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      byte[] v;
      try {
        v = Params.encode(name, value);
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      }
      return propose(
          tx,
          spec,
          Gov.Kind.SET_PARAM,
          Gov.encode(new Gov.ParamChange(name, Bytes.wrap(v))),
          p.expiresInBlocks);
    }
  }

  @Command(
      name = "add-validator",
      description = {
        "Propose a validator (its consensus key, run by an organisation). Once executed,",
        "it is appended to the validator set, which consensus uses from the next epoch."
      })
  static final class AddValidator implements Callable<Integer> {
    @Mixin TxOptions tx;
    @Mixin ProposalOptions p;

    @Option(names = "--org", required = true, description = "The organisation that runs it.")
    String org;

    @Option(
        names = "--validator",
        required = true,
        description =
            "Its public key: <suite>:<hex> as in genesis.json, or the hex `jing keys show` prints.")
    String validator;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      byte[] payload = Gov.encode(new Gov.NewValidator(org, parsePublicKey(validator)));
      return propose(tx, spec, Gov.Kind.ADD_VALIDATOR, payload, p.expiresInBlocks);
    }
  }

  @Command(
      name = "remove-validator",
      description = {
        "Propose removing a validator from the set (the last one stays); consensus",
        "uses the smaller set from the next epoch."
      })
  static final class RemoveValidator implements Callable<Integer> {
    @Mixin TxOptions tx;
    @Mixin ProposalOptions p;

    @Option(
        names = "--validator",
        required = true,
        description =
            "Its public key: <suite>:<hex> as in genesis.json, or the hex `jing keys show` prints.")
    String validator;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      byte[] payload = Gov.encodeValidatorKey(parsePublicKey(validator));
      return propose(tx, spec, Gov.Kind.REMOVE_VALIDATOR, payload, p.expiresInBlocks);
    }
  }

  @Command(
      name = "approve",
      description = {
        "Propose approving a digest another service acts on once governance approved it [GOV-13]",
        "(for example the recovery of a cross-chain client: jing xchain client recover prints",
        "the digest to approve)."
      })
  static final class Approve implements Callable<Integer> {
    @Mixin TxOptions tx;
    @Mixin ProposalOptions p;

    @Option(
        names = "--purpose",
        required = true,
        description = "What is approved, for readers ([a-z0-9-]{1,64}), e.g. xchain-recover.")
    String purpose;

    @Option(names = "--digest", required = true, description = "The 64-hex-digit digest.")
    String digest;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      org.jingchain.types.Hash h;
      try {
        h = org.jingchain.types.Hash.fromHex(digest);
      } catch (IllegalArgumentException e) {
        throw new CliException("--digest must be 64 hex digits, got '" + digest + "'");
      }
      byte[] payload = Gov.encode(new Gov.Approval(purpose, h));
      return propose(tx, spec, Gov.Kind.APPROVE, payload, p.expiresInBlocks);
    }
  }

  // ---- vote, show, list

  @Command(name = "vote", description = "Vote for your organisation on a proposal.")
  static final class VoteCmd implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Parameters(index = "0", description = "Proposal id.")
    long id;

    @Option(names = "--reject", description = "Vote against (default: approve).")
    boolean reject;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return tx.send(
          new Call(Gov.NAME, "vote", Gov.voteArgs(id, !reject)),
          spec.commandLine().getOut(),
          java.util.Map.of(),
          GovCommand::executionFailed);
    }
  }

  @Command(name = "show", description = "Show a proposal, its votes and status.")
  static final class Show implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(index = "0", description = "Proposal id.")
    long id;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      JingClient c = api.client();
      Gov.Proposal p = proposal(c, id).orElseThrow(() -> new CliException("no proposal " + id));
      long height = c.status().height();
      api.print(spec.commandLine().getOut(), proposalJson(p, height), describe(p, height));
      return 0;
    }
  }

  @Command(name = "list", description = "List the latest proposals.")
  static final class ListCmd implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(
        names = "--limit",
        defaultValue = "20",
        description = "How many (default ${DEFAULT-VALUE}).")
    int limit;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      JingClient c = api.client();
      long height = c.status().height();
      long next =
          c.readStateVerified("gov/next", Optional.empty())
              .value()
              .map(b -> new org.jingchain.codec.Decoder(b.toByteArray()).u64("next"))
              .orElse(1L);
      ArrayNode arr = ApiOptions.JSON.createArrayNode();
      StringBuilder human = new StringBuilder();
      for (long id = next - 1; id >= 1 && id >= next - Math.max(1, Math.min(limit, 500)); id--) {
        Gov.Proposal p = proposal(c, id).orElseThrow();
        arr.add(proposalJson(p, height));
        human.append(
            String.format(
                "%4d  %-16s %-9s %d/%d approvals  rule %s%n",
                p.id(),
                p.kind().label(),
                org.jingchain.gov.GovViews.status(p, height),
                p.approvals(),
                p.votes().size(),
                p.rule()));
      }
      api.print(
          spec.commandLine().getOut(),
          arr,
          human.isEmpty() ? "no proposals" : human.toString().stripTrailing());
      return 0;
    }
  }

  // ---- helpers

  static int propose(
      TxOptions tx,
      picocli.CommandLine.Model.CommandSpec spec,
      Gov.Kind kind,
      byte[] payload,
      long expiresIn) {
    return tx.send(
        new Call(Gov.NAME, "propose", Gov.proposeArgs(kind, payload, expiresIn)),
        spec.commandLine().getOut(),
        java.util.Map.of(),
        GovCommand::executionFailed);
  }

  /**
   * A proposal that passed with this transaction but whose execution failed (its {@code gov.Failed}
   * event): the transaction succeeded, what it asked for did not happen.
   */
  static java.util.Optional<String> executionFailed(org.jingchain.sdk.model.TxStatus t) {
    return t.receipt().events().stream()
        .filter(e -> Gov.NAME.equals(e.contract()) && "Failed".equals(e.type()))
        .findFirst()
        .map(
            e ->
                "proposal "
                    + e.attributes().get("id")
                    + " passed but did not execute: "
                    + e.attributes().get("reason"));
  }

  static Address parseAddress(String s) {
    try {
      return Address.parse(s);
    } catch (IllegalArgumentException e) {
      throw new CliException("not an address: " + s);
    }
  }

  /**
   * A public key as {@code <suite>:<hex>} ({@link PublicKey#toString}, genesis.json) or as the bare
   * hex {@code jing keys show} prints, whose length names the suite; it must be a valid point.
   */
  static PublicKey parsePublicKey(String text) {
    PublicKey key;
    try {
      if (text.contains(":")) {
        key = PublicKey.parse(text);
      } else {
        Bytes b = Bytes.fromHex(text);
        SuiteId suite = null;
        for (SuiteId s : SuiteId.values()) {
          if (s.publicKeyLength() == b.length()) {
            suite = s;
          }
        }
        if (suite == null) {
          throw new IllegalArgumentException(
              "a public key is <suite>:<hex>, or 32 (intl) or 33 (sm) bytes of hex");
        }
        key = new PublicKey(suite, b);
      }
    } catch (IllegalArgumentException e) {
      throw new CliException("not a public key: " + text + " (" + e.getMessage() + ")");
    }
    if (!CryptoSuites.of(key.suite()).isValidPublicKey(key)) {
      throw new CliException("not a valid " + key.suite() + " public key: " + text);
    }
    return key;
  }

  static List<String> readIds(JingClient c) {
    return c.readStateVerified("gov/orgs", Optional.empty())
        .value()
        .map(
            b -> {
              var d = new org.jingchain.codec.Decoder(b.toByteArray());
              int n = d.count("orgs", Gov.MAX_ORGS);
              List<String> ids = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                ids.add(d.string("org", 32));
              }
              return ids;
            })
        .orElse(List.of());
  }

  static Optional<Gov.Org> org(JingClient c, String id) {
    return c.readStateVerified(Gov.orgKey(id), Optional.empty())
        .value()
        .map(b -> Gov.decodeOrg(b.toByteArray()));
  }

  static Optional<String> param(JingClient c, String name) {
    return c.readStateVerified(Gov.paramKey(name), Optional.empty())
        .value()
        .map(b -> Params.render(name, b));
  }

  static Optional<Gov.Proposal> proposal(JingClient c, long id) {
    return c.readStateVerified(Gov.proposalKey(id), Optional.empty())
        .value()
        .map(b -> Gov.decodeProposal(b.toByteArray()));
  }

  static List<String> roleNames(int bits) {
    return Gov.roleNames(bits);
  }

  static ObjectNode orgJson(Gov.Org o) {
    return ApiOptions.JSON.valueToTree(org.jingchain.gov.GovViews.OrgView.of(o));
  }

  static ObjectNode proposalJson(Gov.Proposal p, long height) {
    return ApiOptions.JSON.valueToTree(org.jingchain.gov.GovViews.ProposalView.of(p, height));
  }

  static String describePayload(Gov.Kind kind, Bytes payload) {
    try {
      return Gov.describePayload(kind, payload);
    } catch (DecodeException e) {
      return "(does not decode: " + e.getMessage() + ") " + payload.toHex();
    }
  }

  static String describe(Gov.Proposal p, long height) {
    StringBuilder sb =
        new StringBuilder("proposal ")
            .append(p.id())
            .append("  ")
            .append(p.kind().label())
            .append("  ")
            .append(
                org.jingchain.gov.GovViews.status(p, height).toUpperCase(java.util.Locale.ROOT));
    sb.append("\n  proposed by ")
        .append(p.proposerOrg())
        .append(" at height ")
        .append(p.createdHeight());
    sb.append(", expires after height ").append(p.expiresHeight());
    sb.append("\n  payload ").append(describePayload(p.kind(), p.payload()));
    sb.append("\n  rule ").append(p.rule()).append(", ").append(p.approvals()).append(" approvals");
    for (Gov.Vote v : p.votes()) {
      sb.append("\n  ").append(v.org()).append(v.approve() ? " approves" : " rejects");
    }
    if (!p.outcome().isEmpty()) {
      sb.append("\n  outcome ").append(p.outcome());
    }
    return sb.toString();
  }
}
