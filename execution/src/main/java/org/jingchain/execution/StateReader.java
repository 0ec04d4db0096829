package org.jingchain.execution;

import java.util.Optional;
import org.jingchain.types.Bytes;

/** Read access to the committed state that a block executes on. */
@FunctionalInterface
public interface StateReader {
  Optional<Bytes> get(Bytes key);
}
