// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// What a contract on a Jingchain chain may ask the platform (docs/spec/evm.md, [EVM-PRE-2]).
/// Each is a precompile at a fixed address; a malformed call reverts with Error(string).

/// SM3, SM2 (GB/T 32918, default user id 1234567812345678) and Ed25519 at 0x…0a01.
interface JingCrypto {
    function sm3(bytes calldata data) external view returns (bytes32);
    /// publicKey: 33-byte compressed SM2 point; signature: r || s, 64 bytes.
    function sm2Verify(bytes calldata publicKey, bytes calldata message, bytes calldata signature) external view returns (bool);
    function ed25519Verify(bytes32 publicKey, bytes calldata message, bytes calldata signature) external view returns (bool);
}

/// DIDs, status lists and the trust registry at 0x…0a02.
interface JingIdentity {
    function didStatus(string calldata did) external view returns (bool exists, bool deactivated, uint64 version);
    /// keyType: 1 Ed25519, 2 SM2, 3 P-256; relationship: 1 authentication, 2 assertionMethod.
    function didHasKey(string calldata did, uint8 keyType, bytes calldata publicKey, uint8 relationship) external view returns (bool);
    /// Reverts when the list does not exist or the index is outside it; purpose: 0 revocation, 1 suspension.
    function statusBit(string calldata issuerDid, string calldata listId, uint256 index) external view returns (bool set, uint8 purpose);
    /// schemaDigest: SHA-256 of the schema document, as the trust registry keys it.
    function trustedIssuer(string calldata issuerDid, bytes32 schemaDigest) external view returns (bool);
}

/// The data directory at 0x…0a03: the same decision a data server makes before it serves a byte.
interface JingData {
    /// grant 0 asks about the asset's policy alone (public, or a group the requester is in).
    function accessAllowed(string calldata assetId, string calldata requesterDid, uint64 grant) external view returns (bool allowed, string memory code);
}

library JingPlatform {
    JingCrypto internal constant CRYPTO = JingCrypto(address(uint160(0x0a01)));
    JingIdentity internal constant IDENTITY = JingIdentity(address(uint160(0x0a02)));
    JingData internal constant DATA = JingData(address(uint160(0x0a03)));
}
