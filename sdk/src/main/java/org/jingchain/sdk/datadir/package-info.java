/**
 * Serving data assets off chain (docs/spec/datadir-access.md): short-lived access tokens signed by
 * a requester's DID key ({@link org.jingchain.sdk.datadir.AccessTokens}) and the data server that
 * checks them and the grant on chain, records the access, and only then sends the bytes ({@link
 * org.jingchain.sdk.datadir.DataServer}).
 */
package org.jingchain.sdk.datadir;
