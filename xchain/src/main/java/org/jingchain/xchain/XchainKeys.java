package org.jingchain.xchain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jingchain.codec.Encoder;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.HashFunction;
import org.jingchain.types.SuiteId;

/**
 * The cross-chain state keys (docs/spec/xchain.md 1.4) and typed reads of them. Relayers and the
 * SDK build the same keys to ask for proofs.
 */
public final class XchainKeys {
  private XchainKeys() {}

  public static final String PREFIX = "xchain/";
  static final String NEXT_CLIENT = PREFIX + "next-client";

  /** {@code <n>} as 20 decimal digits, so prefix scans return keys in number order. */
  public static String padded(long n) {
    return String.format(java.util.Locale.ROOT, "%020d", n);
  }

  public static String client(String id) {
    return PREFIX + "client/" + id;
  }

  public static String epoch(String client, long number) {
    return client(client) + "/epoch/" + padded(number);
  }

  public static String height(String client, long height) {
    return client(client) + "/height/" + padded(height);
  }

  static String nextSequence(String client) {
    return PREFIX + "next-seq/" + client;
  }

  /** Where the source keeps a packet until acknowledged or timed out [XC-10]. */
  public static String commitment(String client, long sequence) {
    return commitmentPrefix(client) + padded(sequence);
  }

  public static String commitmentPrefix(String client) {
    return PREFIX + "commit/" + client + "/";
  }

  /** Where the destination records that it received a packet [XC-11]. */
  public static String receipt(String client, long sequence) {
    return PREFIX + "receipt/" + client + "/" + padded(sequence);
  }

  /** Where the destination writes a packet's acknowledgement [XC-11]. */
  public static String ack(String client, long sequence) {
    return PREFIX + "ack/" + client + "/" + padded(sequence);
  }

  public static String voucher(String denom, Address owner) {
    return vouchersOf(owner) + denom;
  }

  /** The prefix of an account's voucher balances, which a prefix scan lists. */
  public static String vouchersOf(Address owner) {
    return PREFIX + "voucher/" + owner + "/";
  }

  public static String nft(String classTrace, String id) {
    return PREFIX + "nft/" + classTrace + "/" + id;
  }

  /** A hub's registry entry of member chain {@code chainId} [XC-40]. */
  public static String member(String chainId) {
    return PREFIX + "member/" + chainId;
  }

  /** The prefix of the hub's registry, which a prefix scan lists. */
  public static String membersPrefix() {
    return PREFIX + "member/";
  }

  /** What a hub remembers of a forwarded packet, by the packet it sent on [XC-42]. */
  public static String forward(String client, long sequence) {
    return PREFIX + "forward/" + client + "/" + padded(sequence);
  }

  static String usedApproval(String digestHex) {
    return PREFIX + "used-approval/" + digestHex;
  }

  // ---- typed reads

  public static Optional<ClientState> clientState(StateReader s, String id) {
    return s.get(WriteSet.key(client(id))).map(b -> ClientState.decode(b.unsafeArray()));
  }

  public static Optional<ClientEpoch> clientEpoch(StateReader s, String id, long number) {
    return s.get(WriteSet.key(epoch(id, number)))
        .map(b -> ClientEpoch.decode(number, b.unsafeArray()));
  }

  public static Optional<ConsensusState> consensusState(StateReader s, String id, long height) {
    return s.get(WriteSet.key(height(id, height))).map(b -> ConsensusState.decode(b.unsafeArray()));
  }

  /** How many clients this chain has made (ids {@code c-0 .. c-<n-1>}). */
  public static long clientCount(StateReader s) {
    return number(s, NEXT_CLIENT);
  }

  /** The sequence the next packet through {@code client} gets (from 1). */
  public static long nextSequenceOf(StateReader s, String client) {
    return Math.max(1, number(s, nextSequence(client)));
  }

  public static long voucherBalance(StateReader s, String denom, Address owner) {
    return number(s, voucher(denom, owner));
  }

  /** The owner of voucher collectible {@code classTrace/id}, if there is one. */
  public static Optional<Address> nftOwner(StateReader s, String classTrace, String id) {
    return s.get(WriteSet.key(nft(classTrace, id)))
        .map(b -> new org.jingchain.codec.Decoder(b.unsafeArray()).address("owner"));
  }

  public static Optional<Member> member(StateReader s, String chainId) {
    return s.get(WriteSet.key(member(chainId))).map(b -> Member.decode(b.unsafeArray()));
  }

  static Optional<Forward> forward(StateReader s, String client, long sequence) {
    return s.get(WriteSet.key(forward(client, sequence))).map(b -> Forward.decode(b.unsafeArray()));
  }

  static long number(StateReader s, String key) {
    return s.get(WriteSet.key(key)).map(b -> ByteBuffer.wrap(b.unsafeArray()).getLong()).orElse(0L);
  }

  static void putNumber(WriteSet w, String key, long n) {
    w.put(key, Bytes.wrap(ByteBuffer.allocate(8).putLong(n).array()));
  }

  /**
   * The escrow account of {@code client}: an address without a key, the first 20 bytes of {@code
   * H("jing-xchain-escrow-1" || string client)} with the host's suite tag (docs/spec/xchain.md
   * 5.1).
   */
  public static Address escrow(String client, SuiteId suite, HashFunction hash) {
    return keyless("jing-xchain-escrow-1", client, suite, hash);
  }

  /**
   * The route account of {@code client} on a hub: where a routed transfer's tokens wait between
   * hops, {@code H("jing-xchain-route-1" || string client)} likewise [XC-42].
   */
  public static Address route(String client, SuiteId suite, HashFunction hash) {
    return keyless("jing-xchain-route-1", client, suite, hash);
  }

  private static Address keyless(String domain, String client, SuiteId suite, HashFunction hash) {
    byte[] in =
        new Encoder(64).raw(domain.getBytes(StandardCharsets.UTF_8)).string(client).toByteArray();
    byte[] h = hash.hash(in).toByteArray();
    return new Address(suite, Bytes.wrap(java.util.Arrays.copyOf(h, Address.BODY_LENGTH)));
  }
}
