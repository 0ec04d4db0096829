package org.jingchain.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console blocks of a Markdown document, as the docs runner reads them (docs/docs-runner.md):
 * every fenced block whose info string is {@code console}, or that has none and starts with {@code
 * $ }; in it, a line starting with {@code $ } is a command (continued on the next line while it
 * ends with a backslash), and the lines up to the next command are what the document says it
 * prints. An HTML comment on the line before a block, {@code <!-- run: ... -->}, tells the runner
 * how to run it:
 *
 * <ul>
 *   <li>{@code skip: why} — not run; the reason is printed;
 *   <li>{@code start "text"} — each command is a long-running process started apart (as in a second
 *       terminal); the runner goes on once its output shows {@code text};
 *   <li>{@code transcript} — only the commands naming {@code bin/} are run; the {@code $ } lines
 *       after them are part of what a script prints.
 * </ul>
 *
 * <p>A comment {@code <!-- run: stop COMMAND -->} on a line of its own stops what a {@code start}
 * block started with that command, as a reader's Ctrl-C in that terminal would, where the text asks
 * for it.
 */
final class DocScript {
  /** How a block runs. */
  enum Mode {
    RUN,
    SKIP,
    START,
    TRANSCRIPT,
    STOP
  }

  /** One command with the output the document shows for it (empty: not shown, not checked). */
  record Step(String command, int line, List<String> expected) {}

  /** One console block. */
  record Block(int line, Mode mode, String argument, List<Step> steps) {}

  private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([A-Za-z]*)\\s*$");
  private static final Pattern STOP = Pattern.compile("^<!--\\s*run:\\s*stop\\s+(.+?)\\s*-->\\s*$");
  private static final Pattern DIRECTIVE =
      Pattern.compile("^<!--\\s*run:\\s*(skip|start|transcript)\\b:?\\s*(.*?)\\s*-->\\s*$");

  private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*['\"]?[A-Za-z_]+");

  private DocScript() {}

  static List<Block> parse(String markdown) {
    List<String> lines = markdown.lines().toList();
    List<Block> blocks = new ArrayList<>();
    String previous = "";
    for (int i = 0; i < lines.size(); i++) {
      Matcher stop = STOP.matcher(lines.get(i).trim());
      if (stop.matches()) {
        blocks.add(new Block(i + 1, Mode.STOP, stop.group(1), List.of()));
        continue;
      }
      Matcher fence = FENCE.matcher(lines.get(i));
      if (!fence.matches()) {
        if (!lines.get(i).isBlank()) {
          previous = lines.get(i);
        }
        continue;
      }
      int start = i;
      List<String> body = new ArrayList<>();
      String indent = lines.get(i).substring(0, lines.get(i).indexOf('`'));
      for (i++; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
        String l = lines.get(i);
        body.add(l.startsWith(indent) ? l.substring(indent.length()) : l.strip());
      }
      if (i == lines.size()) {
        throw new IllegalArgumentException("line " + (start + 1) + ": a code block never closes");
      }
      // a plain block that starts with a prompt is a transcript too
      boolean transcript =
          fence.group(1).isEmpty() && !body.isEmpty() && body.get(0).startsWith("$ ");
      if (fence.group(1).equals("console") || transcript) {
        Mode mode = Mode.RUN;
        String argument = "";
        Matcher d = DIRECTIVE.matcher(previous.trim());
        if (d.matches()) {
          mode = Mode.valueOf(d.group(1).toUpperCase(java.util.Locale.ROOT));
          argument = d.group(2);
          if (mode == Mode.START) {
            argument = argument.replaceAll("^\"|\"$", "");
          }
        } else if (previous.trim().startsWith("<!-- run")) {
          throw new IllegalArgumentException(
              "line " + start + ": unknown runner directive: " + previous.trim());
        }
        blocks.add(new Block(start + 1, mode, argument, steps(body, start + 2, mode)));
      }
      previous = "";
    }
    return blocks;
  }

  private static List<Step> steps(List<String> body, int firstLine, Mode mode) {
    List<Step> steps = new ArrayList<>();
    String command = null;
    int line = 0;
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      String l = body.get(i);
      boolean isCommand = l.startsWith("$ ") && (mode != Mode.TRANSCRIPT || l.startsWith("$ bin/"));
      if (!isCommand) {
        if (command == null) {
          throw new IllegalArgumentException(
              "line " + (firstLine + i) + ": output before any command in a console block");
        }
        expected.add(l);
        continue;
      }
      if (command != null) {
        steps.add(new Step(command, line, List.copyOf(expected)));
      }
      expected.clear();
      line = firstLine + i;
      StringBuilder c = new StringBuilder(l.substring(2));
      while (c.toString().endsWith("\\") && i + 1 < body.size()) {
        c.append('\n').append(body.get(++i));
      }
      command = c.toString();
      if (command.endsWith("\\")) {
        throw new IllegalArgumentException(
            "line " + line + ": the command's last line ends in a backslash: it never ends");
      }
      if (HEREDOC.matcher(command).find()) {
        throw new IllegalArgumentException(
            "line "
                + line
                + ": a heredoc: the runner runs one line per command; write the file"
                + " with echo or printf");
      }
    }
    if (command != null) {
      steps.add(new Step(command, line, List.copyOf(expected)));
    }
    return steps;
  }
}
