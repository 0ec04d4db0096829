package org.jingchain.service;

import java.util.Objects;
import org.jingchain.crypto.CryptoSuite;

/** The chain a service runs on: its genesis document and crypto suite. */
public record ChainSetup(Genesis genesis, CryptoSuite suite) {
  public ChainSetup {
    Objects.requireNonNull(genesis, "genesis");
    Objects.requireNonNull(suite, "suite");
    if (suite.id() != genesis.suiteId()) {
      throw new IllegalArgumentException(
          "suite " + suite.id() + " is not the genesis suite " + genesis.suite());
    }
  }

  public String chainId() {
    return genesis.chainId();
  }
}
