package org.jingchain.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/sdk.md shows the examples' code verbatim (between their example:start and example:end
 * markers), so what the docs show is what the build compiles and SdkExamplesIT runs.
 */
class SdkDocsTest {
  static final Path EXAMPLES = Path.of("src/main/java/org/jingchain/sdk/examples");

  static String snippet(Path source) throws IOException {
    List<String> lines = Files.readAllLines(source);
    int from = -1;
    int to = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("// example:start")) {
        from = i + 1;
      } else if (lines.get(i).strip().equals("// example:end")) {
        to = i;
      }
    }
    assertThat(from).as("markers in %s", source).isPositive();
    List<String> body = lines.subList(from, to);
    int indent =
        body.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    return String.join(
        "\n", body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"TransferExample.java", "WatchEventsExample.java", "CredentialExample.java"})
  void theDocsShowTheExampleExactlyAsCompiled(String file) throws IOException {
    String docs = Files.readString(Path.of("../docs/sdk.md"));
    assertThat(docs).contains(snippet(EXAMPLES.resolve(file)));
  }
}
