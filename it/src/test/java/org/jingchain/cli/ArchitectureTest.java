package org.jingchain.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module dependency direction of docs/architecture.md: nothing points back up, the node knows
 * no platform service by name, and the domain core knows nothing of RocksDB, Jackson or HTTP.
 */
class ArchitectureTest {
  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.jingchain");

  @Test
  void modulesDependOnlyDownwards() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("types")
        .definedBy("org.jingchain.types..", "org.jingchain.codec..")
        .layer("crypto")
        .definedBy("org.jingchain.crypto..")
        .layer("state")
        .definedBy("org.jingchain.state..")
        .layer("storage")
        .definedBy("org.jingchain.storage..")
        .layer("execution")
        .definedBy("org.jingchain.execution..")
        .layer("consensus")
        .definedBy("org.jingchain.consensus..")
        .layer("service")
        .definedBy("org.jingchain.service..")
        .layer("governance")
        .definedBy("org.jingchain.gov..")
        .layer("asset")
        .definedBy("org.jingchain.asset..")
        .layer("p2p")
        .definedBy("org.jingchain.p2p..")
        .layer("light")
        .definedBy("org.jingchain.light..")
        .layer("identity")
        .definedBy("org.jingchain.identity..")
        .layer("vc")
        .definedBy("org.jingchain.vc..")
        .layer("datadir")
        .definedBy("org.jingchain.datadir..")
        .layer("xchain")
        .definedBy("org.jingchain.xchain..")
        .layer("evm")
        .definedBy("org.jingchain.evm..")
        .layer("contracts")
        .definedBy("org.jingchain.contracts..")
        .layer("store")
        .definedBy("org.jingchain.store..")
        .layer("privacy")
        .definedBy("org.jingchain.privacy..")
        .layer("platform")
        .definedBy("org.jingchain.platform..")
        .layer("node")
        .definedBy("org.jingchain.node..")
        .layer("sim")
        .definedBy("org.jingchain.sim..")
        .layer("sdk")
        .definedBy("org.jingchain.sdk..")
        .layer("cli")
        .definedBy("org.jingchain.cli..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("sim")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("node")
        .mayOnlyBeAccessedByLayers("sim", "cli")
        .whereLayer("platform")
        .mayOnlyBeAccessedByLayers("sim", "cli")
        .whereLayer("sdk")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("storage")
        .mayOnlyBeAccessedByLayers("node", "sim", "cli")
        .whereLayer("p2p")
        .mayOnlyBeAccessedByLayers("node", "cli")
        .whereLayer("vc")
        .mayOnlyBeAccessedByLayers("sdk", "cli")
        .whereLayer("datadir")
        .mayOnlyBeAccessedByLayers("contracts", "platform", "sdk", "cli")
        .whereLayer("xchain")
        .mayOnlyBeAccessedByLayers("platform", "sim", "sdk", "cli")
        .whereLayer("contracts")
        .mayOnlyBeAccessedByLayers("platform", "sim", "sdk", "cli")
        .whereLayer("evm")
        .mayOnlyBeAccessedByLayers("contracts", "sim", "sdk", "cli")
        .whereLayer("store")
        .mayOnlyBeAccessedByLayers("platform", "sdk", "cli")
        .whereLayer("privacy")
        .mayOnlyBeAccessedByLayers("platform", "sdk", "cli")
        .whereLayer("light")
        .mayOnlyBeAccessedByLayers("xchain", "node", "sdk", "cli")
        .whereLayer("identity")
        .mayOnlyBeAccessedByLayers("vc", "datadir", "contracts", "platform", "sdk", "cli")
        .whereLayer("asset")
        .mayOnlyBeAccessedByLayers("xchain", "platform", "sim", "sdk", "cli")
        .whereLayer("governance")
        .mayOnlyBeAccessedByLayers(
            "identity", "xchain", "store", "privacy", "platform", "sim", "sdk", "cli")
        .whereLayer("service")
        .mayOnlyBeAccessedByLayers(
            "governance",
            "asset",
            "identity",
            "vc",
            "datadir",
            "xchain",
            "contracts",
            "store",
            "privacy",
            "platform",
            "node",
            "sim",
            "sdk",
            "cli")
        .whereLayer("consensus")
        .mayOnlyBeAccessedByLayers("service", "light", "xchain", "node", "sim", "sdk", "cli")
        .whereLayer("execution")
        .mayOnlyBeAccessedByLayers(
            "service",
            "governance",
            "asset",
            "identity",
            "vc",
            "datadir",
            "xchain",
            "contracts",
            "store",
            "privacy",
            "platform",
            "node",
            "sim",
            "sdk",
            "cli")
        .whereLayer("state")
        .mayOnlyBeAccessedByLayers("storage", "light", "xchain", "node", "sim", "sdk", "cli")
        .whereLayer("crypto")
        .mayOnlyBeAccessedByLayers(
            "service",
            "governance",
            "asset",
            "p2p",
            "identity",
            "vc",
            "datadir",
            "xchain",
            "contracts",
            "store",
            "privacy",
            "node",
            "sim",
            "sdk",
            "cli")
        .check(CLASSES);
  }

  // decision 0016: the node composes the platform services it is given and knows none by name
  @Test
  void theNodeImportsNoServiceModule() {
    noClasses()
        .that()
        .resideInAPackage("org.jingchain.node..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.jingchain.gov..",
            "org.jingchain.asset..",
            "org.jingchain.identity..",
            "org.jingchain.vc..",
            "org.jingchain.datadir..",
            "org.jingchain.xchain..",
            "org.jingchain.contracts..",
            "org.jingchain.store..",
            "org.jingchain.privacy..",
            "org.jingchain.platform..")
        .check(CLASSES);
  }

  @Test
  void noMainCodeDependsOnTheTestKit() {
    // jing-testkit is only ever a test-scoped dependency: its fixtures never ship in a module
    noClasses()
        .that()
        .resideOutsideOfPackage("org.jingchain.testkit..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.jingchain.testkit..")
        .check(CLASSES);
  }

  @Test
  void theDomainCoreHasNoInfrastructure() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.jingchain.types..",
            "org.jingchain.codec..",
            "org.jingchain.state..",
            "org.jingchain.execution..",
            "org.jingchain.gov..",
            "org.jingchain.asset..",
            "org.jingchain.consensus..",
            "org.jingchain.light..",
            "org.jingchain.identity..",
            "org.jingchain.xchain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.rocksdb..",
            "com.fasterxml..",
            "com.sun.net.httpserver..",
            "java.net.http..",
            "io.netty..",
            "picocli..")
        .check(CLASSES);
  }

  @Test
  void executionAndConsensusNeverReadTheClockOrRandomness() {
    // [determinism] time reaches consensus only as the step function's argument
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.jingchain.execution..",
            "org.jingchain.gov..",
            "org.jingchain.asset..",
            "org.jingchain.state..",
            "org.jingchain.consensus..",
            "org.jingchain.identity..",
            "org.jingchain.xchain..",
            "org.jingchain.store..")
        .should()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.Random")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.time.Clock")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.security.SecureRandom")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.lang.Thread")
        .check(CLASSES);
  }
}
