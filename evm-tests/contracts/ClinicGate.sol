// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import "./JingPlatform.sol";

/// Admits a researcher to a study only while their credential is not revoked and the hospital's
/// data directory grants them the cohort: two platform checks no other chain offers a contract.
contract ClinicGate {
    string public issuerDid;
    string public listId;
    string public assetId;

    event Admitted(string researcher, uint256 credentialIndex, uint64 grant);

    error CredentialRevoked(uint256 index);
    error NoAccess(string code);

    constructor(string memory issuer, string memory list, string memory asset) {
        issuerDid = issuer;
        listId = list;
        assetId = asset;
    }

    function check(string calldata researcher, uint256 credentialIndex, uint64 grant) public view returns (bool) {
        (bool revoked, ) = JingPlatform.IDENTITY.statusBit(issuerDid, listId, credentialIndex);
        if (revoked) revert CredentialRevoked(credentialIndex);
        (bool allowed, string memory code) = JingPlatform.DATA.accessAllowed(assetId, researcher, grant);
        if (!allowed) revert NoAccess(code);
        return true;
    }

    function admit(string calldata researcher, uint256 credentialIndex, uint64 grant) external {
        check(researcher, credentialIndex, grant);
        emit Admitted(researcher, credentialIndex, grant);
    }

    function digest(bytes calldata data) external view returns (bytes32) {
        return JingPlatform.CRYPTO.sm3(data);
    }
}
