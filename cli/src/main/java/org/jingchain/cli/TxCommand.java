package org.jingchain.cli;

import java.util.concurrent.Callable;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.types.Hash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jing tx get} and {@code jing tx list}. */
@Command(
    name = "tx",
    description = "Look up transactions.",
    subcommands = {TxCommand.Get.class, TxCommand.ListCmd.class})
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

  /** {@code jing tx list ADDRESS}: an account's history, newest first. */
  @Command(
      name = "list",
      description =
          "List an account's committed transactions, newest first: those it signed (sent) and"
              + " those whose events name it (named: a transfer's recipient, a grant's grantee).")
  static final class ListCmd implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "ADDRESS", description = "The account (ji… or js…).")
    String address;

    @picocli.CommandLine.Option(
        names = "--limit",
        defaultValue = "20",
        description = "Transactions to show, 1..100 (default ${DEFAULT-VALUE}).")
    int limit;

    @picocli.CommandLine.Option(
        names = "--before",
        paramLabel = "CURSOR",
        description = "Show the page before this one: the HEIGHT:INDEX a previous page printed.")
    String before;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      org.jingchain.types.Address a;
      try {
        a = org.jingchain.types.Address.parse(address);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "ADDRESS: " + e.getMessage());
      }
      if (limit < 1 || limit > 100) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--limit must be 1..100, got " + limit);
      }
      if (before != null && !before.matches("\\d{1,18}:\\d{1,9}")) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(),
            "--before must be HEIGHT:INDEX as a previous page printed it, got '" + before + "'");
      }
      var page = api.client().accountHistory(a, before, limit);
      StringBuilder human = new StringBuilder("account " + a);
      if (page.transactions().isEmpty()) {
        human
            .append(": no committed transactions")
            .append(before == null ? "" : " before " + before);
      } else {
        human.append(before == null ? ", newest first" : ", before " + before);
      }
      for (var t : page.transactions()) {
        String role = t.sent() ? (t.named() ? "sent+named" : "sent") : "named";
        human.append(
            String.format(
                "%nblock %-7d %-10s %-24s tx %s  %s",
                t.height(),
                role,
                t.contract() + "." + t.method(),
                t.hash(),
                "success".equals(t.status()) ? "success" : "FAILED " + t.code()));
      }
      if (page.next() != null) {
        human
            .append("\nolder: jing tx list ")
            .append(address)
            .append(" --before ")
            .append(page.next());
      }
      if (page.indexedFrom() > 0) {
        human
            .append("\nnote: this node is still indexing blocks below ")
            .append(page.indexedFrom())
            .append(" (committed before it was upgraded); older history may be missing");
      }
      api.print(spec.commandLine().getOut(), page, human.toString());
      return 0;
    }
  }
}
