package org.jingchain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import org.jingchain.types.Hash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jing tx get}. */
@Command(name = "tx", description = "Look up transactions.", subcommands = TxCommand.Get.class)
final class TxCommand {
  private TxCommand() {}

  /** {@code jing tx get HASH}. */
  @Command(name = "get", description = "Show a transaction's status, block and receipt.")
  static final class Get implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "HASH", description = "Transaction id (64 hex).")
    String hash;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Hash h;
      try {
        h = Hash.fromHex(hash);
      } catch (IllegalArgumentException e) {
        throw new CliException("HASH must be 64 hex characters");
      }
      JsonNode t =
          api.client()
              .transaction(h)
              .orElseThrow(
                  () -> new CliException("no transaction " + hash + " is pending or committed"));
      String human =
          t.get("status").asText().equals("committed")
              ? TxOptions.describe(t)
              : "tx " + hash + "\nstatus pending";
      human +=
          "\nfrom "
              + t.at("/tx/sender").asText()
              + " nonce "
              + t.at("/tx/nonce").asLong()
              + "\ncall "
              + t.at("/tx/contract").asText()
              + "."
              + t.at("/tx/method").asText();
      api.print(spec.commandLine().getOut(), t, human);
      return 0;
    }
  }
}
