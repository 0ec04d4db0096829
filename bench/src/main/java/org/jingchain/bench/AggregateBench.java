package org.jingchain.bench;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.execution.WriteSet;
import org.jingchain.privacy.Aggregate;
import org.jingchain.privacy.AggregateCalls;
import org.jingchain.privacy.AggregateContract;
import org.jingchain.privacy.AggregateState;
import org.jingchain.privacy.Authority;
import org.jingchain.privacy.Committee;
import org.jingchain.privacy.DiscreteLog;
import org.jingchain.privacy.EcGroup;
import org.jingchain.types.Address;
import org.jingchain.types.Call;

/**
 * Sealed aggregates' benchmark ({@code bin/bench aggregate}, docs/performance.md), in both suites
 * on one core, with the suite's signature check measured in the same run as the baseline (every
 * transaction costs one): a contribution's proofs made and checked by the contract; a key
 * generation among n authorities through the contract (the chain's work) and the members' share
 * checks; threshold decryption (shares made, checked, combined) and the client's search for the
 * total. Options: {@code --members N} (default 10), {@code --threshold T} (default 4), {@code
 * --bits B} (default 16), {@code --contributions C} (default 200).
 */
public final class AggregateBench {
  private static final String CHAIN = "bench";

  private AggregateBench() {}

  public static void main(String[] args) throws Exception {
    int n = 10;
    int t = 4;
    int bits = 16;
    int contributions = 200;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--members" -> n = Integer.parseInt(args[++i]);
        case "--threshold" -> t = Integer.parseInt(args[++i]);
        case "--bits" -> bits = Integer.parseInt(args[++i]);
        case "--contributions" -> contributions = Integer.parseInt(args[++i]);
        case "-h", "--help" -> {
          System.out.println(
              "bin/bench aggregate [--members N] [--threshold T] [--bits B] [--contributions C]:"
                  + " sealed aggregates' proofs, key generation and threshold decryption on one"
                  + " core, against the suite's signature check (docs/performance.md)");
          return;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "aggregate benchmark: %d members, threshold %d, %d-bit contributions, %d contributions,"
            + " one thread, JDK %s%n",
        n,
        t,
        bits,
        contributions,
        Runtime.version());
    for (CryptoSuite suite : List.of(CryptoSuites.intl(), CryptoSuites.sm())) {
      // A first, smaller run warms the JIT; the second is the one reported.
      new Run(suite, n, t, bits, Math.max(1, contributions / 10)).run(false);
      new Run(suite, n, t, bits, contributions).run(true);
    }
  }

  private static final class Run {
    final CryptoSuite suite;
    final EcGroup g;
    final int n;
    final int t;
    final int bits;
    final int contributions;
    final SecureRandom random = new SecureRandom();
    final ContractHarness harness = new ContractHarness(CHAIN);
    final WriteSet state = harness.state;
    final AggregateContract contract;

    Run(CryptoSuite suite, int n, int t, int bits, int contributions) {
      this.suite = suite;
      this.g = EcGroup.of(suite.id(), suite);
      this.n = n;
      this.t = t;
      this.bits = bits;
      this.contributions = contributions;
      this.contract = new AggregateContract(g, CHAIN);
    }

    void send(Address sender, Call call) throws Exception {
      harness.send(contract, sender, call);
    }

    Committee committee() {
      return AggregateState.committee(state, "c").orElseThrow();
    }

    boolean report;

    void run(boolean report) throws Exception {
      this.report = report;
      if (report) {
        System.out.printf(Locale.ROOT, "%n%s suite (%s):%n", suite.id().label(), g.curveName());
      }
      // Baseline: the suite's signature check, which every transaction pays.
      KeyPair signer = suite.generateKeyPair(random);
      byte[] msg = new byte[200];
      byte[] sig = suite.sign(signer, msg);
      for (int i = 0; i < 2000; i++) {
        suite.verify(signer.publicKey(), msg, sig);
      }
      int sigs = 5000;
      long s0 = System.nanoTime();
      for (int i = 0; i < sigs; i++) {
        suite.verify(signer.publicKey(), msg, sig);
      }
      double sigMs = (System.nanoTime() - s0) / 1e6 / sigs;
      row("signature check (baseline)", sigMs, sigMs);

      // Key generation through the contract.
      List<KeyPair> keys = new ArrayList<>();
      List<Authority> sides = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        KeyPair k = suite.generateKeyPair(random);
        keys.add(k);
        sides.add(new Authority(g, CHAIN, k, random));
      }
      send(
          keys.get(0).address(),
          AggregateCalls.createCommittee(
              "c", keys.stream().map(KeyPair::address).toList(), t, 100));
      long clientNs = 0;
      long chainNs = 0;
      for (int i = 0; i < n; i++) {
        long a = System.nanoTime();
        Call join = sides.get(i).join("c");
        long b = System.nanoTime();
        send(keys.get(i).address(), join);
        chainNs += System.nanoTime() - b;
        clientNs += b - a;
      }
      for (int i = 0; i < n; i++) {
        long a = System.nanoTime();
        Call deal = sides.get(i).deal(committee());
        long b = System.nanoTime();
        send(keys.get(i).address(), deal);
        chainNs += System.nanoTime() - b;
        clientNs += b - a;
      }
      long checkNs = 0;
      for (int i = 0; i < n; i++) {
        long a = System.nanoTime();
        Committee c = committee();
        for (int d = 1; d <= n; d++) {
          if (!sides.get(i).checkShare(c, d, AggregateState.deal(state, "c", d).orElseThrow())) {
            throw new IllegalStateException("a share did not check");
          }
        }
        long b = System.nanoTime();
        send(keys.get(i).address(), AggregateCalls.ack("c"));
        chainNs += System.nanoTime() - b;
        checkNs += b - a;
      }
      if (committee().phase() != Committee.Phase.READY) {
        throw new IllegalStateException("the committee is not ready");
      }
      out(
          "  key generation, n=%d t=%d: chain %.1f ms in all (%.0f signature checks);"
              + " per member: join+deal %.1f ms, checking its %d shares %.1f ms%n",
          n, t, chainNs / 1e6, chainNs / 1e6 / sigMs, clientNs / 1e6 / n, n, checkNs / 1e6 / n);

      // Contributions: proofs made by the contributor, checked by the contract.
      send(
          keys.get(0).address(),
          AggregateCalls.open(
              new AggregateCalls.Open(
                  "a", "c", "", bits, 1, Math.max(contributions, 1), List.of(), 0)));
      Committee c = committee();
      long proveNs = 0;
      long verifyNs = 0;
      long total = 0;
      int size = 0;
      for (int i = 0; i < contributions; i++) {
        KeyPair k = suite.generateKeyPair(random);
        long v = random.nextLong(1L << bits);
        total += v;
        Aggregate agg = AggregateState.aggregate(state, "a").orElseThrow();
        long a = System.nanoTime();
        Call call = Authority.contribute(g, CHAIN, c, agg, k.address(), v, random);
        long b = System.nanoTime();
        send(k.address(), call);
        verifyNs += System.nanoTime() - b;
        proveNs += b - a;
        size = call.args().length();
      }
      double proveMs = proveNs / 1e6 / contributions;
      double verifyMs = verifyNs / 1e6 / contributions;
      row("contribution: proofs made (" + bits + " bits)", proveMs, sigMs);
      row("contribution: checked and added by the chain", verifyMs, sigMs);
      out(
          "  contribution size %,d bytes; %.0f contributions/s checked on one core%n",
          size, 1000 / verifyMs);

      // Threshold decryption.
      send(keys.get(0).address(), AggregateCalls.close("a"));
      long shareNs = 0;
      long shareChainNs = 0;
      for (int i = 0; i < t; i++) {
        Aggregate agg = AggregateState.aggregate(state, "a").orElseThrow();
        int member = i;
        long a = System.nanoTime();
        BigInteger x = sides.get(i).secretShare(c, d -> AggregateState.deal(state, "c", d));
        Call share = sides.get(member).share(c, agg, x);
        long b = System.nanoTime();
        send(keys.get(i).address(), share);
        shareChainNs += System.nanoTime() - b;
        shareNs += b - a;
      }
      Aggregate agg = AggregateState.aggregate(state, "a").orElseThrow();
      long a = System.nanoTime();
      long found =
          DiscreteLog.solve(
                  g, g.decodeOrIdentity(agg.decrypted().unsafeArray(), "m"), agg.maxTotal())
              .orElseThrow();
      long searchNs = System.nanoTime() - a;
      if (found != total) {
        throw new IllegalStateException("found " + found + ", not " + total);
      }
      long b = System.nanoTime();
      send(keys.get(0).address(), AggregateCalls.reveal("a", total));
      long revealNs = System.nanoTime() - b;
      row("decryption share made (per member)", shareNs / 1e6 / t, sigMs);
      row("decryption share checked (the t-th also combines)", shareChainNs / 1e6 / t, sigMs);
      out(
          "  total %d found in %.1f ms (search over 0..%,d); reveal checked in %.2f ms%n",
          total, searchNs / 1e6, agg.maxTotal(), revealNs / 1e6);
    }

    void out(String format, Object... args) {
      if (report) {
        System.out.printf(Locale.ROOT, format, args);
      }
    }

    void row(String what, double ms, double sigMs) {
      if (!report) {
        return;
      }
      System.out.printf(
          Locale.ROOT, "  %-52s %8.3f ms  (%6.1f× a signature check)%n", what, ms, ms / sigMs);
    }
  }
}
