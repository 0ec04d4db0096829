package org.jingchain.sdk;

import java.util.Optional;
import org.jingchain.light.CommittedHeader;
import org.jingchain.types.Bytes;

/**
 * A state value (or its proven absence) checked against the state root of a block that a quorum of
 * the chain's validators committed: {@code header.stateRoot()} is the state after {@code
 * header.height()}.
 */
public record CertifiedState(Bytes key, Optional<Bytes> value, CommittedHeader header) {}
