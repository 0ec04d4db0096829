package org.jingchain.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.service.ChainSetup;
import org.jingchain.service.Genesis;
import org.jingchain.service.PlatformService;
import org.jingchain.storage.ChainStore;
import org.jingchain.types.PublicKey;

/**
 * Finds the genesis a node runs: the one its store was created with, else its genesis file, else (a
 * dev chain) a new one-validator genesis. Refuses a store of another chain and a genesis the
 * services find contradictory, with the reason.
 */
final class GenesisLoader {
  static final ObjectMapper JSON = new ObjectMapper();

  private GenesisLoader() {}

  static Genesis load(
      NodeConfig cfg,
      ChainStore store,
      PublicKey validator,
      Clock clock,
      List<PlatformService> services)
      throws IOException {
    Genesis wanted = cfg.isDevChain() ? null : readFile(Path.of(cfg.genesisFile()), services);
    var stored = store.genesis();
    Genesis g;
    if (stored.isPresent()) {
      g = parseStored(stored.get(), cfg);
      if (wanted != null && !wanted.equals(g)) {
        throw new NodeConfig.ConfigException(
            "data directory " + cfg.dataDir() + " holds another chain than " + cfg.genesisFile());
      }
    } else {
      g =
          wanted != null
              ? wanted
              : Genesis.single(cfg.chainId(), cfg.suite(), clock.millis(), validator);
    }
    if (cfg.isDevChain()) {
      // What a light client of the dev chain pins (LightClients.fromGenesis, jing vc verify).
      Path copy = cfg.dataDir().resolve("genesis.json");
      if (!Files.exists(copy)) {
        Files.write(copy, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(g));
      }
    }
    if (!g.chainId().equals(cfg.chainId()) || g.suiteId() != cfg.suite()) {
      throw new NodeConfig.ConfigException(
          "the chain is '"
              + g.chainId()
              + "' ("
              + g.suite()
              + "), but the config asks for '"
              + cfg.chainId()
              + "' ("
              + cfg.suite()
              + "); set chain.id and chain.suite to match");
    }
    return g;
  }

  /**
   * Reads a genesis file and has every service check its part, so a contradictory genesis is
   * refused when it is read, with the reason, rather than when the chain is created.
   */
  static Genesis readFile(Path file, List<PlatformService> services) {
    try {
      Genesis g = JSON.readValue(Files.readAllBytes(file), Genesis.class);
      new ServiceSet(services, new ChainSetup(g, CryptoSuites.of(g.suiteId()))).genesisState();
      return g;
    } catch (IOException | IllegalArgumentException e) {
      throw new NodeConfig.ConfigException(
          "cannot read genesis file " + file + ": " + e.getMessage());
    }
  }

  private static Genesis parseStored(byte[] json, NodeConfig cfg) {
    try {
      return JSON.readValue(json, Genesis.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new NodeConfig.ConfigException(
          "data directory "
              + cfg.dataDir()
              + " was created by an older Jingchain whose block format this version cannot"
              + " read; move it away or choose another data.dir ("
              + e.getMessage()
              + ")");
    }
  }
}
