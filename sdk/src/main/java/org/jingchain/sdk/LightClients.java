package org.jingchain.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.light.LightClient;
import org.jingchain.light.TrustedValidators;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/** Light clients from what a user trusts: a chain's genesis file. */
public final class LightClients {
  private LightClients() {}

  /**
   * A light client trusting the validators of {@code genesis.json} (written by {@code jing net
   * init}, and by {@code jing dev} into its data directory).
   *
   * @throws IllegalArgumentException when the file cannot be read or is not a genesis
   */
  public static LightClient fromGenesis(Path genesisJson) {
    JsonNode g;
    try {
      g = new ObjectMapper().readTree(genesisJson.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read genesis " + genesisJson + ": " + e.getMessage(), e);
    }
    if (g == null || !g.path("chainId").isTextual() || !g.path("validators").isArray()) {
      throw new IllegalArgumentException(genesisJson + " is not a genesis file");
    }
    SuiteId suiteId =
        SuiteId.fromLabel(g.path("suite").asText())
            .orElseThrow(() -> new IllegalArgumentException("unknown suite in " + genesisJson));
    CryptoSuite suite = CryptoSuites.of(suiteId);
    List<PublicKey> keys = new ArrayList<>();
    for (JsonNode v : g.get("validators")) {
      keys.add(PublicKey.parse(v.asText()));
    }
    return new LightClient(
        new TrustedValidators(
            g.get("chainId").asText(), new ValidatorSet(keys, suite), suite, suite::verify));
  }
}
