package org.jingchain.sdk;

import java.util.Optional;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;

/**
 * A state value (or its proven absence) whose Merkle proof the client checked against {@code
 * stateRoot} of {@code version}. {@code encodedProof} can be stored and re-verified offline.
 */
public record VerifiedState(
    Bytes key,
    Optional<Bytes> value,
    long version,
    Hash stateRoot,
    String suite,
    Bytes encodedProof) {}
