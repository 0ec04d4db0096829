/**
 * Trusted object storage as a platform service: objects streamed into Reed–Solomon shards, each
 * committed by a Merkle root; the storage-node registry, object records and placement on chain
 * (docs/spec/storage.md).
 */
package org.jingchain.store;
