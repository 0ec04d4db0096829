/**
 * Contract ABIs as solc writes them: functions, events and errors with their selectors and topics,
 * and values to and from JSON. The encoding itself is {@code org.jingchain.evm.abi} (cross-checked
 * against ethers.js in the tests).
 */
package org.jingchain.sdk.abi;
