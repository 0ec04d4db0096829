package org.jingchain.sdk;

import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import org.jingchain.sdk.model.XchainClient;
import org.jingchain.sdk.model.XchainHeight;
import org.jingchain.sdk.model.XchainMember;
import org.jingchain.sdk.model.XchainNft;
import org.jingchain.sdk.model.XchainPackets;
import org.jingchain.sdk.model.XchainProofs;
import org.jingchain.sdk.model.XchainVouchers;
import org.jingchain.types.Address;

/**
 * Reads of the cross-chain service through a node's API ({@code /api/v1/xchain}, docs/api.md):
 * clients of other chains, packets waiting for an answer, proofs of packet keys, vouchers. Errors
 * are {@link JingApiException}s as with {@link JingClient} ({@code NOT_FOUND} for an unknown client
 * or height, {@code BAD_REQUEST} for a malformed id). Thread-safe. The calls that change state are
 * built by {@code org.jingchain.xchain.XchainCalls} and signed with {@link Transactions}.
 */
public final class XchainQueries {
  /** Most packets or sequences one call answers. */
  public static final int MAX_PAGE = 1000;

  private final JingClient client;

  public XchainQueries(String baseUrl) {
    this(baseUrl, Duration.ofSeconds(30));
  }

  public XchainQueries(String baseUrl, Duration timeout) {
    this.client = new JingClient(baseUrl, timeout);
  }

  /** Queries through {@code client}, with its token (a chain whose reads are for members). */
  public XchainQueries(JingClient client) {
    this.client = client;
  }

  /** The chain's clients, by id (without their epochs). */
  public List<XchainClient> clients() {
    return List.copyOf(client.get("/xchain/clients", ClientList.class).clients());
  }

  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  record ClientList(List<XchainClient> clients) {}

  /** One client with the epochs it holds; {@code NOT_FOUND} when there is none. */
  public XchainClient client(String id) {
    return client.get("/xchain/clients/" + enc(id), XchainClient.class);
  }

  /** What client {@code id} holds of its counterparty's height; {@code NOT_FOUND} if nothing. */
  public XchainHeight height(String id, long height) {
    return client.get("/xchain/clients/" + enc(id) + "/heights/" + height, XchainHeight.class);
  }

  /** Up to {@code limit} packets of {@code id} awaiting an answer, from sequence {@code from}. */
  public XchainPackets packets(String id, long from, int limit) {
    return client.get(
        "/xchain/packets/" + enc(id) + "?from=" + from + "&limit=" + limit, XchainPackets.class);
  }

  /**
   * The {@code kind} keys ({@code commit}, {@code receipt}, {@code ack}) of client {@code id} for
   * {@code sequences}, with proofs, in the state after block {@code version}.
   */
  public XchainProofs proofs(String kind, String id, long version, List<Long> sequences) {
    if (sequences.isEmpty() || sequences.size() > MAX_PAGE) {
      throw new IllegalArgumentException("ask for 1.." + MAX_PAGE + " sequences");
    }
    StringJoiner seqs = new StringJoiner(",");
    sequences.forEach(s -> seqs.add(Long.toString(s)));
    return client.get(
        "/xchain/proofs/" + enc(kind) + "/" + enc(id) + "?version=" + version + "&seqs=" + seqs,
        XchainProofs.class);
  }

  private static String enc(String s) {
    return JingClient.enc(s);
  }

  /** A hub's member chains [XC-40] (empty on a chain that is no hub). */
  public List<XchainMember> members() {
    return List.copyOf(client.get("/xchain/members", MemberList.class).members());
  }

  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  record MemberList(List<XchainMember> members) {}

  /** One member of a hub; {@code NOT_FOUND} when the chain is not one. */
  public XchainMember member(String chainId) {
    return client.get("/xchain/members/" + enc(chainId), XchainMember.class);
  }

  /**
   * Voucher collectible {@code id} of class {@code classTrace} ({@code c-0/asset}); {@code
   * NOT_FOUND} when there is none.
   */
  public XchainNft nft(String classTrace, String id) {
    return client.get("/xchain/nfts/" + enc(id) + "?class=" + enc(classTrace), XchainNft.class);
  }

  /** The vouchers {@code account} holds. */
  public XchainVouchers vouchers(Address account) {
    return client.get("/xchain/vouchers/" + account, XchainVouchers.class);
  }
}
