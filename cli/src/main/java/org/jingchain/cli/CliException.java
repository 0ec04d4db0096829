package org.jingchain.cli;

/** A user-facing failure: printed as {@code error: <message>} with exit code 1, no stack trace. */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message);
  }
}
