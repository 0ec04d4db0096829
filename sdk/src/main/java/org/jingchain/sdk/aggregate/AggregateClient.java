package org.jingchain.sdk.aggregate;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.KeyPair;
import org.jingchain.privacy.Aggregate;
import org.jingchain.privacy.AggregateCalls;
import org.jingchain.privacy.Authority;
import org.jingchain.privacy.Committee;
import org.jingchain.privacy.Deal;
import org.jingchain.privacy.DiscreteLog;
import org.jingchain.privacy.EcGroup;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.types.Call;

/**
 * Sealed aggregates from a client (docs/spec/privacy.md): reads committees, deals and aggregates,
 * and builds the calls an authority or a contributor sends — the next step of a key generation, a
 * contribution, a decryption share, the reveal of a total. It signs nothing itself: send the calls
 * with the key they were built for. An authority's secrets are derived from its key, so a client
 * keeps no state between runs.
 */
public final class AggregateClient {
  private final JingClient client;
  private final String chainId;
  private final EcGroup group;
  private final SecureRandom random;

  public AggregateClient(
      JingClient client, String chainId, CryptoSuite suite, SecureRandom random) {
    this.client = client;
    this.chainId = chainId;
    this.group = EcGroup.of(suite.id(), suite);
    this.random = random;
  }

  public EcGroup group() {
    return group;
  }

  private static <T> Optional<T> orEmpty(java.util.function.Supplier<T> read) {
    try {
      return Optional.of(read.get());
    } catch (JingApiException e) {
      if (e.httpStatus() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  public Optional<Committee> committee(String id) {
    return orEmpty(() -> client.aggregateCommittee(id).toCommittee());
  }

  public Optional<Deal> deal(String committee, int dealer) {
    return orEmpty(() -> client.aggregateDeal(committee, dealer).toDeal());
  }

  public Optional<Aggregate> aggregate(String id) {
    return orEmpty(() -> client.aggregate(id).toAggregate());
  }

  private Authority authority(KeyPair key) {
    return new Authority(group, chainId, key, random);
  }

  /** What an authority's next key-generation step sends, and why. */
  public record Step(String what, Call call) {}

  /**
   * The calls {@code member} sends now for committee {@code c}: its join, its deal, or — once every
   * deal is in — a complaint for each share that does not match its dealer's commitments followed
   * by its acknowledgement. Empty when it has done its part of the current phase.
   */
  public List<Step> keyGenerationSteps(KeyPair member, Committee c) {
    int j =
        c.indexOf(member.address())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        member.address() + " is not a member of committee " + c.id()));
    Authority a = authority(member);
    List<Step> steps = new ArrayList<>();
    Committee.Member me = c.member(j);
    switch (c.phase()) {
      case JOINING -> {
        if (!me.joined()) {
          steps.add(new Step("join as member " + j, a.join(c.id())));
        }
      }
      case DEALING -> {
        if (!me.dealt()) {
          steps.add(new Step("deal shares to " + c.size() + " members", a.deal(c)));
        }
      }
      case CHECKING -> {
        if (!me.acked()) {
          for (int i = 1; i <= c.size(); i++) {
            if (!c.member(i).dealt() || c.member(i).disqualified()) {
              continue;
            }
            Deal d = deal(c.id(), i).orElseThrow();
            if (!a.checkShare(c, i, d)) {
              steps.add(
                  new Step("complain: member " + i + "'s share is wrong", a.complain(c, i, d)));
            }
          }
          steps.add(new Step("acknowledge the shares", AggregateCalls.ack(c.id())));
        }
      }
      default -> {}
    }
    return steps;
  }

  /** A contribution of {@code value} from {@code sender} to aggregate {@code id}. */
  public Call contribution(KeyPair sender, String id, long value) {
    Aggregate agg =
        aggregate(id).orElseThrow(() -> new IllegalArgumentException("no aggregate " + id));
    Committee c = committee(agg.committee()).orElseThrow();
    long max = (1L << agg.bits()) - 1;
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(
          "aggregate "
              + id
              + " takes values 0 to "
              + max
              + " ("
              + agg.bits()
              + " bits), not "
              + value);
    }
    return Authority.contribute(group, chainId, c, agg, sender.address(), value, random);
  }

  /**
   * {@code member}'s decryption share of a closed aggregate, with its proof. Refuses when the
   * aggregate is not closed, or when the share the member recovers from the deals does not match
   * its public share on chain (a deal it missed or a node that answers wrongly): the chain would
   * refuse the share, and a share of the wrong secret must not be published.
   */
  public Call decryptionShare(KeyPair member, Aggregate agg) {
    if (agg.status() != Aggregate.Status.CLOSED) {
      throw new IllegalStateException(
          "aggregate "
              + agg.id()
              + " is "
              + agg.status().name().toLowerCase(java.util.Locale.ROOT)
              + "; shares are released for closed aggregates only");
    }
    Committee c = committee(agg.committee()).orElseThrow();
    int j =
        c.indexOf(member.address())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        member.address() + " is not a member of committee " + c.id()));
    Authority a = authority(member);
    BigInteger x = a.secretShare(c, i -> deal(c.id(), i));
    if (!java.util.Arrays.equals(
        group.encode(group.base(x)), c.member(j).publicShare().unsafeArray())) {
      throw new IllegalStateException(
          "the share member "
              + j
              + " recovers from the deals does not match its public share;"
              + " check the node, or the deals dealt to this key");
    }
    return a.share(c, agg, x);
  }

  /** The total a decrypted aggregate's combined point encodes, searched off chain. */
  public OptionalLong total(Aggregate agg) {
    if (agg.decrypted().length() == 0) {
      return OptionalLong.empty();
    }
    return DiscreteLog.solve(
        group,
        group.decodeOrIdentity(agg.decrypted().unsafeArray(), "decrypted point"),
        Math.min(agg.maxTotal(), DiscreteLog.MAX));
  }
}
