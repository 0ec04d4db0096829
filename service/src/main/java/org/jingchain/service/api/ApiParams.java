package org.jingchain.service.api;

import java.util.HexFormat;
import org.jingchain.types.Address;
import org.jingchain.types.Hash;

/** Parses path and query parameters, answering {@code BAD_REQUEST} with the reason. */
public final class ApiParams {
  private ApiParams() {}

  public static Address address(String s) throws ApiException {
    try {
      return Address.parse(s);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, e.getMessage());
    }
  }

  public static Hash hash(String s) throws ApiException {
    try {
      return Hash.fromHex(s);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "'" + s + "' is not a 64-character hex hash");
    }
  }

  /**
   * Plain hex bytes. A {@code 0x} prefix is refused rather than guessed at: what a client signed
   * and what the node reads must be the same characters.
   */
  public static byte[] hex(String field, String value) throws ApiException {
    if (value == null) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "field '" + field + "' is required");
    }
    if (value.startsWith("0x") || value.startsWith("0X")) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST, "field '" + field + "' must be plain hex, without a 0x prefix");
    }
    try {
      return HexFormat.of().parseHex(value);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "field '" + field + "' must be hex");
    }
  }

  /** Query parameter {@code name} in {@code min..max}, or {@code dflt} when absent. */
  public static int intParam(Request req, String name, int dflt, int min, int max)
      throws ApiException {
    return req.query(name).isPresent() ? (int) longParam(req, name, min, max) : dflt;
  }

  /** Query parameter {@code name}, which must be present, in {@code min..max}. */
  public static long longParam(Request req, String name, long min, long max) throws ApiException {
    String v =
        req.query(name)
            .orElseThrow(
                () -> new ApiException(ErrorCode.BAD_REQUEST, "'" + name + "' is required"));
    try {
      long n = Long.parseLong(v);
      if (n < min || n > max) {
        throw new ApiException(
            ErrorCode.BAD_REQUEST, "'" + name + "' must be in " + min + ".." + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "'" + name + "' must be a whole number");
    }
  }

  /**
   * Whether {@code proof=…} asks for a proof: {@code true} or {@code false}, absent meaning false;
   * anything else ({@code maybe}, {@code 0}, {@code yes}) is {@code BAD_REQUEST}, not a guess.
   */
  public static boolean wantsProof(Request req) throws ApiException {
    var v = req.query("proof");
    if (v.isEmpty() || v.get().equals("false")) {
      return false;
    }
    if (v.get().equals("true")) {
      return true;
    }
    throw new ApiException(
        ErrorCode.BAD_REQUEST, "'proof' must be true or false, got '" + v.get() + "'");
  }
}
