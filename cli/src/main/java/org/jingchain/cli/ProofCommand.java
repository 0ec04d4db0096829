package org.jingchain.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jingchain.light.LightClient;
import org.jingchain.sdk.LightClients;
import org.jingchain.types.Hash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jing proof verify}: checks a saved state proof offline, without any node. */
@Command(
    name = "proof",
    description = "Work with state proofs offline.",
    subcommands = ProofCommand.Verify.class)
final class ProofCommand {
  private ProofCommand() {}

  /** {@code jing proof verify --proof FILE [--root HEX] [--genesis FILE]}. */
  @Command(
      name = "verify",
      description = {
        "Verify a proof file (from 'jing state get --out'; docs/spec/state.md",
        "section 9) offline: no node, no network. Checks the Merkle proof, and that",
        "the file's header, commit proof and certifiedBy agree with its state root.",
        "With --genesis the commit proof is checked against the validators of that",
        "genesis (following the validator-set changes the file carries), so the",
        "root is one the chain's validators certified; with --root, against a root",
        "you trust. Without either nothing ties the file to a chain: anyone can write",
        "a file that agrees with itself, so it prints NOT VERIFIED and exits 3.",
        "Exit code 0 when valid, 1 when not (the reason is printed)."
      })
  static final class Verify implements Callable<Integer> {
    /** The exit code of a file checked against nothing the user trusts. */
    static final int NOT_VERIFIED = 3;

    @Option(names = "--proof", required = true, description = "Proof file.")
    Path proof;

    @Option(
        names = "--root",
        description =
            "Trusted state root (64 hex), e.g. the stateRoot in the header of block version+1.")
    String root;

    @Option(
        names = "--genesis",
        description =
            "Genesis file whose validators to trust (net/genesis.json, or"
                + " .jing/dev/genesis.json); needs a jing-state-proof-2 file.")
    Path genesis;

    @Mixin ApiOptions fmt;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      ProofFile f = ProofFile.read(proof);
      Optional<Hash> trustedRoot = Optional.empty();
      if (root != null) {
        try {
          trustedRoot = Optional.of(Hash.fromHex(root));
        } catch (IllegalArgumentException e) {
          throw new CliException("--root must be 64 hex characters");
        }
      }
      Optional<LightClient> trusted = Optional.empty();
      if (genesis != null) {
        try {
          trusted = Optional.of(LightClients.fromGenesis(genesis));
        } catch (IllegalArgumentException e) {
          throw new CliException(e.getMessage());
        }
      }
      ProofFile.Verdict v =
          f.check(trustedRoot, trusted, genesis == null ? "" : genesis.toString());
      if (v.valid() && root == null && genesis == null) {
        return notVerified(f, v);
      }
      ObjectNode json =
          ApiOptions.JSON
              .createObjectNode()
              .put("valid", v.valid())
              .put("format", f.format())
              .put("key", f.keyText().orElse(null))
              .put("keyHex", f.key().toHex())
              .put("value", f.value().map(b -> b.toHex()).orElse(null))
              .put("version", f.version())
              .put("root", v.root().toHex())
              .put("certified", v.valid() && genesis != null)
              .put("checkedAgainst", v.checkedAgainst());
      if (!v.valid()) {
        json.put("reason", v.reason());
      }
      String claim =
          "key "
              + f.keyLabel()
              + " "
              + (f.value().isPresent() ? "= " + StateCommand.render(f.value()) : "is absent");
      String human =
          v.valid()
              ? "VALID: "
                  + claim
                  + "\n  at version "
                  + f.version()
                  + " under state root "
                  + v.root().toHex()
                  + "\n  checked against "
                  + v.checkedAgainst()
              : "INVALID: "
                  + claim
                  + " at version "
                  + f.version()
                  + "\n  "
                  + v.reason()
                  + "\n  checked against "
                  + v.checkedAgainst();
      fmt.print(spec.commandLine().getOut(), json, human);
      return v.valid() ? 0 : 1;
    }

    /**
     * The file agrees with itself, but no root or validators the user trusts were given: a forger
     * computes the root from his own leaf, so this is no verdict on the chain.
     */
    private int notVerified(ProofFile f, ProofFile.Verdict v) {
      String why =
          "nothing you trust was checked: the file's Merkle proof holds under the root it records"
              + " itself ("
              + v.root().toHex()
              + "), which anyone can compute for any value. Pass --genesis FILE to check it"
              + " against the chain's validators, or --root HEX for a state root you trust";
      ObjectNode json =
          ApiOptions.JSON
              .createObjectNode()
              .put("valid", false)
              .put("verified", false)
              .put("consistent", true)
              .put("format", f.format())
              .put("key", f.keyText().orElse(null))
              .put("keyHex", f.key().toHex())
              .put("value", f.value().map(b -> b.toHex()).orElse(null))
              .put("version", f.version())
              .put("root", v.root().toHex())
              .put("reason", why);
      String human =
          "NOT VERIFIED: key "
              + f.keyLabel()
              + " "
              + (f.value().isPresent() ? "= " + StateCommand.render(f.value()) : "is absent")
              + " at version "
              + f.version()
              + "\n  "
              + why;
      fmt.print(spec.commandLine().getOut(), json, human);
      return NOT_VERIFIED;
    }
  }
}
