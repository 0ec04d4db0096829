package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.privacy.PgroupCalls;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.sdk.pgroup.PgroupClient;
import org.jingchain.sdk.store.StoreChain;
import org.jingchain.types.Call;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private groups on four validator processes of four organisations (docs/privacy.md): a group of
 * three organisations' nodes, defined and approved by governance; the fourth node orders and
 * certifies the private transactions but holds and reads none of them — asserted on its disk and
 * its API; a member killed during three private transactions fetches them when it returns and reads
 * them; a transaction without its availability certificate is refused ([PRIV-30]..[PRIV-33]).
 */
class PgroupIT {
  static final Duration GUARD = Duration.ofMinutes(2);
  static final String SECRET = "patient 4711: HbA1c 6.1 — SECRET-MARKER";

  @TempDir Path tmp;
  Path net;
  final List<JingClient> nodes = new ArrayList<>();
  final List<String> urls = new ArrayList<>();

  static String jing(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Jing.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).as("jing %s: %s%s", String.join(" ", args), out, err).isZero();
    return out.toString();
  }

  String[] as(int node, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    Path dir = net.resolve("node" + node);
    all.addAll(
        List.of(
            "--key",
            dir.resolve("validator.key").toString(),
            "--password-file",
            dir.resolve("validator.key.password").toString(),
            "--api",
            urls.get(node)));
    return all.toArray(new String[0]);
  }

  KeyPair account(int node) {
    Path dir = net.resolve("node" + node);
    return Keys.load(dir.resolve("validator.key"), dir.resolve("validator.key.password"));
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + GUARD.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(200); // polling other processes' APIs; the condition is what is asserted
    }
  }

  /** True when any file under {@code dir} contains {@code marker}. */
  static boolean anyFileContains(Path dir, String marker) throws IOException {
    byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] b;
        try {
          b = Files.readAllBytes(f);
        } catch (IOException gone) {
          continue; // a RocksDB file replaced while we walk
        }
        if (indexOf(b, needle) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  long heldHere(int node) {
    try {
      return nodes.get(node).pgroupGroup("trial").heldHere();
    } catch (JingApiException e) {
      return -1;
    }
  }

  @Test
  void threeOrganisationsShareWhatTheFourthOrdersButNeverHolds() throws Exception {
    NodeProcess.launchNetsFromThisBuild();
    net = tmp.resolve("net");
    int api = NodeProcess.freePortRun(8);
    jing(
        "net",
        "init",
        "--validators",
        "4",
        "--orgs",
        "--permissions",
        "members",
        "--dir",
        net.toString(),
        "--api-port",
        Integer.toString(api),
        "--p2p-port",
        Integer.toString(api + 4),
        "--round-timeout-ms",
        "1000");
    jing("net", "up", "--dir", net.toString());
    try {
      for (int i = 0; i < 4; i++) {
        urls.add("http://127.0.0.1:" + (api + i));
        nodes.add(new JingClient(urls.get(i), Duration.ofSeconds(10)));
      }
      String chainId = nodes.get(0).status().chainId();

      // The group: nodes 0, 1 and 2 (org0..org2), any two of which must hold a payload.
      Path def = tmp.resolve("trial.pgroup");
      String defined =
          jing(
              "pgroup",
              "define",
              "--id",
              "trial",
              "--threshold",
              "2",
              "--member",
              urls.get(0) + "," + urls.get(1) + "," + urls.get(2),
              "--out",
              def.toString(),
              "--api",
              urls.get(0));
      Matcher d = Pattern.compile("digest ([0-9a-f]{64})").matcher(defined);
      assertThat(d.find()).as(defined).isTrue();
      String proposed =
          jing(as(0, "gov", "propose", "approve", "--purpose", "pgroup", "--digest", d.group(1)));
      Matcher id = Pattern.compile("gov.Proposed id=(\\d+)").matcher(proposed);
      assertThat(id.find()).as(proposed).isTrue();
      jing(as(1, "gov", "vote", id.group(1)));
      jing(as(2, "gov", "vote", id.group(1)));
      assertThat(jing(as(0, "pgroup", "create", "--definition", def.toString())))
          .contains("pgroup.GroupCreated group=trial members=3 threshold=2");

      // A private transaction through node 0 by org0's account.
      Path payload = tmp.resolve("record-0.txt");
      Files.writeString(payload, SECRET + " #0");
      assertThat(jing(as(0, "pgroup", "send", "--group", "trial", "--file", payload.toString())))
          .contains("pgroup.PrivateRecorded group=trial seq=0");
      await(
          "nodes 0-2 hold record 0",
          () -> heldHere(0) == 1 && heldHere(1) == 1 && heldHere(2) == 1);
      Path out = tmp.resolve("read-0.txt");
      jing(as(1, "pgroup", "read", "--group", "trial", "--seq", "0", "-o", out.toString()));
      assertThat(Files.readString(out)).isEqualTo(SECRET + " #0");

      // A signed send request replayed is refused: it would be sealed, kept and pushed again.
      long now = System.currentTimeMillis();
      byte[] again = "replay me".getBytes(StandardCharsets.UTF_8);
      KeyPair org0 = account(0);
      org.jingchain.privacy.PgroupService.SendRequest req =
          new org.jingchain.privacy.PgroupService.SendRequest(
              java.util.Base64.getEncoder().encodeToString(again),
              now,
              org0.publicKey().bytes().toHex(),
              org.jingchain.types.Bytes.wrap(
                      org0.sign(
                          org.jingchain.privacy.PgroupService.accountMessage(
                              "send", chainId, "trial", CryptoSuites.intl().hash(again), now)))
                  .toHex());
      assertThat(nodes.get(0).pgroupSend("trial", req).attestations()).hasSize(3);
      try {
        nodes.get(0).pgroupSend("trial", req);
        throw new AssertionError("a replayed send was taken");
      } catch (JingApiException e) {
        assertThat(e.code()).isEqualTo("BAD_REQUEST");
        assertThat(e.getMessage()).contains("replay");
      }

      // Node 3 (org3) orders it but is no member: it holds nothing, and reads nothing.
      assertThat(nodes.get(3).pgroupGroup("trial").thisNodeIsMember()).isFalse();
      assertThat(nodes.get(3).pgroupGroup("trial").records()).isEqualTo(1);
      assertThat(heldHere(3)).isZero();
      PgroupClient pg = new PgroupClient(chainId, CryptoSuites.intl(), new SecureRandom());
      try {
        pg.read(nodes.get(3), account(0), "trial", 0);
        throw new AssertionError("a non-member node served a private payload");
      } catch (JingApiException e) {
        assertThat(e.code()).isEqualTo("NOT_A_MEMBER");
      }
      // org3's own account may not read through a member node either.
      try {
        pg.read(nodes.get(0), account(3), "trial", 0);
        throw new AssertionError("a non-member organisation read a private payload");
      } catch (JingApiException e) {
        assertThat(e.code()).isEqualTo("NOT_A_MEMBER");
      }

      // Node 2 is killed; three private transactions are recorded without it.
      jing("net", "down", "--dir", net.toString(), "--node", "2", "--kill");
      for (int i = 1; i <= 3; i++) {
        Files.writeString(payload, SECRET + " #" + i);
        assertThat(jing(as(0, "pgroup", "send", "--group", "trial", "--file", payload.toString())))
            .contains("pgroup.PrivateRecorded group=trial seq=" + i);
      }
      // Without its availability certificate a transaction is refused: one attestation of two.
      Files.writeString(payload, SECRET + " #x");
      Call full = pg.send(nodes.get(0), account(0), "trial", Files.readAllBytes(payload));
      PgroupCalls.Submit s = PgroupCalls.decodeSubmit(full.args());
      Call partial =
          PgroupCalls.submit(
              new PgroupCalls.Submit(
                  s.group(), s.hash(), s.size(), s.attestations().subList(0, 1)));
      TxStatus refused =
          new StoreChain(nodes.get(0), chainId, Clock.systemUTC()).send(account(0), partial, GUARD);
      assertThat(refused.receipt().code()).isEqualTo("NO_AVAILABILITY");
      assertThat(nodes.get(0).pgroupGroup("trial").records()).isEqualTo(4);

      // Node 2 returns, fetches the three it missed from the others, checks them, reads them.
      jing("net", "up", "--dir", net.toString(), "--node", "2");
      await("node 2 holds all four records", () -> heldHere(2) == 4);
      Path back = tmp.resolve("read-3.txt");
      jing(as(2, "pgroup", "read", "--group", "trial", "--seq", "3", "-o", back.toString()));
      assertThat(Files.readString(back)).isEqualTo(SECRET + " #3");

      // On disk: members keep ciphertext only; node 3 keeps nothing of the group at all.
      assertThat(anyFileContains(net.resolve("node3"), "SECRET-MARKER")).isFalse();
      assertThat(Files.exists(net.resolve("node3").resolve("pgroup"))).isFalse();
      assertThat(anyFileContains(net.resolve("node0"), "SECRET-MARKER")).isFalse();
    } finally {
      jing("net", "down", "--dir", net.toString());
    }
  }
}
