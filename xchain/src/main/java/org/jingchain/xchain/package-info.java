/**
 * Cross-chain (docs/spec/xchain.md): clients of other chains kept in state and verified by their
 * headers, quorum certificates and Merkle proofs; packets committed by the sender, received with
 * proofs, acknowledged or timed out exactly once; token and collectible transfers on packets.
 */
package org.jingchain.xchain;
