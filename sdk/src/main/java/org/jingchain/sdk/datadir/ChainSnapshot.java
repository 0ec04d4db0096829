package org.jingchain.sdk.datadir;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jingchain.execution.StateReader;
import org.jingchain.types.Bytes;
import org.jingchain.vc.ChainView;
import org.jingchain.vc.VcException;

/**
 * The chain's state at one certified height [DDA-8]: every read of {@link #view()} (and of {@link
 * #state()}, the same reads for the data directory's helpers) is at {@code height}, whose block
 * time is {@code timeMillis}. The default, {@link CertifiedChain}, checks each read with a Merkle
 * proof against a state root a quorum of validators certified.
 */
public record ChainSnapshot(String chainId, long height, long timeMillis, ChainView view) {
  public ChainSnapshot {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(view, "view");
  }

  /** A chain read through {@link #state()} failed: the answer could not be had or verified. */
  public static final class ReadFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReadFailed(VcException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /**
   * The same reads as a {@link StateReader} (state keys are UTF-8 strings), for {@code
   * org.jingchain.datadir.Datadir}; a failed read throws {@link ReadFailed}.
   */
  public StateReader state() {
    return key -> {
      try {
        return view.read(new String(key.unsafeArray(), StandardCharsets.UTF_8)).map(Bytes::wrap);
      } catch (VcException e) {
        throw new ReadFailed(e);
      }
    };
  }

  /** This snapshot reading each key from the chain at most once (one request reads a key twice). */
  public ChainSnapshot memoized() {
    ConcurrentHashMap<String, Optional<byte[]>> seen = new ConcurrentHashMap<>();
    ChainView inner = view;
    ChainView once =
        key -> {
          Optional<byte[]> v = seen.get(key);
          if (v == null) {
            v = inner.read(key);
            seen.put(key, v);
          }
          return v.map(byte[]::clone);
        };
    return new ChainSnapshot(chainId, height, timeMillis, once);
  }
}
