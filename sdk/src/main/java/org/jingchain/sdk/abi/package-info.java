/**
 * The Solidity contract ABI: reading solc's ABI JSON, function selectors, and encoding arguments
 * and decoding results, errors and events (cross-checked against ethers.js in the tests).
 */
package org.jingchain.sdk.abi;
