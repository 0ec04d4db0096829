package org.jingchain.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.jingchain.asset.AssetCalls;
import org.jingchain.codec.Canonical;
import org.jingchain.crypto.KeyPair;
import org.jingchain.execution.Nonces;
import org.jingchain.gov.Gov;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.PublicKey;
import org.jingchain.types.Transaction;
import org.jingchain.types.TxBody;

/**
 * The simulated users: a few accounts that keep submitting signed transactions (a token each, then
 * mints) to random live nodes, as an SDK client would — asking a node for its next nonce and
 * resubmitting what did not commit — and, in reconfiguring runs, a governance admin who proposes
 * the validator changes. Keys and transactions are the same in every run (signed once per process).
 */
final class SimClients {
  static final String CHAIN_ID = "jing-sim";

  /** Transactions expire an hour after the simulation's start: within the mempool's window. */
  static final long EXPIRES_AT = Simulation.START_MILLIS + 3_600_000L;

  private static final int SENDERS = 3;
  private static final int IN_FLIGHT = 4;
  private static final Map<String, byte[]> SIGNED = new ConcurrentHashMap<>();
  private static final List<KeyPair> USERS = keys("user", SENDERS);
  static final KeyPair ADMIN = keys("admin", 1).getFirst();

  /**
   * The second admin of a two-chain run's organisation: it sets up the cross-chain client, with
   * nonces of its own, while {@link #ADMIN} proposes the validator changes.
   */
  static final KeyPair OPERATOR = keys("xchain-operator", 1).getFirst();

  /** The client of a contract-heavy run ({@link SimConfig#withContracts}). */
  static final KeyPair CONTRACT_USER = keys("evm-user", 1).getFirst();

  /**
   * Runtime of the simulated contract, called with one word {@code x}: stores {@code x} in slot
   * {@code x & 7}, logs it, reverts when {@code x & 3 == 0}, and otherwise calls itself with {@code
   * x >> 8} while that is not zero — up to 32 frames deep, inner ones reverting a quarter of the
   * time, each revert undoing the writes beneath it.
   */
  static final byte[] CONTRACT_RUNTIME =
      java.util.HexFormat.of()
          .parseHex(
              "5f35808060071655" // 0x00 x = calldata word; sstore(x & 7, x)
                  + "805f5fa1" // 0x08 log1(0, 0, topic x)
                  + "80600316601657" // 0x0c if (x & 3) != 0 jump to 0x16
                  + "5f5ffd" // 0x13 revert(0, 0)
                  + "5b6008"
                  + "1c8015602c57" // 0x16 y = x >> 8; if y == 0 jump to 0x2c
                  + "5f52" // 0x1f mstore(0, y)
                  + "5f5f60205f5f305af15000" // 0x21 call(gas, self, 0, 0, 32, 0, 0); pop; stop
                  + "5b00"); // 0x2c stop

  private final Simulation sim;
  private final Random random;
  private final String chainId;
  private final boolean contracts;

  SimClients(Simulation sim, Random random, String chainId, boolean contracts) {
    this.sim = sim;
    this.random = random;
    this.chainId = chainId;
    this.contracts = contracts;
  }

  private static List<KeyPair> keys(String label, int n) {
    List<KeyPair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] seed =
          SimSuite.INSTANCE.hash((label + "/" + i).getBytes(StandardCharsets.UTF_8)).toByteArray();
      out.add(SimSuite.INSTANCE.keyPairFromPrivateKey(seed));
    }
    return List.copyOf(out);
  }

  static Address adminAddress() {
    return ADMIN.address();
  }

  /** Starts every user's submission loop at {@code from}; they stop at {@code until}. */
  void start(long from, long until) {
    for (int u = 0; u < SENDERS; u++) {
      int user = u;
      sim.at(from + random.nextInt(500), () -> submit(user, until));
    }
    if (contracts) {
      sim.at(from + random.nextInt(500), () -> submitContractCalls(until));
    }
  }

  /** The contract client's next transactions: its deployment, then calls with varied words. */
  private void submitContractCalls(long until) {
    if (sim.now() > until) {
      return;
    }
    SimNode node = sim.randomLiveNode(random);
    if (node != null) {
      long next = Nonces.next(node.disk::latest, CONTRACT_USER.address());
      List<byte[]> batch = new ArrayList<>();
      for (long n = next; n < next + IN_FLIGHT; n++) {
        batch.add(transaction(chainId, CONTRACT_USER, n, contractCall(n)));
      }
      sim.submit(node, batch);
    }
    sim.at(sim.now() + 100 + random.nextInt(400), () -> submitContractCalls(until));
  }

  /** Deploys the contract with nonce 0; every later nonce calls it with a word derived from it. */
  static Call contractCall(long nonce) {
    org.jingchain.evm.Address sender =
        org.jingchain.contracts.EvmAddresses.of(CONTRACT_USER.address());
    if (nonce == 0) {
      return org.jingchain.contracts.EvmCalls.deploy(
          org.jingchain.evm.Evm.initCodeFor(CONTRACT_RUNTIME), 1_000_000);
    }
    byte[] word =
        SimSuite.INSTANCE.hash(("evm/" + nonce).getBytes(StandardCharsets.UTF_8)).toByteArray();
    return org.jingchain.contracts.EvmCalls.call(
        org.jingchain.evm.Evm.createAddress(sender, 0), word, 2_000_000);
  }

  /** Sends the user's next transactions (from its committed nonce) to a random live node. */
  private void submit(int user, long until) {
    if (sim.now() > until) {
      return;
    }
    SimNode node = sim.randomLiveNode(random);
    if (node != null) {
      KeyPair key = USERS.get(user);
      long next = Nonces.next(node.disk::latest, key.address());
      List<byte[]> batch = new ArrayList<>();
      for (long n = next; n < next + IN_FLIGHT; n++) {
        batch.add(transaction(chainId, key, n, call(user, n)));
      }
      sim.submit(node, batch);
    }
    sim.at(sim.now() + 100 + random.nextInt(400), () -> submit(user, until));
  }

  /** A token per user first, then mints of it: every transaction executes and changes state. */
  private static Call call(int user, long nonce) {
    String symbol = "SIM" + user;
    return nonce == 0
        ? AssetCalls.create(symbol, "simulated token " + user, 0)
        : AssetCalls.mint(symbol, USERS.get(user).address(), 1);
  }

  /**
   * Proposes, as the governance admin, the change from the validators in {@code node}'s state to
   * {@code wanted} (one validator added or removed) [GOV-8]; nothing when they already match.
   */
  void proposeValidators(SimNode node, List<PublicKey> current, List<PublicKey> wanted) {
    Call call = null;
    for (PublicKey k : wanted) {
      if (!current.contains(k)) {
        byte[] payload = Gov.encode(new Gov.NewValidator(Simulation.ORG, k));
        call = new Call(Gov.NAME, "propose", Gov.proposeArgs(Gov.Kind.ADD_VALIDATOR, payload, 100));
      }
    }
    for (PublicKey k : current) {
      if (!wanted.contains(k)) {
        byte[] payload = Gov.encodeValidatorKey(k);
        call =
            new Call(Gov.NAME, "propose", Gov.proposeArgs(Gov.Kind.REMOVE_VALIDATOR, payload, 100));
      }
    }
    if (call != null) {
      long nonce = Nonces.next(node.disk::latest, ADMIN.address());
      sim.submit(node, List.of(transaction(chainId, ADMIN, nonce, call)));
    }
  }

  /**
   * The signed transaction of {@code key}'s {@code nonce} on {@code chainId}, signed once per
   * process.
   */
  static byte[] transaction(String chainId, KeyPair key, long nonce, Call call) {
    String id =
        chainId
            + "/"
            + key.address()
            + "/"
            + nonce
            + "/"
            + call.contract()
            + "/"
            + call.method()
            + "/"
            + call.args().toHex();
    if (SIGNED.size() > 100_000) {
      SIGNED.clear();
    }
    return SIGNED.computeIfAbsent(
        id,
        x -> {
          TxBody body = new TxBody(chainId, key.publicKey(), nonce, EXPIRES_AT, call);
          Transaction unsigned = new Transaction(body, Bytes.EMPTY);
          byte[] sig = SimSuite.INSTANCE.sign(key, unsigned.signingBytes());
          return Canonical.encode(new Transaction(body, Bytes.wrap(sig)));
        });
  }
}
