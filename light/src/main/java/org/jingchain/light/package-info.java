/**
 * A light client: trusts a chain's validator set (from genesis) and, from quorum certificates,
 * verifies that headers are certified and committed, which state root a committed height has, and
 * state proofs against it, without trusting the node that serves them. Specified in {@code
 * docs/spec/light-client.md}; invariants are tagged {@code [LC-n]} there.
 */
package org.jingchain.light;
