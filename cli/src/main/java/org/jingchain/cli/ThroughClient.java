package org.jingchain.cli;

import java.nio.file.Path;
import org.jingchain.sdk.ChainViews;
import org.jingchain.sdk.JingClient;
import org.jingchain.vc.VcException;
import picocli.CommandLine.Option;

/**
 * Options of the commands that read another chain through this chain's client of it
 * (docs/xchain.md, [XC-50]): {@code jing vc verify} and {@code jing did resolve}.
 */
final class ThroughClient {
  @Option(
      names = "--through-client",
      description = {
        "Read another chain — where the DID, a credential's schema, trust entry and status list"
            + " live — through this chain's client of it (c-<n>): every read comes from"
            + " --remote-api and is checked against the state root the client certified, as of"
            + " its latest height. Needs --genesis (this chain's)."
      })
  String client;

  @Option(
      names = "--remote-api",
      converter = NodeUrl.class,
      description = "A node of the chain --through-client follows.")
  String remoteApi;

  /** Whether either option was given (then both must be). */
  boolean given() {
    return client != null || remoteApi != null;
  }

  /**
   * The other chain as {@code api}'s chain, certified by {@code genesis}'s validators, sees it
   * through the client; refuses incomplete options.
   */
  ChainViews.Remote open(ApiOptions api, Path genesis) throws VcException {
    if ((client == null) != (remoteApi == null)) {
      throw new CliException("--through-client and --remote-api go together");
    }
    if (genesis == null) {
      throw new CliException("--through-client needs --genesis: this chain's validators to trust");
    }
    return ChainViews.throughClient(
        api.client(), VcCommand.lightClient(genesis), client, new JingClient(remoteApi));
  }
}
