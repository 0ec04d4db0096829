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

    @Mixin TrustOptions trust;

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
      String verified = null;
      if (trust.given()) {
        if (!t.committed()) {
          throw new CliException(
              "tx " + hash + " is pending: only a committed one can be verified");
        }
        TrustOptions.CheckedBlock checked = trust.block(api.client(), t.height());
        int at = checked.verified().txHashes().indexOf(h);
        if (at < 0) {
          throw new CliException(
              "not verified against "
                  + trust.genesis
                  + ": block "
                  + t.height()
                  + " as certified holds no transaction "
                  + hash);
        }
        // show the committed transaction and receipt from the verified block, not the lookup
        var b = checked.verified().block();
        t =
            new TxStatus(
                t.hash(),
                t.status(),
                t.height(),
                at,
                b.header().hash(),
                b.receipts().get(at),
                b.transactions().get(at));
        verified = checked.line() + "; this one is its number " + at + ", with its receipt";
      }
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
      if (verified != null) {
        human += "\n" + verified;
        var doc = (com.fasterxml.jackson.databind.node.ObjectNode) ApiOptions.JSON.valueToTree(t);
        doc.put("verified", verified.substring("verified   ".length()));
        api.print(spec.commandLine().getOut(), doc, human);
        return 0;
      }
      api.print(spec.commandLine().getOut(), t, human);
      return 0;
    }
  }
}
