package org.jingchain.cli;

import java.util.concurrent.Callable;
import org.jingchain.sdk.model.TxStatus;
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
      TxStatus t =
          api.client()
              .transaction(h)
              .orElseThrow(
                  () -> new CliException("no transaction " + hash + " is pending or committed"));
      String human = t.committed() ? TxOptions.describe(t) : "tx " + hash + "\nstatus pending";
      human +=
          "\nfrom "
              + t.tx().sender()
              + " nonce "
              + t.tx().nonce()
              + "\ncall "
              + t.tx().contract()
              + "."
              + t.tx().method();
      api.print(spec.commandLine().getOut(), t, human);
      return 0;
    }
  }
}
