/**
 * Crypto suites ({@code intl}: Ed25519, SHA-256, AES-256-GCM, X25519; {@code sm}: SM2, SM3,
 * SM4-GCM, SM2 key exchange), parallel batch verification and encrypted key stores.
 */
package org.jingchain.crypto;
