package org.jingchain.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.VerifiedState;
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

  /** {@code jing proof verify --proof FILE --root HEX}. */
  @Command(
      name = "verify",
      description = {
        "Verify a proof file (from 'jing state get --out') against a state root you trust,",
        "e.g. the stateRoot in the header of block version+1. Needs no node and no network."
      })
  static final class Verify implements Callable<Integer> {
    @Option(names = "--proof", required = true, description = "Proof file.")
    Path proof;

    @Option(
        names = "--root",
        description =
            "Trusted state root (64 hex). Without it the root recorded in the file is used.")
    String root;

    @Mixin ApiOptions fmt;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      VerifiedState s = StateCommand.readProofFile(proof);
      Hash trusted;
      String source;
      if (root != null) {
        try {
          trusted = Hash.fromHex(root);
        } catch (IllegalArgumentException e) {
          throw new CliException("--root must be 64 hex characters");
        }
        source = "the root you gave";
      } else {
        trusted = s.stateRoot();
        source = "the root recorded in the file (pass --root to check against one you trust)";
      }
      boolean ok = JingClient.verify(s, trusted);
      var json =
          ApiOptions.JSON
              .createObjectNode()
              .put("valid", ok)
              .put(
                  "key", new String(s.key().unsafeArray(), java.nio.charset.StandardCharsets.UTF_8))
              .put("version", s.version())
              .put("root", trusted.toHex());
      String human =
          (ok ? "VALID" : "INVALID")
              + ": key '"
              + json.get("key").asText()
              + "' "
              + (s.value().isPresent() ? "= " + StateCommand.render(s.value()) : "is absent")
              + "\n  at version "
              + s.version()
              + " under state root "
              + trusted.toHex()
              + "\n  checked against "
              + source;
      fmt.print(spec.commandLine().getOut(), json, human);
      return ok ? 0 : 1;
    }
  }
}
