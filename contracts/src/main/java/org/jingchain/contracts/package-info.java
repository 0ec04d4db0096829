/**
 * Smart contracts as a platform service: EVM bytecode deployed and called by ordinary signed
 * transactions, contract state in the authenticated state tree (docs/spec/evm.md section 7).
 */
package org.jingchain.contracts;
