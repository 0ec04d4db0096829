package org.jingchain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the {@code jing} command in-process, as a user would type it, and captures its output. */
final class CliRun {
  static final ObjectMapper JSON = new ObjectMapper();

  private CliRun() {}

  /** The exit code and what the command printed. */
  record Result(int exit, String out, String err) {
    JsonNode json() throws IOException {
      return JSON.readTree(out);
    }
  }

  static Result run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Jing.run(
            args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }
}
