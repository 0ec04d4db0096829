/**
 * Canonical binary encoding of everything that is hashed or signed (see {@code
 * docs/spec/encoding.md}). Decoders are strict: any input that is not the unique canonical form of
 * a value is rejected with a {@link org.jingchain.codec.DecodeException}.
 */
package org.jingchain.codec;
