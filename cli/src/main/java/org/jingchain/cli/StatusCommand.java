package org.jingchain.cli;

import java.util.concurrent.Callable;
import org.jingchain.sdk.model.NodeStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code jing status}. */
@Command(
    name = "status",
    description = "Show the node's chain, head block, state root and mempool.")
final class StatusCommand implements Callable<Integer> {
  @Mixin ApiOptions api;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    NodeStatus s = api.client().status();
    api.print(
        spec.commandLine().getOut(),
        s,
        String.format(
            "chain      %s (suite %s)%nheight     %d%nhead       %s%nstate root %s (after block %d)%nmempool    %d txs, %d bytes%nconsensus  round %d, validator %d of %d, %d peers connected",
            s.chainId(),
            s.suite(),
            s.height(),
            s.headHash(),
            s.stateRoot(),
            s.height(),
            s.mempool().txs(),
            s.mempool().bytes(),
            s.consensus().round(),
            s.consensus().self(),
            s.consensus().validators().size(),
            s.consensus().peers()));
    return 0;
  }
}
