package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What keeps a command's start-up short (docs/performance.md, "CLI start-up"). */
class StartupTest {
  // a command builds its own branch of the tree only; the help and a mistyped command get it all
  @Test
  void aCommandBuildsOnlyItsOwnBranchOfTheTree() {
    assertThat(Jing.commandLine(new String[] {"status"}).getSubcommands())
        .containsOnlyKeys("status");
    assertThat(Jing.commandLine(new String[] {"asset", "balance"}).getSubcommands())
        .containsOnlyKeys("asset");
    assertThat(Jing.commandLine(new String[] {}).getSubcommands())
        .hasSameSizeAs(Jing.COMMANDS)
        .containsKeys("status", "asset", "gov", "org", "help");
    assertThat(Jing.commandLine(new String[] {"stauts"}).getSubcommands())
        .hasSameSizeAs(Jing.COMMANDS);
    assertThat(Jing.commandLine(new String[] {"--help"}).getSubcommands())
        .hasSameSizeAs(Jing.COMMANDS);
  }

  @Test
  void aMistypedCommandStillGetsASuggestion() {
    StringWriter err = new StringWriter();
    int code =
        Jing.run(
            new String[] {"stauts"},
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Did you mean").contains("status");
  }

  @Test
  void theHelpOfOneCommandNamesItUnderJing() {
    StringWriter out = new StringWriter();
    int code =
        Jing.run(
            new String[] {"status", "--help"},
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true));
    assertThat(code).isZero();
    assertThat(out.toString()).startsWith("Usage: jing status");
  }

  // the cache is recorded from commands that succeed against the stand-in node: if its recorded
  // answers stop decoding, this fails and they are recorded again from a dev node
  @Test
  void theStartUpTrainingRunsEveryCommandToSuccess() throws Exception {
    assertThat(StartupTraining.train()).containsOnly(0).hasSize(5);
  }
}
