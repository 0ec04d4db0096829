package org.jingchain.bench;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.asset.AssetCalls;
import org.jingchain.asset.AssetContract;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.privacy.CtokenCalls;
import org.jingchain.privacy.CtokenContract;
import org.jingchain.privacy.CtokenState;
import org.jingchain.privacy.CtokenWallet;
import org.jingchain.privacy.EcGroup;
import org.jingchain.privacy.Pedersen;
import org.jingchain.privacy.RangeProof;
import org.jingchain.types.Call;

/**
 * Confidential tokens' benchmark ({@code bin/bench ctoken}, docs/performance.md), in both suites on
 * one core: Bulletproofs range proofs (two 32-bit values, as a transfer carries) made and checked,
 * batches checked in one multi-scalar multiplication against one by one, and transfers executed by
 * the {@code ctoken} contract against plain token transfers by the {@code asset} contract in the
 * same run, each with the signature check every transaction pays. Options: {@code --proofs N}
 * (default 64), {@code --transfers N} (default 100).
 */
public final class CtokenBench {
  private static final String CHAIN = "bench";

  private CtokenBench() {}

  public static void main(String[] args) throws Exception {
    int proofs = 64;
    int transfers = 100;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--proofs" -> proofs = Integer.parseInt(args[++i]);
        case "--transfers" -> transfers = Integer.parseInt(args[++i]);
        case "-h", "--help" -> {
          System.out.println(
              "bin/bench ctoken [--proofs N] [--transfers N]: range proofs, batch verification and"
                  + " confidential transfers against plain ones on one core (docs/performance.md)");
          return;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "ctoken benchmark: %d range proofs (2 × 32 bits), %d transfers, one thread, JDK %s%n",
        proofs,
        transfers,
        Runtime.version());
    for (CryptoSuite suite : List.of(CryptoSuites.intl(), CryptoSuites.sm())) {
      run(suite, Math.max(4, proofs / 8), Math.max(4, transfers / 10), false);
      run(suite, proofs, transfers, true);
    }
  }

  private static void run(CryptoSuite suite, int proofs, int transfers, boolean report)
      throws Exception {
    SecureRandom random = new SecureRandom();
    EcGroup g = EcGroup.of(suite.id(), suite);
    Pedersen ped = Pedersen.of(g);
    // Range proofs.
    List<RangeProof.Claim> claims = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < proofs; i++) {
      long[] v = {random.nextLong(1L << 32), random.nextLong(1L << 32)};
      BigInteger[] b = {g.randomScalar(random), g.randomScalar(random)};
      byte[] ctx = {(byte) i};
      RangeProof p = RangeProof.prove(ped, ctx, v, b, 32, random);
      claims.add(
          new RangeProof.Claim(
              ctx,
              List.of(
                  ped.commit(BigInteger.valueOf(v[0]), b[0]),
                  ped.commit(BigInteger.valueOf(v[1]), b[1])),
              32,
              p));
    }
    double proveMs = (System.nanoTime() - t0) / 1e6 / proofs;
    long t1 = System.nanoTime();
    for (RangeProof.Claim c : claims) {
      if (!c.proof().verify(ped, c.context(), c.commitments(), 32)) {
        throw new IllegalStateException("a proof did not verify");
      }
    }
    double verifyMs = (System.nanoTime() - t1) / 1e6 / proofs;
    long t2 = System.nanoTime();
    if (!RangeProof.verifyBatch(ped, claims)) {
      throw new IllegalStateException("the batch did not verify");
    }
    double batchMs = (System.nanoTime() - t2) / 1e6 / proofs;

    // Signature checks: the baseline every transaction pays.
    KeyPair signer = suite.generateKeyPair(random);
    byte[] msg = new byte[200];
    byte[] sig = suite.sign(signer, msg);
    long t3 = System.nanoTime();
    int sigs = 3000;
    for (int i = 0; i < sigs; i++) {
      suite.verify(signer.publicKey(), msg, sig);
    }
    double sigMs = (System.nanoTime() - t3) / 1e6 / sigs;

    // Plain transfers through the asset contract.
    ContractHarness plain = new ContractHarness("bench");
    AssetContract asset = new AssetContract(suite.id());
    KeyPair issuer = suite.generateKeyPair(random);
    KeyPair to = suite.generateKeyPair(random);
    plain.send(asset, issuer.address(), AssetCalls.create("CNY", "yuan", 2));
    plain.send(asset, issuer.address(), AssetCalls.mint("CNY", issuer.address(), 1L << 40));
    long t4 = System.nanoTime();
    for (int i = 0; i < transfers * 10; i++) {
      plain.send(asset, issuer.address(), AssetCalls.transfer("CNY", to.address(), 1));
    }
    double plainMs = (System.nanoTime() - t4) / 1e6 / (transfers * 10);

    // Confidential transfers through the ctoken contract.
    ContractHarness ct = new ContractHarness("bench");
    CtokenContract contract = new CtokenContract(g, CHAIN);
    CtokenWallet a = new CtokenWallet(g, CHAIN, issuer, random);
    CtokenWallet b = new CtokenWallet(g, CHAIN, to, random);
    ct.send(contract, a.address(), a.register());
    ct.send(contract, b.address(), b.register());
    ct.send(contract, a.address(), CtokenCalls.create("DCNY", 2, a.address()));
    ct.send(contract, a.address(), CtokenCalls.mint("DCNY", a.address(), 1L << 31));
    ct.send(contract, a.address(), CtokenCalls.apply("DCNY"));
    ECPoint ka = a.publicKey();
    ECPoint kb = b.publicKey();
    long proveNs = 0;
    long execNs = 0;
    int size = 0;
    for (int i = 0; i < transfers; i++) {
      long s = System.nanoTime();
      Call call =
          a.transfer(
              "DCNY",
              b.address(),
              1,
              CtokenState.balance(ct.state, g, "DCNY", a.address()),
              kb,
              ka);
      long e = System.nanoTime();
      ct.send(contract, a.address(), call);
      execNs += System.nanoTime() - e;
      proveNs += e - s;
      size = call.args().length();
    }
    double ctProve = proveNs / 1e6 / transfers;
    double ctExec = execNs / 1e6 / transfers;
    if (!report) {
      return;
    }
    System.out.printf(Locale.ROOT, "%n%s suite (%s):%n", suite.id().label(), g.curveName());
    System.out.printf(
        Locale.ROOT,
        "  range proof (2 × 32 bits, %d bytes): made %.2f ms, checked %.2f ms, checked in a batch"
            + " of %d %.2f ms each (%.1f× faster)%n",
        RangeProof.size(64),
        proveMs,
        verifyMs,
        proofs,
        batchMs,
        verifyMs / batchMs);
    System.out.printf(
        Locale.ROOT,
        "  signature check %.3f ms; plain transfer executed %.3f ms (+ signature: %.0f/s)%n",
        sigMs,
        plainMs,
        1000 / (plainMs + sigMs));
    System.out.printf(
        Locale.ROOT,
        "  confidential transfer (%,d bytes): proofs made %.1f ms; executed %.2f ms (+ signature:"
            + " %.0f/s, %.3f× plain)%n",
        size,
        ctProve,
        ctExec,
        1000 / (ctExec + sigMs),
        (plainMs + sigMs) / (ctExec + sigMs));
  }
}
