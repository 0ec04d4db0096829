package org.jingchain.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.VerifiedState;
import org.jingchain.sdk.model.StateRead;
import org.jingchain.types.Bytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jing state get KEY [--hex] [--proof] [--out FILE]}. */
@Command(
    name = "state",
    description = "Read authenticated state.",
    subcommands = StateCommand.Get.class)
final class StateCommand {
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
        "With --proof the node's Merkle proof is verified here against the state",
        "root. --out saves a proof file for 'jing proof verify', offline",
        "(jing-state-proof-2, docs/spec/state.md section 9): the read, the header",
        "whose child carries its state root, that child's quorum certificate and",
        "the validator-set changes before it. It is always of a certified state:",
        "without --at-height the newest (the head's parent, whose root the head's",
        "header carries); --at-height at the head is refused."
      })
  static final class Get implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "KEY", description = "State key (UTF-8 text, or hex with --hex).")
    String key;

    @Option(
        names = "--hex",
        description = "KEY is the key's bytes in hex, for keys that are not UTF-8 text.")
    boolean hex;

    @Option(
        names = "--at-height",
        description =
            "Read the state as of this block height (a state version); default the latest"
                + " (with --out: the latest a committed header carries).")
    Long version;

    @Option(names = "--proof", description = "Fetch and verify the Merkle proof.")
    boolean proof;

    @Option(names = "--out", description = "Write the proof file here (implies --proof).")
    Path out;

    @Mixin TrustOptions trust;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      JingClient c = api.client();
      Bytes k = keyBytes();
      if (trust.given()) {
        if (version != null || out != null) {
          throw new CliException(
              "--genesis reads the newest certified state; --at-height and --out go without it"
                  + " (a proof file is verified with jing proof verify --genesis)");
        }
        return certified(c, k);
      }
      Long at = version;
      if (out != null && at == null) {
        long head = c.status().height();
        if (head < 1) {
          throw new CliException(
              "the chain has only its genesis block: no committed header carries a state root"
                  + " yet; retry once block 1 is committed");
        }
        at = head - 1; // [STATE-21] the newest state whose root a committed header carries
      }
      StateRead raw = c.readStateRaw(k, Optional.ofNullable(at));
      // verify the very response that is printed and saved: a second read could see a newer head
      VerifiedState vs = proof || out != null ? JingClient.verified(k, raw) : null;
      ProofFile file = out != null ? ProofFiles.fetch(c, k, raw) : null;
      Optional<Bytes> value = Optional.ofNullable(raw.value()).map(Bytes::fromHex);
      StringBuilder sb = new StringBuilder();
      sb.append("key        ").append(ProofFile.utf8(k).orElse("0x" + k.toHex())).append('\n');
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
      if (file != null) {
        write(file.toBytes());
        sb.append("\nsaved      ").append(out).append(" (").append(ProofFile.FORMAT_2).append(')');
      }
      api.print(spec.commandLine().getOut(), raw, sb.toString());
      return 0;
    }

    /** [LC-5] The value at the newest block the genesis validators certified, proven. */
    private int certified(JingClient c, Bytes k) {
      TrustOptions.Pinned pinned = trust.pin(c);
      org.jingchain.sdk.CertifiedState r = TrustOptions.read(c, pinned, k);
      String by = pinned.certifiedBy(trust.genesis);
      String text =
          "key        "
              + ProofFile.utf8(k).orElse("0x" + k.toHex())
              + "\nvalue      "
              + render(r.value())
              + "\nversion    "
              + pinned.head().height()
              + "\nstate root "
              + pinned.head().stateRoot().toHex()
              + "\nverified   "
              + by
              + "\nproof      VERIFIED against that block's state root ("
              + (r.value().isPresent() ? "inclusion" : "non-inclusion")
              + ")";
      var doc =
          ApiOptions.JSON
              .createObjectNode()
              .put("key", ProofFile.utf8(k).orElse(null))
              .put("keyHex", k.toHex())
              .put("value", r.value().map(Bytes::toHex).orElse(null))
              .put("version", pinned.head().height())
              .put("stateRoot", pinned.head().stateRoot().toHex())
              .put("verified", by);
      api.print(spec.commandLine().getOut(), doc, text);
      return 0;
    }

    private Bytes keyBytes() {
      if (!hex) {
        return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
      }
      try {
        return Bytes.wrap(HexFormat.of().parseHex(key));
      } catch (IllegalArgumentException e) {
        throw new CliException("with --hex, KEY must be hex digits, two per byte");
      }
    }

    private void write(byte[] bytes) {
      try {
        Files.write(
            out,
            bytes,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
      } catch (IOException e) {
        throw new CliException("cannot write " + out + ": " + e.getMessage());
      }
    }
  }
}
