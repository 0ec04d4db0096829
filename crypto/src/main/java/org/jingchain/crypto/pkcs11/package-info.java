/**
 * Keys in hardware: an Ed25519 key in a PKCS#11 token (an HSM, a crypto chip, SoftHSM2), bound
 * through Java's foreign-function API.
 */
package org.jingchain.crypto.pkcs11;
