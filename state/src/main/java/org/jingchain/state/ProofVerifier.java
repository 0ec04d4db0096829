package org.jingchain.state;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Checks {@link SparseMerkleProof} bytes against a root hash using only the JDK, so SDKs and light
 * clients can copy or depend on it alone [STATE-11, STATE-12, STATE-13].
 *
 * <p>{@code h} is the chain's 32-byte hash (SHA-256 or SM3) as a function on byte arrays. Every
 * method returns {@code false} rather than throwing on malformed proofs, wrong-length inputs or
 * nulls; exceptions thrown by {@code h} itself propagate.
 */
public final class ProofVerifier {
  private static final int HASH_LENGTH = 32;
  private static final int MAX_DEPTH = 256;

  private ProofVerifier() {}

  /**
   * Whether {@code proof} shows {@code key} maps to {@code value} in the tree with {@code root}.
   */
  public static boolean verifyInclusion(
      UnaryOperator<byte[]> h, byte[] root, byte[] key, byte[] value, byte[] proof) {
    if (value == null) {
      return false;
    }
    return verify(h, root, key, value, proof);
  }

  /** Whether {@code proof} shows {@code key} is absent from the tree with {@code root}. */
  public static boolean verifyNonInclusion(
      UnaryOperator<byte[]> h, byte[] root, byte[] key, byte[] proof) {
    return verify(h, root, key, null, proof);
  }

  /**
   * One entry point for both cases: {@code value == null} checks non-inclusion, otherwise inclusion
   * of exactly {@code value}.
   */
  public static boolean verify(
      UnaryOperator<byte[]> h, byte[] root, byte[] key, byte[] value, byte[] proof) {
    if (h == null || root == null || key == null || proof == null) {
      return false;
    }
    if (root.length != HASH_LENGTH) {
      return false;
    }
    Parsed p = parse(proof);
    if (p == null) {
      return false;
    }
    byte[] keyHash = h.apply(key);
    if (keyHash == null || keyHash.length != HASH_LENGTH) {
      return false;
    }
    byte[] node = startNode(h, p, keyHash, value);
    if (node == null) {
      return false;
    }
    for (int i = p.depth - 1; i >= 0; i--) {
      byte[] sibling = Arrays.copyOfRange(p.siblings, i * HASH_LENGTH, (i + 1) * HASH_LENGTH);
      node = bit(keyHash, i) ? internal(h, sibling, node) : internal(h, node, sibling);
      if (node == null) {
        return false;
      }
    }
    return Arrays.equals(node, root);
  }

  /** The hash at the proof's end position, or null if the proof cannot support the claim. */
  private static byte[] startNode(UnaryOperator<byte[]> h, Parsed p, byte[] keyHash, byte[] value) {
    if (p.leafKeyHash == null) {
      // The placeholder proves absence only; a present value needs its leaf.
      return value == null ? new byte[HASH_LENGTH] : null;
    }
    if (p.depth > 0 && isZero(p.siblings, (p.depth - 1) * HASH_LENGTH)) {
      // A leaf beside an empty sibling would have collapsed upward [STATE-3]: never canonical.
      return null;
    }
    boolean sameKey = Arrays.equals(p.leafKeyHash, keyHash);
    if (value != null) {
      byte[] valueHash = h.apply(value);
      if (!sameKey || !Arrays.equals(p.leafValueHash, valueHash)) {
        return null;
      }
    } else if (sameKey || !sharesPrefix(p.leafKeyHash, keyHash, p.depth)) {
      // A different leaf proves absence only if it sits on the key's own path [STATE-12].
      return null;
    }
    byte[] pre = new byte[1 + 2 * HASH_LENGTH];
    System.arraycopy(p.leafKeyHash, 0, pre, 1, HASH_LENGTH);
    System.arraycopy(p.leafValueHash, 0, pre, 1 + HASH_LENGTH, HASH_LENGTH);
    return checked(h.apply(pre));
  }

  private static byte[] internal(UnaryOperator<byte[]> h, byte[] left, byte[] right) {
    byte[] pre = new byte[1 + 2 * HASH_LENGTH];
    pre[0] = 0x01;
    System.arraycopy(left, 0, pre, 1, HASH_LENGTH);
    System.arraycopy(right, 0, pre, 1 + HASH_LENGTH, HASH_LENGTH);
    return checked(h.apply(pre));
  }

  private static byte[] checked(byte[] digest) {
    return digest != null && digest.length == HASH_LENGTH ? digest : null;
  }

  private static boolean bit(byte[] hash, int i) {
    return ((hash[i >>> 3] >>> (7 - (i & 7))) & 1) == 1;
  }

  private static boolean sharesPrefix(byte[] a, byte[] b, int bits) {
    for (int i = 0; i < bits; i++) {
      if (bit(a, i) != bit(b, i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isZero(byte[] data, int off) {
    for (int i = off; i < off + HASH_LENGTH; i++) {
      if (data[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** The decoded proof; null leaf fields mean "placeholder". */
  private static final class Parsed {
    final byte[] leafKeyHash;
    final byte[] leafValueHash;
    final int depth;
    final byte[] siblings;

    Parsed(byte[] leafKeyHash, byte[] leafValueHash, int depth, byte[] siblings) {
      this.leafKeyHash = leafKeyHash;
      this.leafValueHash = leafValueHash;
      this.depth = depth;
      this.siblings = siblings;
    }
  }

  /** Strict parse mirroring {@link SparseMerkleProof#decode}; null if malformed. */
  private static Parsed parse(byte[] proof) {
    if (proof.length < 3) {
      return null;
    }
    int flag = proof[0] & 0xff;
    int off = 1;
    byte[] keyHash = null;
    byte[] valueHash = null;
    if (flag == 1) {
      if (proof.length < 1 + 2 * HASH_LENGTH + 2) {
        return null;
      }
      keyHash = Arrays.copyOfRange(proof, 1, 1 + HASH_LENGTH);
      valueHash = Arrays.copyOfRange(proof, 1 + HASH_LENGTH, 1 + 2 * HASH_LENGTH);
      off += 2 * HASH_LENGTH;
    } else if (flag != 0) {
      return null;
    }
    int depth = ((proof[off] & 0xff) << 8) | (proof[off + 1] & 0xff);
    off += 2;
    if (depth > MAX_DEPTH || proof.length - off != depth * HASH_LENGTH) {
      return null;
    }
    return new Parsed(keyHash, valueHash, depth, Arrays.copyOfRange(proof, off, proof.length));
  }
}
