/**
 * Deterministic simulator for the consensus core: simulated clock, network and disks, seeded faults
 * and Byzantine validators, and checkers run after every step. A run is a function of its seed, so
 * any failure replays exactly.
 */
package org.jingchain.sim;
