package org.jingchain.execution;

import org.jingchain.types.Address;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Hash;

/** What a contract may know about the transaction it runs: its sender, id and block. */
public record TxContext(Address sender, Hash txHash, BlockHeader block) {}
