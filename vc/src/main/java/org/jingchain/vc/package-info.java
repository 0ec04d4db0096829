/**
 * W3C verifiable credentials on Jingchain (docs/spec/credentials.md): issuing as JWT and SD-JWT VC,
 * presenting with selective disclosure and holder binding, and verifying against the chain — issuer
 * DIDs, the trust registry, schemas and status lists — through a {@link
 * org.jingchain.vc.ChainView}.
 */
package org.jingchain.vc;
