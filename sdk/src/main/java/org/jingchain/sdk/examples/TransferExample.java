package org.jingchain.sdk.examples;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jingchain.asset.AssetCalls;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Transactions;
import org.jingchain.sdk.VerifiedState;
import org.jingchain.sdk.model.NodeStatus;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.types.Call;
import org.jingchain.types.SuiteId;
import org.jingchain.types.Transaction;

/**
 * Creates a token, mints it, transfers some, and reads the recipient's balance with its Merkle
 * proof checked. Run against a dev node: {@code java -cp ... TransferExample
 * http://127.0.0.1:8645}.
 */
public final class TransferExample {
  private TransferExample() {}

  /** What the example did: the receipts' statuses, in order, and the recipient's balance. */
  public record Result(List<String> statuses, long bobBalance) {}

  public static Result run(JingClient node, String symbol) {
    List<String> statuses = new java.util.ArrayList<>();
    // example:start
    NodeStatus status = node.status(); // answers are records of org.jingchain.sdk.model
    String chainId = status.chainId();
    SuiteId suite = SuiteId.fromLabel(status.suite()).orElseThrow();
    CryptoSuite crypto = CryptoSuites.of(suite);
    KeyPair alice = crypto.generateKeyPair(new SecureRandom());
    KeyPair bob = crypto.generateKeyPair(new SecureRandom());
    long expires = System.currentTimeMillis() + 600_000;

    long nonce = node.nextNonce(alice.address());
    for (Call call :
        List.of(
            AssetCalls.create(symbol, "Digital yuan", 2),
            AssetCalls.mint(symbol, alice.address(), 100_000),
            AssetCalls.transfer(symbol, bob.address(), 2_500))) {
      Transaction tx = Transactions.sign(alice, chainId, nonce++, expires, call);
      TxStatus done = node.waitForCommit(node.submit(tx), Duration.ofSeconds(30));
      statuses.add(done.receipt().status()); // "success", or "failed" with receipt().code()
    }

    String key = "asset/balance/" + bob.address() + "/" + symbol;
    VerifiedState balance = node.readStateVerified(key, Optional.empty()); // proof checked here
    long bobHas = ByteBuffer.wrap(balance.value().orElseThrow().toByteArray()).getLong();
    System.out.println("bob has " + bobHas + " " + symbol + " at version " + balance.version());
    // example:end
    return new Result(statuses, bobHas);
  }

  public static void main(String[] args) {
    run(new JingClient(args.length > 0 ? args[0] : "http://127.0.0.1:8645"), "CNY");
  }
}
