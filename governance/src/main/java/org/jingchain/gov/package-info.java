/**
 * Governance (docs/spec/governance.md): organisations, roles, parameters, proposals and votes, and
 * the access rules execution applies to every transaction.
 */
package org.jingchain.gov;
