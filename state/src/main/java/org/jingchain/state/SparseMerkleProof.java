package org.jingchain.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jingchain.types.Hash;

/**
 * A Merkle path from a root to the position a key hash leads to: the leaf found there (if any) and
 * the sibling hashes from the root downward [STATE-10].
 *
 * <p>If {@code leaf} is empty the position holds the empty placeholder; if its {@code keyHash}
 * differs from the queried key's, that other leaf proves the key absent. {@link Hash#toHex()}
 * renders every field for JSON.
 *
 * @param leaf the leaf at the end of the path, or empty for the placeholder
 * @param siblings sibling hashes, index {@code i} being the sibling at depth {@code i+1}; the size
 *     is the depth (0..256) of the leaf or placeholder
 */
public record SparseMerkleProof(Optional<ProofLeaf> leaf, List<Hash> siblings) {
  static final int FLAG_NO_LEAF = 0;
  static final int FLAG_LEAF = 1;

  public SparseMerkleProof {
    Objects.requireNonNull(leaf, "leaf");
    siblings = List.copyOf(siblings);
    if (siblings.size() > BitPath.MAX_DEPTH) {
      throw new IllegalArgumentException(
          siblings.size() + " siblings exceed the maximum depth " + BitPath.MAX_DEPTH);
    }
  }

  /**
   * The leaf a proof ends at.
   *
   * @param keyHash {@code H(key)} of the leaf's key
   * @param valueHash {@code H(value)} of the leaf's value
   */
  public record ProofLeaf(Hash keyHash, Hash valueHash) {
    public ProofLeaf {
      Objects.requireNonNull(keyHash, "keyHash");
      Objects.requireNonNull(valueHash, "valueHash");
    }
  }

  /**
   * {@code flag} (1 byte: 0 = placeholder, 1 = leaf) || [{@code keyHash} || {@code valueHash}] if
   * flag is 1 || sibling count (2 bytes big-endian, at most 256) || siblings (32 bytes each, root
   * downward) [STATE-10].
   */
  public byte[] encode() {
    int leafLen = leaf.isPresent() ? 2 * Hash.LENGTH : 0;
    byte[] out = new byte[1 + leafLen + 2 + siblings.size() * Hash.LENGTH];
    int off = 1;
    if (leaf.isPresent()) {
      out[0] = FLAG_LEAF;
      System.arraycopy(leaf.get().keyHash().unsafeArray(), 0, out, off, Hash.LENGTH);
      System.arraycopy(
          leaf.get().valueHash().unsafeArray(), 0, out, off + Hash.LENGTH, Hash.LENGTH);
      off += leafLen;
    }
    out[off] = (byte) (siblings.size() >>> 8);
    out[off + 1] = (byte) siblings.size();
    off += 2;
    for (Hash s : siblings) {
      System.arraycopy(s.unsafeArray(), 0, out, off, Hash.LENGTH);
      off += Hash.LENGTH;
    }
    return out;
  }

  /** Strict inverse of {@link #encode()}; throws {@link MalformedProofException}. */
  public static SparseMerkleProof decode(byte[] bytes) {
    ByteReader in = new ByteReader(bytes, MalformedProofException::new);
    Optional<ProofLeaf> leaf =
        switch (in.u8()) {
          case FLAG_NO_LEAF -> Optional.empty();
          case FLAG_LEAF -> Optional.of(new ProofLeaf(in.hash(), in.hash()));
          default -> throw in.fail("unknown leaf flag " + (bytes[0] & 0xff));
        };
    int count = in.u16();
    if (count > BitPath.MAX_DEPTH) {
      throw in.fail(count + " siblings exceed the maximum depth " + BitPath.MAX_DEPTH);
    }
    List<Hash> siblings = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      siblings.add(in.hash());
    }
    in.finish();
    return new SparseMerkleProof(leaf, siblings);
  }
}
