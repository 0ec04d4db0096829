/** The did:jing method: DID records, signed operations and the registry contract. */
package org.jingchain.identity;
