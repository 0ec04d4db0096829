package org.jingchain.bench;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jingchain.asset.AssetCalls;
import org.jingchain.asset.AssetContract;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.gov.Gov;
import org.jingchain.privacy.EcGroup;
import org.jingchain.privacy.PgroupCalls;
import org.jingchain.privacy.PgroupContract;
import org.jingchain.privacy.PgroupDef;
import org.jingchain.privacy.PgroupKeys;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;

/**
 * Private groups' benchmark ({@code bin/bench pgroup}, docs/performance.md), in both suites on one
 * core: what a private transaction costs the chain (t attestation signatures checked) against a
 * plain token transfer in the same run, and what it costs its member nodes (sealing and opening a
 * payload under the group key). Options: {@code --threshold T} (default 3), {@code --kib N}
 * (payload size, default 64), {@code --count N} (default 2000).
 */
public final class PgroupBench {
  private PgroupBench() {}

  public static void main(String[] args) throws Exception {
    int t = 3;
    int kib = 64;
    int count = 2000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--threshold" -> t = Integer.parseInt(args[++i]);
        case "--kib" -> kib = Integer.parseInt(args[++i]);
        case "--count" -> count = Integer.parseInt(args[++i]);
        case "-h", "--help" -> {
          System.out.println(
              "bin/bench pgroup [--threshold T] [--kib N] [--count N]: a private transaction's"
                  + " cost to the chain against a plain transfer, and sealing on member nodes");
          return;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "pgroup benchmark: threshold %d, %d KiB payloads, %d transactions, one thread, JDK %s%n",
        t,
        kib,
        count,
        Runtime.version());
    for (CryptoSuite suite : List.of(CryptoSuites.intl(), CryptoSuites.sm())) {
      run(suite, t, kib, count / 10, false);
      run(suite, t, kib, count, true);
    }
  }

  private static void run(CryptoSuite suite, int t, int kib, int count, boolean report)
      throws Exception {
    SecureRandom random = new SecureRandom();
    EcGroup g = EcGroup.of(suite.id(), suite);
    KeyPair signer = suite.generateKeyPair(random);
    byte[] msg = new byte[200];
    byte[] sig = suite.sign(signer, msg);
    long s0 = System.nanoTime();
    for (int i = 0; i < count; i++) {
      suite.verify(signer.publicKey(), msg, sig);
    }
    double sigMs = (System.nanoTime() - s0) / 1e6 / count;

    ContractHarness plain = new ContractHarness("bench");
    AssetContract asset = new AssetContract(suite.id());
    KeyPair issuer = suite.generateKeyPair(random);
    plain.send(asset, issuer.address(), AssetCalls.create("CNY", "yuan", 2));
    plain.send(asset, issuer.address(), AssetCalls.mint("CNY", issuer.address(), 1L << 40));
    long p0 = System.nanoTime();
    for (int i = 0; i < count; i++) {
      plain.send(asset, issuer.address(), AssetCalls.transfer("CNY", signer.address(), 1));
    }
    double plainMs = (System.nanoTime() - p0) / 1e6 / count;

    // A group of t member nodes, all of which attest.
    ContractHarness chain = new ContractHarness("bench");
    PgroupContract contract = new PgroupContract(suite, "bench");
    Address admin = issuer.address();
    List<KeyPair> nodes = new ArrayList<>();
    List<PgroupDef.Member> ms = new ArrayList<>();
    byte[] groupKey = new byte[32];
    random.nextBytes(groupKey);
    for (int i = 0; i < t; i++) {
      KeyPair n = suite.generateKeyPair(random);
      nodes.add(n);
      chain.state.put(
          Gov.orgKey("org" + i),
          Bytes.wrap(Gov.encode(new Gov.Org("org" + i, "Org", List.of(admin), Bytes.EMPTY, 0))));
      var e = g.base(PgroupKeys.encSecret(g, "bench", n));
      ms.add(
          new PgroupDef.Member(
              "org" + i,
              n.publicKey(),
              "http://127.0.0.1:" + (8745 + i),
              Bytes.wrap(g.encode(e)),
              Bytes.wrap(PgroupKeys.wrap(g, "g", e, groupKey, random))));
    }
    chain.state.put(Gov.roleKey(admin), Bytes.wrap(Gov.encode(new Gov.Roles("org0", Gov.ADMIN))));
    PgroupDef def = new PgroupDef("g", t, ms);
    chain.state.put(
        Gov.approvedKey(def.digest(suite)), Bytes.wrap(ByteBuffer.allocate(8).putLong(1).array()));
    chain.send(contract, admin, PgroupCalls.create(def));
    byte[] payload = new byte[kib << 10];
    random.nextBytes(payload);
    long sealNs = 0;
    long openNs = 0;
    long attestNs = 0;
    long execNs = 0;
    for (int i = 0; i < count; i++) {
      long a = System.nanoTime();
      byte[] sealed = PgroupKeys.seal(suite, "g", groupKey, payload, random);
      Hash h = suite.hash(sealed);
      long b = System.nanoTime();
      PgroupKeys.open(suite, "g", groupKey, sealed);
      long c = System.nanoTime();
      List<PgroupCalls.Attestation> as = new ArrayList<>();
      for (int k = 0; k < t; k++) {
        as.add(
            new PgroupCalls.Attestation(
                k,
                Bytes.wrap(
                    nodes.get(k).sign(PgroupCalls.holdMessage("bench", "g", h, sealed.length)))));
      }
      Call call = PgroupCalls.submit(new PgroupCalls.Submit("g", h, sealed.length, as));
      long d = System.nanoTime();
      chain.send(contract, admin, call);
      execNs += System.nanoTime() - d;
      attestNs += d - c;
      openNs += c - b;
      sealNs += b - a;
    }
    if (!report) {
      return;
    }
    double execMs = execNs / 1e6 / count;
    System.out.printf(Locale.ROOT, "%n%s suite:%n", suite.id().label());
    System.out.printf(
        Locale.ROOT,
        "  plain transfer executed + signature: %.3f ms (%.0f/s), the baseline%n",
        plainMs + sigMs,
        1000 / (plainMs + sigMs));
    System.out.printf(
        Locale.ROOT,
        "  private transaction executed (%d attestations checked) + signature: %.3f ms (%.0f/s,"
            + " %.2f× plain)%n",
        t,
        execMs + sigMs,
        1000 / (execMs + sigMs),
        (plainMs + sigMs) / (execMs + sigMs));
    System.out.printf(
        Locale.ROOT,
        "  on member nodes, per %d KiB payload: sealed %.3f ms (%.0f MB/s), opened %.3f ms, %d"
            + " attestations signed %.3f ms%n",
        kib,
        sealNs / 1e6 / count,
        (kib / 1024.0) / (sealNs / 1e9 / count),
        openNs / 1e6 / count,
        t,
        attestNs / 1e6 / count);
  }
}
