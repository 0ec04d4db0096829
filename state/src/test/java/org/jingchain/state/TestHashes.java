package org.jingchain.state;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;

/** Hash functions and an independent reference root for the state tests. */
final class TestHashes {
  /** The JDK's SHA-256, as the tree sees it. */
  static final HashFunction SHA256 = data -> Hash.wrap(sha256(data));

  /** The JDK's SHA-256, as the dependency-free verifier sees it. */
  static final UnaryOperator<byte[]> SHA256_BYTES = TestHashes::sha256;

  /**
   * SHA-256, except that 32-byte inputs hash to themselves: lets tests pick key hashes (keys of
   * exactly 32 bytes) to force deep paths. Node preimages are 65 bytes, so they still hash.
   */
  static final HashFunction IDENTITY_32 =
      data -> Hash.wrap(data.length == Hash.LENGTH ? data.clone() : sha256(data));

  static final UnaryOperator<byte[]> IDENTITY_32_BYTES =
      data -> data.length == Hash.LENGTH ? data.clone() : sha256(data);

  private TestHashes() {}

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static Bytes utf8(String s) {
    return Bytes.wrap(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  /**
   * The canonical root of a key/value set computed straight from the definition [STATE-2, 3],
   * independent of the versioned implementation.
   */
  static Hash referenceRoot(HashFunction h, Map<Bytes, Bytes> entries) {
    TreeMap<Hash, Hash> leaves = new TreeMap<>();
    for (Map.Entry<Bytes, Bytes> e : entries.entrySet()) {
      leaves.put(h.hash(e.getKey().unsafeArray()), h.hash(e.getValue().unsafeArray()));
    }
    return subtreeRoot(h, leaves, 0);
  }

  private static Hash subtreeRoot(HashFunction h, NavigableMap<Hash, Hash> leaves, int depth) {
    if (leaves.isEmpty()) {
      return Hash.ZERO;
    }
    if (leaves.size() == 1) {
      Map.Entry<Hash, Hash> only = leaves.firstEntry();
      return Node.leafHash(h, only.getKey(), only.getValue());
    }
    TreeMap<Hash, Hash> left = new TreeMap<>();
    TreeMap<Hash, Hash> right = new TreeMap<>();
    leaves.forEach((k, v) -> (k.bit(depth) ? right : left).put(k, v));
    return Node.internalHash(h, subtreeRoot(h, left, depth + 1), subtreeRoot(h, right, depth + 1));
  }
}
