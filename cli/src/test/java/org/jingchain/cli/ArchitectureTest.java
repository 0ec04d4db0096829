package org.jingchain.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module dependency direction of docs/architecture.md: nothing points back up, and the domain
 * core knows nothing of RocksDB, Jackson or HTTP.
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
        .layer("governance")
        .definedBy("org.jingchain.gov..")
        .layer("asset")
        .definedBy("org.jingchain.asset..")
        .layer("consensus")
        .definedBy("org.jingchain.consensus..")
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
        .layer("node")
        .definedBy("org.jingchain.node..")
        .layer("sdk")
        .definedBy("org.jingchain.sdk..")
        .layer("cli")
        .definedBy("org.jingchain.cli..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("node")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("sdk")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("storage")
        .mayOnlyBeAccessedByLayers("node", "cli")
        .whereLayer("p2p")
        .mayOnlyBeAccessedByLayers("node", "cli")
        .whereLayer("vc")
        .mayOnlyBeAccessedByLayers("sdk", "cli")
        .whereLayer("datadir")
        .mayOnlyBeAccessedByLayers("node", "sdk", "cli")
        .whereLayer("light")
        .mayOnlyBeAccessedByLayers("node", "sdk", "cli")
        .whereLayer("identity")
        .mayOnlyBeAccessedByLayers("vc", "datadir", "node", "sdk", "cli")
        .whereLayer("asset")
        .mayOnlyBeAccessedByLayers("node", "sdk", "cli")
        .whereLayer("governance")
        .mayOnlyBeAccessedByLayers("identity", "node", "sdk", "cli")
        .whereLayer("consensus")
        .mayOnlyBeAccessedByLayers("light", "node", "sdk", "cli")
        .whereLayer("execution")
        .mayOnlyBeAccessedByLayers(
            "governance", "asset", "identity", "vc", "datadir", "node", "sdk", "cli")
        .whereLayer("state")
        .mayOnlyBeAccessedByLayers("storage", "light", "node", "sdk", "cli")
        .whereLayer("crypto")
        .mayOnlyBeAccessedByLayers("p2p", "identity", "vc", "node", "sdk", "cli")
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
            "org.jingchain.identity..")
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
            "org.jingchain.identity..")
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
