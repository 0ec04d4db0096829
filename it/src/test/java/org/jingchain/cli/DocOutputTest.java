package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The docs runner's reading of a document and its comparison of outputs (docs/docs-runner.md). */
class DocOutputTest {
  @Test
  void runDependentPartsBecomePlaceholdersAndTheRestMustMatch() {
    List<String> shown =
        List.of(
            "tx 7c6580fbebb274c35557b185c28569b78c10a80c04124210ea995c0d5d655452",
            "block 1 (b4b47ed529d3341f089ed51e42b2ce2ee4f292e5c87993d45a2bc9ea61f4b1c5)",
            "event asset.Minted symbol=CNY to=ji1ea6b65d278c4c3eb766710c9fe188dc4e7daa90 amount=100000");
    List<String> printed =
        List.of(
            "tx 11dd717a35e57d6370d88ab439da08d2349d6089a3db3351c69bd381e72aabca",
            "block 37 (9556c5e58d530516b5c8af847a3f12ed84a769773f3bb2185eff1d73501e12f9)",
            "event asset.Minted symbol=CNY to=ji0c0ba69eaca9b05e912c28cd80afc45edd2268e9 amount=100000");
    assertThat(DocOutput.mismatch(shown, printed)).isNull();
    // an amount is not a placeholder: a wrong one is a difference
    List<String> wrongAmount =
        List.of(printed.get(0), printed.get(1), printed.get(2).replace("100000", "99999"));
    assertThat(DocOutput.mismatch(shown, wrongAmount))
        .contains("the document shows:")
        .contains("amount=100000")
        .contains("amount=99999");
    // nor is a status
    assertThat(DocOutput.mismatch(List.of("status success"), List.of("status FAILED X")))
        .isNotNull();
  }

  @Test
  void dotsStandForLinesOrTextAndEveryOtherLineMustBeShown() {
    List<String> printed = List.of("encoding 0%", "encoding 100%", "object x", "name scan.bin");
    assertThat(DocOutput.mismatch(List.of("...", "object x", "name scan.bin"), printed)).isNull();
    assertThat(DocOutput.mismatch(List.of("...", "object x", "..."), printed)).isNull();
    assertThat(DocOutput.mismatch(List.of("...", "name ...bin"), printed)).isNull();
    assertThat(DocOutput.mismatch(List.of("...", "object x"), printed))
        .startsWith("it printed more than the document shows");
    assertThat(DocOutput.mismatch(List.of("object x", "name scan.bin"), printed))
        .contains("encoding 0%");
    assertThat(DocOutput.mismatch(List.of("...", "name other.bin"), printed))
        .contains("name other.bin");
    // a document that shows lines nothing printed
    assertThat(DocOutput.mismatch(List.of("a", "b"), List.of("a"))).contains("(nothing more)");
  }

  @Test
  void anExcerptNeedsItsLinesInOrderOnly() {
    List<String> printed = List.of("== step", "$ jing a", "ok a", "", "$ jing b", "ok b");
    assertThat(DocOutput.mismatch(List.of("$ jing a", "ok b"), printed, true)).isNull();
    assertThat(DocOutput.mismatch(List.of("ok b", "$ jing a"), printed, true)).isNotNull();
    assertThat(DocOutput.mismatch(List.of("$ jing a", "ok c"), printed, true)).isNotNull();
  }

  @Test
  void placeholdersCoverWhatVariesAndNotWords() {
    assertThat(DocOutput.normalize("2026-11-22 13:21:58 INFO    node up, height 0"))
        .isEqualTo("<time> INFO node up, height <n>");
    assertThat(DocOutput.normalize("did did:jing:3f280a277625e0f4e58ef74be5e4d093b1067d0e"))
        .isEqualTo(DocOutput.normalize("did did:jing:c1f1…"));
    assertThat(DocOutput.normalize("trusted for schema 10f70ce5bfd2…"))
        .isEqualTo("trusted for schema <hex>…");
    assertThat(DocOutput.normalize("\"x\" : \"zQR7fJ1fdcXxnwP_viyBPcXKWh-juggzoA3VKtZxrrs\""))
        .isEqualTo("\"x\" : \"<base64>\"");
    assertThat(
            DocOutput.normalize(
                "node0  up  http://127.0.0.1:8645  validator 0  24  32  3  9d6ffeac2cce231c"))
        .isEqualTo("node0 up http://127.0.0.1:8645 validator 0 <n> <n> <n> <hex>");
    assertThat(DocOutput.normalize("CNY 2500 (25.00 CNY)")).isEqualTo("CNY 2500 (25.00 CNY)");
    assertThat(DocOutput.normalize("LinkedDomains accepted")).isEqualTo("LinkedDomains accepted");
    // words, documented ranges and all-digit hashes where a hash stands
    assertThat(DocOutput.normalize("reverted with ERC20InsufficientBalance(balance=2500)"))
        .isEqualTo("reverted with ERC20InsufficientBalance(balance=2500)");
    assertThat(DocOutput.normalize("contributions 5 (each 0..65535; at least 3)"))
        .isEqualTo("contributions 5 (each 0..65535; at least 3)");
    assertThat(DocOutput.normalize("city -> bank: tx 966207761234 in bank's block 51"))
        .isEqualTo(DocOutput.normalize("city -> bank: tx 9662d77bcebd in bank's block 7"));
    assertThat(
            DocOutput.normalize("event evm.called address=0x" + "ab".repeat(20) + " gasUsed=51543"))
        .isEqualTo(
            DocOutput.normalize(
                "event evm.called address=0x" + "cd".repeat(20) + " gasUsed=51559"));
  }

  @Test
  void blocksCommandsOutputsAndDirectivesAreRead() {
    String md =
        """
        Some text.

        <!-- run: start "node up" -->
        ```console
        $ bin/jing dev
        2026-11-22 13:21:58 INFO    node up
        ```

        ```bash
        ./mvnw verify
        ```

        ```console
        $ bin/jing vc issue --key uni.key \\
            --out alice.sdjwt
        issued
        $ echo hi
        ```

        <!-- run: stop bin/jing dev -->

        <!-- run: skip: needs a token -->
        ```console
        $ bin/jing keys new --pkcs11-token validator
        ```

        <!-- run: transcript -->
        ```console
        $ bin/walkthrough ai-lab
        $ jing data search x
        ```
        """;
    List<DocScript.Block> blocks = DocScript.parse(md);
    assertThat(blocks)
        .extracting(DocScript.Block::mode)
        .containsExactly(
            DocScript.Mode.START,
            DocScript.Mode.RUN,
            DocScript.Mode.STOP,
            DocScript.Mode.SKIP,
            DocScript.Mode.TRANSCRIPT);
    assertThat(blocks.get(0).argument()).isEqualTo("node up");
    assertThat(blocks.get(1).steps())
        .extracting(DocScript.Step::command)
        .containsExactly("bin/jing vc issue --key uni.key \\\n    --out alice.sdjwt", "echo hi");
    assertThat(blocks.get(1).steps().get(0).expected()).containsExactly("issued");
    assertThat(blocks.get(1).steps().get(1).expected()).isEmpty();
    assertThat(blocks.get(2).argument()).isEqualTo("bin/jing dev");
    assertThat(blocks.get(3).argument()).isEqualTo("needs a token");
    assertThat(blocks.get(4).steps()).hasSize(1);
    assertThat(blocks.get(4).steps().get(0).expected()).containsExactly("$ jing data search x");
  }

  /**
   * Every console block of the README and the guides parses, and runs on every build or says why
   * not: a document outside {@link DocsIT#DEFAULT} may hold only skipped blocks.
   */
  @Test
  void everyConsoleBlockRunsOnEveryBuildOrSaysWhyNot() throws Exception {
    Path repo = Path.of(System.getProperty("user.dir")).getParent();
    List<Path> docs;
    try (Stream<Path> walk = Files.walk(repo.resolve("docs"))) {
      docs = new ArrayList<>(walk.filter(p -> p.toString().endsWith(".md")).toList());
    }
    docs.add(repo.resolve("README.md"));
    int run = 0;
    for (Path doc : docs) {
      String name = repo.relativize(doc).toString();
      List<DocScript.Block> blocks = DocScript.parse(Files.readString(doc));
      if (DocsIT.DEFAULT.contains(name)) {
        run += blocks.size();
        continue;
      }
      assertThat(blocks)
          .as(name + ": not run by DocsIT, so each console block must say why (run: skip)")
          .allMatch(b -> b.mode() == DocScript.Mode.SKIP);
    }
    assertThat(run).isGreaterThan(30);
  }

  @Test
  void aMisspelledDirectiveOrAnUnclosedBlockIsAnError() {
    assertThatThrownBy(() -> DocScript.parse("<!-- run: skp -->\n```console\n$ ls\n```\n"))
        .hasMessageContaining("unknown runner directive");
    assertThatThrownBy(() -> DocScript.parse("```console\n$ ls\n"))
        .hasMessageContaining("never closes");
    assertThatThrownBy(() -> DocScript.parse("```console\noutput first\n$ ls\n```\n"))
        .hasMessageContaining("output before any command");
  }
}
