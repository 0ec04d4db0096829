package org.jingchain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import org.jingchain.sdk.JingClient;
import picocli.CommandLine.Option;

/** Options shared by every command that talks to a node: where it is and how to print. */
final class ApiOptions {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(
      names = "--api",
      defaultValue = "${env:JING_API:-http://127.0.0.1:8645}",
      converter = NodeUrl.class,
      description = "Node API base URL (env JING_API; default ${DEFAULT-VALUE}).")
  String api;

  @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
  boolean json;

  JingClient client() {
    return new JingClient(api);
  }

  /**
   * Prints {@code human}, or with {@code --json} the answer as JSON: a record of the SDK's model
   * writes the node's JSON back as the node sent it.
   */
  void print(PrintWriter out, Object answer, String human) {
    if (json) {
      try {
        out.println(JSON.writeValueAsString(answer));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new CliException("cannot render JSON: " + e.getMessage());
      }
    } else {
      out.println(human);
    }
  }
}
