/**
 * The Solidity contract ABI's types and encoding, shared by the chain's native contracts
 * (precompiles decode their calls with it) and clients (the SDK encodes arguments with it).
 */
package org.jingchain.evm.abi;
