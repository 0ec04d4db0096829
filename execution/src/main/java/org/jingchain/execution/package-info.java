/**
 * Deterministic execution of ordered blocks: nonce and expiry rules, the system contract registry,
 * and per-transaction write sets. Nothing here reads the clock, randomness or hash-map order.
 */
package org.jingchain.execution;
