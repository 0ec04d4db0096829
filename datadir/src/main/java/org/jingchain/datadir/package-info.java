/**
 * The data directory (docs/spec/datadir.md): the system contract {@code datadir} for data assets,
 * access requests and grants, consent, the audit trail and lineage, with its argument encodings
 * ({@link org.jingchain.datadir.DatadirCalls}) and read helpers ({@link
 * org.jingchain.datadir.Datadir}). Deterministic: block time only, sorted collections only.
 */
package org.jingchain.datadir;
