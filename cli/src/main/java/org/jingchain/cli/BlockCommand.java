package org.jingchain.cli;

import java.util.concurrent.Callable;
import org.jingchain.sdk.model.Block;
import org.jingchain.sdk.model.BlockList;
import org.jingchain.sdk.model.Header;
import org.jingchain.sdk.model.Receipt;
import org.jingchain.sdk.model.Tx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jing block get|latest}. */
@Command(
    name = "block",
    description = "Browse blocks.",
    subcommands = {BlockCommand.Get.class, BlockCommand.Latest.class})
final class BlockCommand {
  private BlockCommand() {}

  static String header(Header h) {
    return String.format(
        "block %d %s%n  time %s  proposer %s  txs %d%n  parent %s%n  state root (of block %d) %s",
        h.height(),
        h.hash(),
        java.time.Instant.ofEpochMilli(h.timestampMillis()),
        h.proposer(),
        h.txCount(),
        h.parentHash(),
        Math.max(0, h.height() - 1),
        h.stateRoot());
  }

  /** {@code jing block get ID}. */
  @Command(
      name = "get",
      description = "Show a block by height or hash, with its transactions and receipts.")
  static final class Get implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "ID", description = "Height or block hash.")
    String id;

    @Mixin TrustOptions trust;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Block b = api.client().block(id);
      TrustOptions.CheckedBlock checked = null;
      if (trust.given()) {
        checked = trust.block(api.client(), b.header().height());
        b = checked.verified().block(); // what was verified is what is shown
      }
      StringBuilder sb = new StringBuilder(header(b.header()));
      for (int i = 0; i < b.transactions().size(); i++) {
        Tx t = b.transactions().get(i);
        Receipt r = b.receipts().get(i);
        sb.append(
            String.format(
                "%n  tx %s %s.%s from %s: %s",
                t.hash(),
                t.contract(),
                t.method(),
                t.sender(),
                r.succeeded() ? "success" : "FAILED " + r.code()));
      }
      if (checked != null) {
        sb.append('\n').append(checked.line());
        var doc = ApiOptions.JSON.valueToTree(b);
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc)
            .put("verified", checked.line().substring("verified   ".length()));
        api.print(spec.commandLine().getOut(), doc, sb.toString());
        return 0;
      }
      api.print(spec.commandLine().getOut(), b, sb.toString());
      return 0;
    }
  }

  /** {@code jing block latest}. */
  @Command(name = "latest", description = "List the newest blocks.")
  static final class Latest implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(
        names = "--limit",
        defaultValue = "10",
        description = "How many (1..100, default ${DEFAULT-VALUE}).")
    int limit;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      BlockList l = api.client().latestBlocks(limit);
      StringBuilder sb = new StringBuilder();
      for (Header h : l.blocks()) {
        sb.append(String.format("%6d  %s  %d txs%n", h.height(), h.hash(), h.txCount()));
      }
      api.print(spec.commandLine().getOut(), l, sb.toString().stripTrailing());
      return 0;
    }
  }
}
