package org.jingchain.types;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** What a transaction asks for: a method of a contract with its canonically encoded arguments. */
public record Call(String contract, String method, Bytes args) {
  public Call {
    requireName("contract", contract);
    requireName("method", method);
    Objects.requireNonNull(args, "args");
    if (args.length() > Limits.MAX_ARGS_BYTES) {
      throw new IllegalArgumentException("args exceed " + Limits.MAX_ARGS_BYTES + " bytes");
    }
  }

  private static void requireName(String what, String name) {
    Objects.requireNonNull(name, what);
    int n = name.getBytes(StandardCharsets.UTF_8).length;
    if (n == 0 || n > Limits.MAX_NAME_BYTES) {
      throw new IllegalArgumentException(
          what + " name must be 1.." + Limits.MAX_NAME_BYTES + " bytes");
    }
  }
}
