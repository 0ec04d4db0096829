/**
 * Core records of the ledger (hashes, addresses, keys, transactions, blocks, receipts). Pure data:
 * no I/O, no crypto implementation; hashing is supplied by the caller as a {@link
 * org.jingchain.types.HashFunction}.
 */
package org.jingchain.types;
