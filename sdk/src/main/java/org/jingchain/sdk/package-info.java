/**
 * Java client for a Jingchain node: build and sign transactions in either suite, submit them, wait
 * for receipts, and read state with the Merkle proof verified on the caller's side.
 */
package org.jingchain.sdk;
