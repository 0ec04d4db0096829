/** The asset system contract: fungible tokens and non-fungible digital collectibles. */
package org.jingchain.asset;
