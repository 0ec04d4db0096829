// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// No imports: a counter with an event, a custom error and a require message.
contract Counter {
    uint256 public count;

    event Incremented(address indexed by, uint256 count);

    error TooBig(uint256 asked, uint256 limit);

    function increment() external {
        count += 1;
        emit Incremented(msg.sender, count);
    }

    function add(uint256 n) external {
        if (n > 100) revert TooBig(n, 100);
        count += n;
        emit Incremented(msg.sender, count);
    }

    function fail() external pure {
        require(false, "counter says no");
    }
}
