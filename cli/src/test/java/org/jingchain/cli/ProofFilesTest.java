package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jingchain.codec.Canonical;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.MessageCodec;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.light.LightClient;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.LightClients;
import org.jingchain.sdk.model.StateRead;
import org.jingchain.testkit.HeaderChain;
import org.jingchain.testkit.HeaderChain.CommittedBlock;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * [STATE-21] {@code jing state get --out} assembles a proof file from a node's answers, here those
 * of a stand-in node over HTTP: when the block read has no commit proof of its own (it was
 * committed as the ancestor of a later block, after a timeout), the writer builds an indirect one
 * from the next block's, and the file still verifies against the genesis validators.
 */
class ProofFilesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Bytes KEY = ProofFileTest.BALANCE;

  @TempDir Path dir;

  /**
   * Blocks 4, 5 and 6: block 5 is proposed two rounds after block 4 (a timeout in between), so its
   * certificate does not commit block 4; block 6, one round after block 5, commits both. The node
   * holds a commit proof for block 5 only, as a node does for the last block of a commit.
   */
  record Chain(HeaderChain chain, CommittedBlock four, BlockHeader five, CommitProof fiveProof) {
    static Chain of(CryptoSuite suite) {
      HeaderChain chain = HeaderChain.of(suite);
      CommittedBlock four = chain.commit(4, ProofFileTest.state());
      BlockHeader five = chain.header(5, 6, chain.hash(four.header()), four.root());
      BlockHeader six = chain.header(6, 7, chain.hash(five), chain.fakeHash("state", 6));
      return new Chain(
          chain, four, five, new CommitProof(six, chain.quorumQc(chain.keys(), 0, six)));
    }
  }

  /** A stand-in node answering {@code GET /api/v1/...} with the given JSON bodies. */
  static HttpServer node(Map<String, String> answers) throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.createContext(
        "/api/v1/",
        x -> {
          String body = answers.get(x.getRequestURI().getPath().substring("/api/v1".length()));
          byte[] b =
              (body != null ? body : "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"no\"}}")
                  .getBytes(StandardCharsets.UTF_8);
          x.getResponseHeaders().add("Content-Type", "application/json");
          x.sendResponseHeaders(body != null ? 200 : 404, b.length);
          x.getResponseBody().write(b);
          x.close();
        });
    s.start();
    return s;
  }

  static String certificate(BlockHeader h, CommitProof proof) {
    ObjectNode c = JSON.createObjectNode();
    c.put("height", h.height());
    c.put("header", HexFormat.of().formatHex(Canonical.encode(h)));
    c.putNull("qc");
    c.put(
        "commitProof", proof == null ? null : HexFormat.of().formatHex(MessageCodec.encode(proof)));
    return c.toString();
  }

  @ParameterizedTest
  @MethodSource(ProofFileTest.SUITES)
  void aBlockWithoutACommitProofOfItsOwnGetsAnIndirectOneThatVerifies(CryptoSuite suite)
      throws Exception {
    Chain c = Chain.of(suite);
    HeaderChain chain = c.chain();
    Map<String, String> answers = new HashMap<>();
    answers.put("/status", "{\"height\": 6}");
    answers.put("/epochs", "{\"epochs\": []}");
    answers.put("/blocks/4/certificate", certificate(c.four().header(), null));
    answers.put("/blocks/5/certificate", certificate(c.five(), c.fiveProof()));
    HttpServer server = node(answers);
    try {
      JingClient client = new JingClient("http://127.0.0.1:" + server.getAddress().getPort());
      var smp = c.four().prove(KEY);
      StateRead read =
          new StateRead(
              "asset/balance/alice/CNY",
              KEY.toHex(),
              4,
              c.four().root().toHex(),
              suite.id().label(),
              c.four().state().get(4, KEY).orElseThrow().toHex(),
              new StateRead.Proof(null, List.of(), HexFormat.of().formatHex(smp.encode())),
              new StateRead.Certification(5, chain.hash(c.five()).toHex()));

      ProofFile f = ProofFiles.fetch(client, KEY, read);

      // the child is the committed block 5, above it block 6, certified by 6's quorum
      assertThat(f.commitProof().childHeader()).isEqualTo(c.five());
      assertThat(f.commitProof().above()).containsExactly(c.fiveProof().childHeader());
      assertThat(f.commitProof().childQc()).isEqualTo(c.fiveProof().childQc());
      assertThat(f.certifiedBy().blockHash()).isEqualTo(chain.hash(c.five()));
      Path genesis = dir.resolve("genesis.json");
      ObjectNode g = JSON.createObjectNode().put("chainId", chain.chainId());
      g.put("suite", suite.id().label());
      chain.keys().forEach(k -> g.withArray("validators").add(k.publicKey().toString()));
      Files.writeString(genesis, g.toString());
      LightClient trusted = LightClients.fromGenesis(genesis);
      ProofFile.Verdict v =
          ProofFile.parse(f.toBytes()).check(Optional.empty(), Optional.of(trusted), "genesis");
      assertThat(v.valid()).as(v.reason()).isTrue();
    } finally {
      server.stop(0);
    }
  }

  @ParameterizedTest
  @MethodSource(ProofFileTest.SUITES)
  void answersThatDisagreeAreNotSaved(CryptoSuite suite) throws Exception {
    Chain c = Chain.of(suite);
    Map<String, String> answers = new HashMap<>();
    answers.put("/status", "{\"height\": 6}");
    answers.put("/epochs", "{\"epochs\": []}");
    answers.put("/blocks/4/certificate", certificate(c.four().header(), c.four().proof()));
    HttpServer server = node(answers);
    try {
      JingClient client = new JingClient("http://127.0.0.1:" + server.getAddress().getPort());
      var smp = c.four().prove(KEY);
      // a state root the certified child does not carry
      Hash otherRoot = Hash.fromHex("77".repeat(32));
      StateRead read =
          new StateRead(
              "asset/balance/alice/CNY",
              KEY.toHex(),
              4,
              otherRoot.toHex(),
              suite.id().label(),
              c.four().state().get(4, KEY).orElseThrow().toHex(),
              new StateRead.Proof(null, List.of(), HexFormat.of().formatHex(smp.encode())),
              new StateRead.Certification(
                  5, c.chain().hash(c.four().proof().childHeader()).toHex()));
      assertThatThrownBy(() -> ProofFiles.fetch(client, KEY, read))
          .isInstanceOf(CliException.class)
          .hasMessageContaining("the node's answers do not agree")
          .hasMessageContaining(otherRoot.toHex());
    } finally {
      server.stop(0);
    }
  }
}
