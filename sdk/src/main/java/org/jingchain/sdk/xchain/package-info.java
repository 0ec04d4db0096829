/**
 * The cross-chain relayer (docs/spec/xchain.md section 7): carries packets, acknowledgements and
 * timeouts between two chains with the proofs each chain checks itself. Trusted for nothing.
 */
package org.jingchain.sdk.xchain;
