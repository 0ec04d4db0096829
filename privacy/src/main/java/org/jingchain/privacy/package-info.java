/**
 * Privacy services (docs/spec/privacy.md): the prime-order group of each crypto suite, the proofs
 * built on it, and the sealed-aggregate service — a dealer-free key generation among authorities,
 * encrypted contributions summed on chain, and threshold decryption with verifiable shares.
 */
package org.jingchain.privacy;
