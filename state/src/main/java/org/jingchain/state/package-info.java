/**
 * Authenticated state: a versioned, Jellyfish-style binary sparse Merkle tree ({@link
 * org.jingchain.state.StateTree}), its canonical node/proof encodings, an in-memory store, and a
 * dependency-free proof verifier ({@link org.jingchain.state.ProofVerifier}). The normative
 * description is {@code docs/spec/state.md}; invariants are tagged {@code [STATE-n]} there.
 */
package org.jingchain.state;
