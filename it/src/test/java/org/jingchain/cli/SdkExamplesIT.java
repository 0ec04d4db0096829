package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jingchain.sdk.ChainEvent;
import org.jingchain.sdk.examples.TransferExample;
import org.jingchain.sdk.examples.WatchEventsExample;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The SDK examples docs/sdk.md shows, run against a real node in both suites. */
class SdkExamplesIT {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void theDocumentedExamplesTransferAndSeeTheEventsInOrder(SuiteId suite) throws Exception {
    try (TestNode n = new TestNode(dir.resolve(suite.label()), suite)) {
      long from = n.client.status().height() + 1;
      CompletableFuture<List<ChainEvent>> watched =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return WatchEventsExample.run(n.client, from, 3, Duration.ofSeconds(60));
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      TransferExample.Result r = TransferExample.run(n.client, "EX");
      assertThat(r.statuses()).containsExactly("success", "success", "success");
      assertThat(r.bobBalance()).isEqualTo(2_500);
      List<ChainEvent> events = watched.get(90, TimeUnit.SECONDS);
      assertThat(events)
          .extracting(ChainEvent::type)
          .containsExactly("TokenCreated", "Minted", "Transferred");
      assertThat(events.get(2).attributes()).containsEntry("amount", "2500");
      assertThat(events).extracting(ChainEvent::height).isSorted();
    }
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void theCredentialExampleDisclosesTwoClaimsAndSeesTheRevocation(SuiteId suite) throws Exception {
    try (TestNode n = new TestNode(dir.resolve("vc-" + suite.label()), suite)) {
      var r =
          org.jingchain.sdk.examples.CredentialExample.run(
              n.client, n.validator, dir.resolve("vc-" + suite.label()).resolve("genesis.json"));
      assertThat(r.disclosed()).containsOnlyKeys("degree", "year");
      assertThat(r.disclosed().get("degree")).isEqualTo("MSc Computer Science");
      assertThat(r.afterRevocation()).isEqualTo(org.jingchain.vc.VcException.Reason.REVOKED);
    }
  }
}
