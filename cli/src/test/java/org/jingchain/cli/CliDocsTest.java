package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * docs/cli.md is every command's {@code --help}, generated: this test fails when the docs and the
 * commands disagree. Regenerate with {@code ./mvnw -pl cli test -Dtest=CliDocsTest
 * -Djing.updateDocs=true}.
 */
class CliDocsTest {
  static final Path DOC = Path.of("..", "docs", "cli.md");

  @org.junit.jupiter.api.Test
  void docsCliMdIsTheHelpOfEveryCommand() throws Exception {
    StringBuilder sb = new StringBuilder();
    sb.append("# The jing command\n\n")
        .append("Generated from `bin/jing <command> --help` (CliDocsTest checks it). Every command")
        .append(" that talks to a node takes `--api URL` (env `JING_API`, default")
        .append(" `http://127.0.0.1:8645`) and `--json`.\n");
    CommandLine root = Jing.commandLine();
    section(sb, "jing ", root);
    walk(sb, root);
    String generated = sb.toString();
    if (Boolean.getBoolean("jing.updateDocs")) {
      Files.writeString(DOC, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as("docs/cli.md is stale: regenerate it (see this test's javadoc)")
        .isEqualTo(generated);
  }

  private static void walk(StringBuilder sb, CommandLine cl) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getCommandName().equals("help")) {
        continue;
      }
      if (sub.getSubcommands().isEmpty()) {
        section(sb, sub.getCommandSpec().qualifiedName(), sub);
      } else {
        walk(sb, sub);
      }
    }
  }

  private static void section(StringBuilder sb, String title, CommandLine cl) {
    sb.append("\n## ").append(title).append("\n\n```\n");
    sb.append(cl.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing());
    sb.append("\n```\n");
  }
}
