package org.jingchain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.VerifiedState;
import org.jingchain.sdk.model.StateRead;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jing state get KEY [--proof] [--out FILE]}. */
@Command(
    name = "state",
    description = "Read authenticated state.",
    subcommands = StateCommand.Get.class)
final class StateCommand {
  static final String PROOF_FORMAT = "jing-state-proof-1";

  private StateCommand() {}

  /** A value for humans: hex, plus the u64 reading for 8-byte values (balances, nonces). */
  static String render(Optional<Bytes> v) {
    if (v.isEmpty()) {
      return "(absent)";
    }
    String s = v.get().toHex();
    if (v.get().length() == 8) {
      s += "  (u64 " + ByteBuffer.wrap(v.get().unsafeArray()).getLong() + ")";
    }
    return s;
  }

  /** {@code jing state get}. */
  @Command(
      name = "get",
      description = {
        "Read a state key, e.g. asset/token/CNY or asset/balance/<address>/CNY.",
        "With --proof the node's Merkle proof is verified here against the state root; --out saves it",
        "for 'jing proof verify', offline."
      })
  static final class Get implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "KEY", description = "State key (UTF-8).")
    String key;

    @Option(
        names = "--at-height",
        description =
            "Read the state as of this block height (a state version); default the latest.")
    Long version;

    @Option(names = "--proof", description = "Fetch and verify the Merkle proof.")
    boolean proof;

    @Option(names = "--out", description = "Write the proof to this file (implies --proof).")
    Path out;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      JingClient c = api.client();
      StateRead raw = c.readStateRaw(key, Optional.ofNullable(version));
      StringBuilder sb = new StringBuilder();
      // verify the very response that is printed and saved: a second read could see a newer head
      VerifiedState vs = proof || out != null ? JingClient.verified(key, raw) : null;
      Optional<Bytes> value = Optional.ofNullable(raw.value()).map(Bytes::fromHex);
      sb.append("key        ").append(key).append('\n');
      sb.append("value      ").append(render(value)).append('\n');
      sb.append("version    ").append(raw.version()).append('\n');
      sb.append("state root ").append(raw.stateRoot());
      if (raw.certifiedBy() != null) {
        sb.append("\ncertified  by the header of block ").append(raw.certifiedBy().height());
      }
      if (vs != null) {
        sb.append("\nproof      VERIFIED (")
            .append(value.isPresent() ? "inclusion" : "non-inclusion")
            .append(", ")
            .append(raw.proof().siblings().size())
            .append(" siblings)");
      }
      if (out != null) {
        write(raw);
        sb.append("\nsaved      ").append(out);
      }
      api.print(spec.commandLine().getOut(), raw, sb.toString());
      return 0;
    }

    /** The proof file: the read, verified above, in the format {@link #readProofFile} reads. */
    private void write(StateRead raw) {
      ObjectNode f = ApiOptions.JSON.createObjectNode();
      f.put("format", PROOF_FORMAT);
      f.put("suite", raw.suite());
      f.put("key", raw.key());
      f.put("value", raw.value());
      f.put("version", raw.version());
      f.put("stateRoot", raw.stateRoot());
      f.put("proof", raw.proof().encoded());
      f.set("certifiedBy", ApiOptions.JSON.valueToTree(raw.certifiedBy()));
      try {
        Files.write(
            out,
            ApiOptions.JSON.writeValueAsBytes(f),
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
      } catch (IOException e) {
        throw new CliException("cannot write " + out + ": " + e.getMessage());
      }
    }
  }

  /** Reads a proof file written by {@code state get --out}. */
  static VerifiedState readProofFile(Path file) {
    try {
      JsonNode f = ApiOptions.JSON.readTree(Files.readAllBytes(file));
      if (!PROOF_FORMAT.equals(f.path("format").asText())) {
        throw new CliException(
            file + " is not a Jingchain proof file (format " + PROOF_FORMAT + ")");
      }
      JsonNode v = f.get("value");
      return new VerifiedState(
          Bytes.wrap(f.get("key").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
          v == null || v.isNull() ? Optional.empty() : Optional.of(Bytes.fromHex(v.asText())),
          f.get("version").asLong(),
          Hash.fromHex(f.get("stateRoot").asText()),
          f.get("suite").asText(),
          Bytes.fromHex(f.get("proof").asText()));
    } catch (IOException | RuntimeException e) {
      if (e instanceof CliException ce) {
        throw ce;
      }
      throw new CliException("cannot read proof file " + file + ": " + e.getMessage());
    }
  }
}
