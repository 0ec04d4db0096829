package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** How {@code --api} and the other node options read what a user types. */
class NodeUrlTest {
  @ParameterizedTest
  @CsvSource({
    "127.0.0.1:8645, http://127.0.0.1:8645",
    "localhost:8645, http://localhost:8645",
    "http://127.0.0.1:8645, http://127.0.0.1:8645",
    "http://127.0.0.1:8645/, http://127.0.0.1:8645",
    "http://127.0.0.1:8645/api/v1, http://127.0.0.1:8645",
    "https://node.example/api/v1/, https://node.example",
    "https://node.example/jing, https://node.example/jing",
    "' http://127.0.0.1:8645 ', http://127.0.0.1:8645"
  })
  void whatAUserTypesReachesTheNode(String typed, String url) {
    assertThat(NodeUrl.normalise(typed)).isEqualTo(url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ftp://127.0.0.1:21", "http://", "127.0.0.1:86 45", "http://h:1/?q=1", "://x", ""})
  void anythingElseIsRefusedWithAnExample(String typed) {
    assertThatThrownBy(() -> NodeUrl.normalise(typed))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("give one like http://127.0.0.1:8645");
  }
}
