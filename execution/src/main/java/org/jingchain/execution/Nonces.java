package org.jingchain.execution;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;

/** The per-account next-nonce, kept in authenticated state under {@code sys/nonce/<address>}. */
public final class Nonces {
  private Nonces() {}

  public static Bytes key(Address a) {
    return WriteSet.key("sys/nonce/" + a);
  }

  /** The nonce the account's next transaction must carry (0 for a new account). */
  public static long next(StateReader state, Address a) {
    Optional<Bytes> v = state.get(key(a));
    return v.map(b -> ByteBuffer.wrap(b.unsafeArray()).getLong()).orElse(0L);
  }

  static void set(WriteSet state, Address a, long next) {
    state.put(key(a), Bytes.wrap(ByteBuffer.allocate(8).putLong(next).array()));
  }
}
