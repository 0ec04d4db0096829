/**
 * Shared test fixtures, for test scope only: {@link org.jingchain.testkit.TestChain} (a chain's
 * state in memory, changed by the real contracts, with parties that have DIDs), {@link
 * org.jingchain.testkit.HeaderChain} (headers certified by a fixed set of validators) and {@link
 * org.jingchain.testkit.TestKeys} (keys from names). Everything is deterministic.
 */
package org.jingchain.testkit;
