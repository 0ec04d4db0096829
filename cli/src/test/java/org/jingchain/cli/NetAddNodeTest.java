package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jing net add-node --org} names an organisation the network has (issue 20). */
class NetAddNodeTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run jing(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Jing.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void anOrganisationTheNetworkDoesNotHaveIsRefusedAndNothingIsWritten() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // nothing answers there: add-node reads the genesis file
    }
    String net = dir.resolve("net").toString();
    Run init =
        jing(
            "net",
            "init",
            "--validators",
            "4",
            "--orgs",
            "--dir",
            net,
            "--api-port",
            Integer.toString(port),
            "--p2p-port",
            Integer.toString(port + 5));
    assertThat(init.exit()).as(init.err()).isZero();

    Run wrong = jing("net", "add-node", "--dir", net, "--org", "org9");
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.err())
        .contains("this network has no organisation org9; it has org0, org1, org2, org3");
    assertThat(dir.resolve("net/node4")).doesNotExist();

    Run byDefault = jing("net", "add-node", "--dir", net);
    assertThat(byDefault.exit()).as(byDefault.err()).isZero();
    assertThat(byDefault.out()).contains("then propose it as an admin of org0");
    assertThat(dir.resolve("net/node4")).exists();
  }
}
