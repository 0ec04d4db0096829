// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// An OpenZeppelin ERC721 whose owner (the deployer) awards badges.
contract CityBadge is ERC721, Ownable {
    constructor() ERC721("City Badge", "BADGE") Ownable(msg.sender) {}

    function award(address to, uint256 id) external onlyOwner {
        _safeMint(to, id);
    }
}
