package org.jingchain.state;

/** Thrown when bytes are not a canonical encoding of a NodeKey, Node or StaleNode [STATE-8]. */
public final class MalformedNodeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MalformedNodeException(String message) {
    super(message);
  }
}
