package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jingchain.asset.AssetCalls;
import org.jingchain.cli.CliRun.Result;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.crypto.pkcs11.SoftHsm;
import org.jingchain.light.LightClient;
import org.jingchain.sdk.CertifiedState;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.LightClients;
import org.jingchain.sdk.Transactions;
import org.jingchain.sdk.model.Epoch;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.types.Hash;
import org.jingchain.types.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's validator-set story on real processes (docs/spec/governance.md section 3): four
 * validators of four organisations admit a fifth by vote; it syncs and its vote becomes necessary
 * for commits; then one is removed and the network goes on without it; a light client that trusts
 * only genesis follows both changes from the chain's own proofs. Waits poll the nodes' APIs with
 * generous guards; nothing asserts on elapsed time.
 */
class EpochIT {
  static final CryptoSuite INTL = CryptoSuites.intl();
  static final Duration GUARD = Duration.ofMinutes(3);

  @TempDir Path tmp;
  Path net;
  final List<JingClient> nodes = new ArrayList<>();
  int api;
  KeyPair alice;
  String chain;
  long nonce;

  @Test
  void aFifthValidatorJoinsByVoteThenOneIsRemovedAndALightClientFollows() throws Exception {
    onNetwork(this::story);
  }

  /**
   * Issue 4: "a validator signing with its key in SoftHSM2 takes part in consensus", in a network:
   * the fifth validator's key is made in a SoftHSM2 token by {@code jing net add-node
   * --pkcs11-token}; the node runs its p2p handshake on a transport key the token certifies
   * (docs/spec/p2p.md [P2P-15]) and signs every vote in the token. With one original validator
   * down, a quorum of the five needs its votes.
   */
  @Test
  void aValidatorWithItsKeyInSoftHsmJoinsANetworkAndCommitsNeedItsVotes() throws Exception {
    SoftHsm.assumeInstalled();
    String token = "net-" + UUID.randomUUID().toString().substring(0, 8);
    SoftHsm.initToken(token);
    Path pin = tmp.resolve("pin");
    Files.writeString(pin, SoftHsm.PIN);
    onNetwork(
        () -> {
          clients();
          commit(0, AssetCalls.create("HSM", "voted in hardware", 0));
          String added =
              ok(
                  "net",
                  "add-node",
                  "--dir",
                  net.toString(),
                  "--org",
                  "org1",
                  "--pkcs11-token",
                  token,
                  "--pin-file",
                  pin.toString());
          assertThat(added).contains("in token '" + token + "'");
          assertThat(net.resolve("node4/validator.key")).doesNotExist();
          Matcher m = Pattern.compile("key (\\S+)").matcher(added);
          assertThat(m.find()).as(added).isTrue();
          String key4 = m.group(1);
          ok("net", "up", "--dir", net.toString(), "--node", "4");
          nodes.add(new JingClient("http://127.0.0.1:" + (api + 4), Duration.ofSeconds(10)));

          as(1, "gov", "propose", "add-validator", "--org", "org1", "--validator", key4);
          as(2, "gov", "vote", "1");
          assertThat(as(3, "gov", "vote", "1").out()).contains("gov.Executed");
          long firstOfEpoch1 = awaitEpochs(0, 1).get(0).firstHeight();
          NetworkIT.await(
              "the token's validator votes as validator 4", () -> self(nodes.get(4)) == 4);
          // connected to the four others through its certified transport key [P2P-15]
          NetworkIT.await(
              "node4 connected to 4 peers", () -> nodes.get(4).status().consensus().peers() == 4);

          ok("net", "down", "--dir", net.toString(), "--node", "2", "--kill");
          TxStatus t = commit(0, AssetCalls.mint("HSM", alice.address(), 7));
          assertThat(t.receipt().status()).isEqualTo("success");
          long h = t.height();
          assertThat(h).isGreaterThanOrEqualTo(firstOfEpoch1);

          // A light client from genesis accepts the block: its quorum certificate holds the
          // token's signature, as no quorum of five exists without it.
          NetworkIT.await("node4 commits " + h, () -> NetworkIT.height(nodes.get(4)) >= h);
          LightClient light = LightClients.fromGenesis(net.resolve("genesis.json"));
          CertifiedState s = nodes.get(4).readStateCertified("asset/token/HSM", light);
          assertThat(s.value()).isPresent();
          assertThat(light.validatorsAt(s.header().height()).size()).isEqualTo(5);
        });
  }

  interface Story {
    void run() throws Exception;
  }

  /**
   * Four validators of four organisations, up for {@code story}, down after it whatever happens.
   */
  private void onNetwork(Story story) throws Exception {
    NodeProcess.launchNetsFromThisBuild();
    net = tmp.resolve("net");
    // ten consecutive ports: APIs api..api+4, p2p api+5..api+9
    api = NodeProcess.freePortRun(10);
    int p2p = api + 5;
    ok(
        "net",
        "init",
        "--validators",
        "4",
        "--orgs",
        "--dir",
        net.toString(),
        "--api-port",
        Integer.toString(api),
        "--p2p-port",
        Integer.toString(p2p),
        "--round-timeout-ms",
        "1000");
    try {
      ok("net", "up", "--dir", net.toString()); // inside: a node that did start is stopped below
      story.run();
    } catch (AssertionError | RuntimeException e) {
      StringBuilder logs = new StringBuilder();
      for (Path nd : NetCommand.nodes(net)) {
        logs.append("\n--- ").append(nd.getFileName()).append('\n').append(NetCommand.tail(nd, 40));
      }
      // the cause last as well: CI shows the tail of a failure's text
      throw new AssertionError(
          e.getMessage() + "\nnode logs:" + logs + "\n--- failed: " + e.getMessage(), e);
    } finally {
      CliRun.run(List.of("net", "down", "--dir", net.toString()));
    }
  }

  private void clients() {
    for (int i = 0; i < 4; i++) {
      nodes.add(new JingClient("http://127.0.0.1:" + (api + i), Duration.ofSeconds(10)));
    }
    alice = INTL.generateKeyPair(new SecureRandom());
    chain = nodes.getFirst().status().chainId();
  }

  private void story() throws Exception {
    clients();
    commit(0, AssetCalls.create("CNY", "yuan", 0));
    LightClient light = LightClients.fromGenesis(net.resolve("genesis.json"));
    assertThat(light.validatorsAt(1).size()).isEqualTo(4);

    // A fifth node for org0: it starts before the vote and follows, refused by the others' p2p.
    String added = ok("net", "add-node", "--dir", net.toString(), "--org", "org0");
    Matcher m = Pattern.compile("key (\\S+)").matcher(added);
    assertThat(m.find()).as(added).isTrue();
    String key4 = m.group(1);
    ok("net", "up", "--dir", net.toString(), "--node", "4");
    nodes.add(new JingClient("http://127.0.0.1:" + (api + 4), Duration.ofSeconds(10)));

    // org0 proposes, org1 and org2 vote: 3 of 4 organisations, a majority.
    Result proposed =
        as(0, "gov", "propose", "add-validator", "--org", "org0", "--validator", key4);
    assertThat(proposed.out()).contains("gov.Proposed");
    as(1, "gov", "vote", "1");
    assertThat(as(2, "gov", "vote", "1").out()).contains("gov.Executed");
    List<Epoch> epochs = awaitEpochs(0, 1);
    assertThat(epochs.get(0).validators()).hasSize(5);
    assertThat(epochs.get(0).validators().get(4)).isEqualTo(key4);
    long firstOfEpoch1 = epochs.get(0).firstHeight();

    // The fifth syncs across the change and is a validator of epoch 1. Both nodes must hold the
    // block compared: a node commits a block a message later than the one that formed its QC.
    long target = Math.max(NetworkIT.height(nodes.get(0)), firstOfEpoch1);
    NetworkIT.await("node4 syncs to " + target, () -> NetworkIT.height(nodes.get(4)) >= target);
    NetworkIT.await("node0 commits " + target, () -> NetworkIT.height(nodes.get(0)) >= target);
    assertThat(nodes.get(4).block(Long.toString(firstOfEpoch1)).header().hash())
        .isEqualTo(nodes.get(0).block(Long.toString(firstOfEpoch1)).header().hash());
    NetworkIT.await("node4 votes as validator 4", () -> self(nodes.get(4)) == 4);

    // With node3 down, a quorum of five (four) needs node4's vote: commits go on only with it.
    ok("net", "down", "--dir", net.toString(), "--node", "3", "--kill");
    TxStatus t = commit(4, AssetCalls.mint("CNY", alice.address(), 100));
    assertThat(t.receipt().status()).isEqualTo("success");
    long afterAdd = t.height();
    assertThat(afterAdd).isGreaterThanOrEqualTo(firstOfEpoch1);

    // A light client that trusts only genesis follows into epoch 1 and checks a state read at
    // node1's head, once node1 has committed the block node4 reported.
    NetworkIT.await("node1 commits " + afterAdd, () -> NetworkIT.height(nodes.get(1)) >= afterAdd);
    CertifiedState s = nodes.get(1).readStateCertified("gov/validators", light);
    assertThat(light.epochAt(s.header().height())).isEqualTo(1);
    assertThat(light.validatorsAt(s.header().height()).size()).isEqualTo(5);

    // node3 comes back and catches up; then the organisations remove its validator.
    ok("net", "up", "--dir", net.toString(), "--node", "3");
    long now = NetworkIT.height(nodes.get(0));
    NetworkIT.await("node3 catches up to " + now, () -> NetworkIT.height(nodes.get(3)) >= now);
    JsonNode genesis =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(net.resolve("genesis.json").toFile());
    String validator3 = genesis.get("validators").get(3).asText();
    as(0, "gov", "propose", "remove-validator", "--validator", validator3);
    as(1, "gov", "vote", "2");
    assertThat(as(2, "gov", "vote", "2").out()).contains("gov.Executed");
    epochs = awaitEpochs(0, 2);
    Epoch e2 = epochs.get(1);
    assertThat(e2.validators()).hasSize(4).doesNotContain(validator3).contains(key4);
    // both epochs as GET /epochs answers them: the SDK's records write that JSON back
    var answered =
        ApiRecordsIT.stable("http://127.0.0.1:" + api + "/api/v1/epochs", nodes.get(0)::epochs);
    ApiRecordsIT.assertMirrors(
        ApiRecordsIT.JSON.readTree(answered.raw()).get("epochs"), answered.record());
    assertThat(answered.record()).hasSize(2);
    assertThat(ok("gov", "epochs", "--json", "--api=http://127.0.0.1:" + api))
        .as("jing gov epochs --json prints the node's epochs")
        .isEqualTo(ApiRecordsIT.pretty(ApiRecordsIT.JSON.readTree(answered.raw()).get("epochs")));

    // Still running, the removed validator's node only follows now, and net status says so.
    NetworkIT.await("node3 no longer votes", () -> self(nodes.get(3)) == -1);
    JsonNode status =
        ApiRecordsIT.JSON.readTree(ok("net", "status", "--dir", net.toString(), "--json"));
    assertThat(status.get(3).get("role").asText()).isEqualTo("follower");
    assertThat(status.get(3).get("process").asText()).isEqualTo("up");
    assertThat(status.get(4).get("role").asText()).startsWith("validator ");

    // The removed validator is stopped; the other four go on (a quorum of four is three).
    ok("net", "down", "--dir", net.toString(), "--node", "3");
    TxStatus t2 = commit(2, AssetCalls.mint("CNY", alice.address(), 1));
    assertThat(t2.receipt().status()).isEqualTo("success");
    NetworkIT.await("node4 has the block", () -> NetworkIT.height(nodes.get(4)) >= t2.height());

    // The light client follows the second change too.
    CertifiedState s2 = nodes.get(4).readStateCertified("gov/validators", light);
    assertThat(light.epochAt(s2.header().height())).isEqualTo(2);
    assertThat(light.validatorsAt(s2.header().height()).size()).isEqualTo(4);
    assertThat(light.validatorsAt(afterAdd).size()).isEqualTo(5);
  }

  static String ok(String... args) {
    Result r = CliRun.run(List.of(args));
    assertThat(r.exit()).as("jing %s: %s%s", String.join(" ", args), r.out(), r.err()).isZero();
    return r.out();
  }

  /** Runs a command as node {@code i}'s validator account (its organisation's admin). */
  Result as(int i, String... args) {
    return asAdmin(net, api, i, args);
  }

  /**
   * Runs {@code jing ARGS} as node {@code i}'s validator account of the {@code jing net} network in
   * {@code net} (its organisation's admin), against that node's API ({@code api + i}); it must
   * succeed.
   */
  static Result asAdmin(Path net, int api, int i, String... args) {
    Path nd = net.resolve("node" + i);
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--key",
            nd.resolve("validator.key").toString(),
            "--password-file",
            nd.resolve("validator.key.password").toString(),
            "--api=http://127.0.0.1:" + (api + i)));
    Result r = CliRun.run(all);
    assertThat(r.exit()).as("%s: %s%s", all, r.out(), r.err()).isZero();
    return r;
  }

  TxStatus commit(int via, org.jingchain.types.Call call) {
    Transaction tx =
        Transactions.sign(alice, chain, nonce++, System.currentTimeMillis() + 600_000, call);
    Hash h = nodes.get(via).submit(tx);
    return nodes.get(via).waitForCommit(h, GUARD);
  }

  List<Epoch> awaitEpochs(int via, int count) throws InterruptedException {
    var out = new java.util.concurrent.atomic.AtomicReference<List<Epoch>>(List.of());
    NetworkIT.await(
        count + " epochs after genesis on node" + via,
        () -> {
          try {
            out.set(nodes.get(via).epochs());
            return out.get().size() >= count;
          } catch (JingApiException e) {
            return false;
          }
        });
    return out.get();
  }

  static int self(JingClient c) {
    try {
      return c.status().consensus().self();
    } catch (JingApiException e) {
      return -1;
    }
  }
}
