/**
 * The node's composition root: configuration, genesis, mempool, block production and the chain
 * head, wired to storage, execution and the REST API.
 */
package org.jingchain.node;
