/** The {@code jing} command line: the dev node, keys, assets, collectibles, blocks and proofs. */
package org.jingchain.cli;
