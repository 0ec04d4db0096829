package org.jingchain.consensus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jingchain.types.Address;
import org.jingchain.types.HashFunction;
import org.jingchain.types.PublicKey;

/** The ordered validators of a chain, with the quorum and leader rules of the protocol. */
public final class ValidatorSet {
  /** Upper bound on validators, so indices fit in a u16 and certificates stay bounded. */
  public static final int MAX_VALIDATORS = 1000;

  private final List<PublicKey> keys;
  private final List<Address> addresses;
  private final Map<PublicKey, Integer> indexByKey = new HashMap<>();

  public ValidatorSet(List<PublicKey> keys, HashFunction hash) {
    if (keys.isEmpty() || keys.size() > MAX_VALIDATORS) {
      throw new IllegalArgumentException("need 1.." + MAX_VALIDATORS + " validators");
    }
    this.keys = List.copyOf(keys);
    this.addresses = keys.stream().map(k -> Address.of(k, hash)).toList();
    for (int i = 0; i < keys.size(); i++) {
      if (indexByKey.put(keys.get(i), i) != null) {
        throw new IllegalArgumentException("duplicate validator key " + keys.get(i));
      }
    }
  }

  public int size() {
    return keys.size();
  }

  /** f: how many validators may be faulty. */
  public int maxFaulty() {
    return (keys.size() - 1) / 3;
  }

  /** n - f: any two quorums share at least f+1 validators. */
  public int quorum() {
    return keys.size() - maxFaulty();
  }

  public PublicKey key(int index) {
    return keys.get(index);
  }

  public Address address(int index) {
    return addresses.get(index);
  }

  public List<PublicKey> keys() {
    return keys;
  }

  public boolean isValidIndex(int index) {
    return index >= 0 && index < keys.size();
  }

  public Optional<Integer> indexOf(PublicKey key) {
    return Optional.ofNullable(indexByKey.get(key));
  }

  /** Round-robin leader of {@code round}. */
  public int leader(long round) {
    return (int) Math.floorMod(round, (long) keys.size());
  }
}
