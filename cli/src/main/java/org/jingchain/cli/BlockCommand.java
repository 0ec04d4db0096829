package org.jingchain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
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

  static String header(JsonNode h) {
    return String.format(
        "block %d %s%n  time %s  proposer %s  txs %d%n  parent %s%n  state root (of block %d) %s",
        h.get("height").asLong(),
        h.get("hash").asText(),
        java.time.Instant.ofEpochMilli(h.get("timestampMillis").asLong()),
        h.get("proposer").asText(),
        h.get("txCount").asInt(),
        h.get("parentHash").asText(),
        Math.max(0, h.get("height").asLong() - 1),
        h.get("stateRoot").asText());
  }

  /** {@code jing block get ID}. */
  @Command(
      name = "get",
      description = "Show a block by height or hash, with its transactions and receipts.")
  static final class Get implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "ID", description = "Height or block hash.")
    String id;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      JsonNode b = api.client().block(id);
      StringBuilder sb = new StringBuilder(header(b.get("header")));
      JsonNode txs = b.get("transactions");
      for (int i = 0; i < txs.size(); i++) {
        JsonNode t = txs.get(i);
        JsonNode r = b.get("receipts").get(i);
        sb.append(
            String.format(
                "%n  tx %s %s.%s from %s: %s",
                t.get("hash").asText(),
                t.get("contract").asText(),
                t.get("method").asText(),
                t.get("sender").asText(),
                r.get("status").asText().equals("success")
                    ? "success"
                    : "FAILED " + r.get("code").asText()));
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
      JsonNode l = api.client().latestBlocks(limit);
      StringBuilder sb = new StringBuilder();
      for (JsonNode h : l.get("blocks")) {
        sb.append(
            String.format(
                "%6d  %s  %d txs%n",
                h.get("height").asLong(), h.get("hash").asText(), h.get("txCount").asInt()));
      }
      api.print(spec.commandLine().getOut(), l, sb.toString().stripTrailing());
      return 0;
    }
  }
}
