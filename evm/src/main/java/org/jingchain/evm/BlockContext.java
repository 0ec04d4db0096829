package org.jingchain.evm;

import java.util.function.LongFunction;

/**
 * What the block-information opcodes answer [EVM-CTX-1]. {@code blockHash} answers BLOCKHASH for
 * the 256 blocks before {@code number} (the interpreter never asks outside that window).
 */
public record BlockContext(
    long number,
    long timestamp,
    long gasLimit,
    Address coinbase,
    UInt256 prevRandao,
    UInt256 baseFee,
    UInt256 blobBaseFee,
    UInt256 chainId,
    LongFunction<UInt256> blockHash) {}
