package org.jingchain.storage;

/** Where a committed transaction sits: block height and index within the block. */
public record TxLocation(long height, int index) {}
