/**
 * RocksDB storage of the chain: blocks, block and transaction indexes, receipts, versioned state
 * tree nodes and the flat latest-state view, all written in one atomic batch per block.
 */
package org.jingchain.storage;
