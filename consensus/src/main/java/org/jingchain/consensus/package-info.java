/**
 * The BFT consensus core: a pipelined two-chain HotStuff (Jolteon / DiemBFT v4) state machine with
 * no threads, clocks, randomness or I/O inside. Specified in docs/spec/consensus.md.
 */
package org.jingchain.consensus;
