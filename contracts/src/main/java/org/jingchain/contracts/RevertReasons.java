package org.jingchain.contracts;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * Revert data as a person reads it [EVM-TX-4]: Solidity's {@code Error(string)} gives its message,
 * {@code Panic(uint256)} its code and meaning, anything else its selector and bytes.
 */
public final class RevertReasons {
  private static final byte[] ERROR = {0x08, (byte) 0xc3, 0x79, (byte) 0xa0};
  private static final byte[] PANIC = {0x4e, 0x48, 0x7b, 0x71};
  private static final Map<Integer, String> PANICS =
      Map.ofEntries(
          Map.entry(0x00, "generic compiler panic"),
          Map.entry(0x01, "assertion failed"),
          Map.entry(0x11, "arithmetic overflow or underflow"),
          Map.entry(0x12, "division or modulo by zero"),
          Map.entry(0x21, "invalid enum value"),
          Map.entry(0x22, "corrupt storage byte array"),
          Map.entry(0x31, "pop from an empty array"),
          Map.entry(0x32, "array index out of bounds"),
          Map.entry(0x41, "too much memory allocated"),
          Map.entry(0x51, "call to an uninitialised function"));
  private static final int MAX_TEXT = 400;

  /** Revert data up to this size is quoted whole in the reason (it fits a receipt's message). */
  static final int MAX_DATA = 400;

  private RevertReasons() {}

  public static String describe(byte[] data) {
    if (data.length == 0) {
      return "reverted without a reason";
    }
    if (data.length >= 4 && Arrays.equals(Arrays.copyOf(data, 4), ERROR)) {
      String msg = errorString(data);
      if (msg != null) {
        return "reverted: " + msg;
      }
    }
    if (data.length == 36 && Arrays.equals(Arrays.copyOf(data, 4), PANIC)) {
      BigInteger code = new BigInteger(1, Arrays.copyOfRange(data, 4, 36));
      String meaning = code.bitLength() <= 8 ? PANICS.get(code.intValue()) : null;
      return "panic 0x" + code.toString(16) + (meaning == null ? "" : ": " + meaning);
    }
    String hex = HexFormat.of().formatHex(data);
    String selector = "reverted with custom error 0x" + hex.substring(0, Math.min(8, hex.length()));
    if (data.length <= MAX_DATA) {
      // The whole revert data, so a client holding the contract's ABI can decode the error.
      return selector + ", data 0x" + hex;
    }
    return selector + " (" + (data.length - 4) + " bytes of arguments)";
  }

  /** The string of ABI-encoded {@code Error(string)} data, or null if it is not well formed. */
  private static String errorString(byte[] data) {
    if (data.length < 4 + 64) {
      return null;
    }
    BigInteger offset = new BigInteger(1, Arrays.copyOfRange(data, 4, 36));
    if (offset.compareTo(BigInteger.valueOf(data.length)) >= 0) {
      return null;
    }
    int at = 4 + offset.intValue();
    if (at + 32 > data.length) {
      return null;
    }
    BigInteger len = new BigInteger(1, Arrays.copyOfRange(data, at, at + 32));
    if (len.compareTo(BigInteger.valueOf(data.length - at - 32)) > 0) {
      return null;
    }
    String s =
        new String(data, at + 32, len.intValue(), StandardCharsets.UTF_8)
            .replaceAll("\\p{Cntrl}", "?");
    return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "…" : s;
  }
}
