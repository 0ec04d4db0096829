// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// An OpenZeppelin AccessControl example: the deployer is admin and can grant CLERK_ROLE;
/// only clerks can record.
contract Roles is AccessControl {
    bytes32 public constant CLERK_ROLE = keccak256("CLERK_ROLE");

    event Recorded(address indexed clerk, string entry);

    constructor() {
        _grantRole(DEFAULT_ADMIN_ROLE, msg.sender);
    }

    function record(string calldata entry) external onlyRole(CLERK_ROLE) {
        emit Recorded(msg.sender, entry);
    }
}
