/**
 * The store's client and storage node: putting files as shards on the nodes the chain placed them
 * on and getting them back checked, and the node that keeps, confirms and serves shards
 * (docs/spec/storage.md sections 4 and 5).
 */
package org.jingchain.sdk.store;
