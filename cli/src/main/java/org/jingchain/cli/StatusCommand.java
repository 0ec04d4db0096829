package org.jingchain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
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
    JsonNode s = api.client().status();
    api.print(
        spec.commandLine().getOut(),
        s,
        String.format(
            "chain      %s (suite %s)%nheight     %d%nhead       %s%nstate root %s (after block %d)%nmempool    %d txs, %d bytes%nconsensus  round %d, validator %d of %d, %d peers connected",
            s.get("chainId").asText(),
            s.get("suite").asText(),
            s.get("height").asLong(),
            s.get("headHash").asText(),
            s.get("stateRoot").asText(),
            s.get("height").asLong(),
            s.at("/mempool/txs").asLong(),
            s.at("/mempool/bytes").asLong(),
            s.at("/consensus/round").asLong(),
            s.at("/consensus/self").asInt(),
            s.at("/consensus/validators").size(),
            s.at("/consensus/peers").asInt()));
    return 0;
  }
}
