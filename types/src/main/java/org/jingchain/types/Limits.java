package org.jingchain.types;

/**
 * Hard protocol limits; decoders and validators enforce them, and docs/spec/encoding.md lists them.
 */
public final class Limits {
  public static final int MAX_CHAIN_ID_BYTES = 64;
  public static final int MAX_NAME_BYTES = 32;
  public static final int MAX_ARGS_BYTES = 256 * 1024;
  public static final int MAX_SIGNATURE_BYTES = 128;
  public static final int MAX_TX_BYTES = 264 * 1024;
  public static final int MAX_BLOCK_TXS = 20_000;
  public static final int MAX_EVENTS_PER_RECEIPT = 64;
  public static final int MAX_EVENT_ATTRIBUTES = 16;
  public static final int MAX_EVENT_TEXT_BYTES = 1024;
  public static final int MAX_RECEIPT_MESSAGE_BYTES = 1024;

  private Limits() {}
}
