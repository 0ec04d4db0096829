package org.jingchain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.identity.DidTestKeys.SigningKey;
import org.jingchain.types.Address;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;

/** The trust registry (docs/spec/trust-registry.md): registrars admit schemas and issuers. */
class TrustRegistryContractTest {
  static final String CHAIN = "jing-test";
  static final Address REGISTRAR = new Address(SuiteId.INTL, Bytes.wrap(new byte[20]));
  static final Address STRANGER =
      new Address(
          SuiteId.INTL,
          Bytes.wrap(
              new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}));
  static final byte[] SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"degree\":{\"type\":\"string\"}}}"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  static final String DIGEST = TrustRegistryContract.schemaDigest(SCHEMA);
  final WriteSet state = new WriteSet(k -> Optional.empty());
  final TrustRegistryContract trust = new TrustRegistryContract(Set.of(REGISTRAR));

  String code(SystemContract c, Address sender, String method, Bytes args) {
    TxContext ctx =
        new TxContext(
            sender,
            Hash.ZERO,
            new BlockHeader(CHAIN, 1, 1, Hash.ZERO, 1, sender, Hash.ZERO, 0, Hash.ZERO, Hash.ZERO));
    WriteSet tx = new WriteSet(state);
    try {
      c.call(ctx, method, args, tx);
      tx.mergeInto(state);
      return "applied";
    } catch (ExecutionFailure f) {
      return f.code();
    }
  }

  String issuer(SigningKey update, SigningKey recovery) {
    var create = new DidOperation.Create(CHAIN, update.key(), recovery.key(), List.of(), List.of());
    assertThat(
            code(
                new DidContract(CHAIN, CryptoSuites.intl()),
                REGISTRAR,
                "create",
                DidTestKeys.signed(create, update)))
        .isEqualTo("applied");
    return Did.derive(update.key(), recovery.key(), CryptoSuites.intl());
  }

  @Test
  void aRegistrarAdmitsASchemaAndAnIssuerForItAndCanWithdrawTheTrust() {
    String issuer = issuer(DidTestKeys.ed25519(), DidTestKeys.ed25519());
    assertThat(
            code(
                trust,
                REGISTRAR,
                "addSchema",
                TrustRegistryContract.schemaArgs("https://schemas.example/degree.json", SCHEMA)))
        .isEqualTo("applied");
    assertThat(
            code(trust, REGISTRAR, "addIssuer", TrustRegistryContract.issuerArgs(issuer, DIGEST)))
        .isEqualTo("applied");
    assertThat(state.get(TrustRegistryContract.issuerKey(issuer, DIGEST))).isPresent();
    var schema =
        TrustRegistryContract.decodeSchema(
            state.get(TrustRegistryContract.schemaKey(DIGEST)).orElseThrow().toByteArray());
    assertThat(schema.document().toByteArray()).isEqualTo(SCHEMA);
    assertThat(schema.uri()).isEqualTo("https://schemas.example/degree.json");
    assertThat(
            code(
                trust, REGISTRAR, "removeIssuer", TrustRegistryContract.issuerArgs(issuer, DIGEST)))
        .isEqualTo("applied");
    assertThat(state.get(TrustRegistryContract.issuerKey(issuer, DIGEST))).isEmpty();
  }

  @Test
  void nobodyButARegistrarChangesTheRegistry() {
    assertThat(
            code(
                trust,
                STRANGER,
                "addSchema",
                TrustRegistryContract.schemaArgs("https://x", SCHEMA)))
        .isEqualTo("TRUST_UNAUTHORIZED");
    assertThat(state.changes()).isEmpty();
  }

  @Test
  void anIssuerNeedsARegisteredSchemaAndALiveDid() {
    SigningKey update = DidTestKeys.sm2();
    SigningKey recovery = DidTestKeys.sm2();
    String issuer = issuer(update, recovery);
    assertThat(
            code(trust, REGISTRAR, "addIssuer", TrustRegistryContract.issuerArgs(issuer, DIGEST)))
        .isEqualTo("TRUST_NOT_FOUND");
    code(trust, REGISTRAR, "addSchema", TrustRegistryContract.schemaArgs("https://x", SCHEMA));
    assertThat(
            code(
                trust,
                REGISTRAR,
                "addSchema",
                TrustRegistryContract.schemaArgs("https://x", SCHEMA)))
        .isEqualTo("TRUST_EXISTS");
    assertThat(
            code(
                trust,
                REGISTRAR,
                "addIssuer",
                TrustRegistryContract.issuerArgs("did:jing:" + "1".repeat(40), DIGEST)))
        .isEqualTo("TRUST_INVALID");
    code(
        new DidContract(CHAIN, CryptoSuites.intl()),
        REGISTRAR,
        "deactivate",
        DidTestKeys.signed(new DidOperation.Deactivate(CHAIN, issuer, 1), recovery));
    assertThat(
            code(trust, REGISTRAR, "addIssuer", TrustRegistryContract.issuerArgs(issuer, DIGEST)))
        .isEqualTo("TRUST_INVALID");
    assertThat(
            code(
                trust,
                REGISTRAR,
                "addSchema",
                TrustRegistryContract.schemaArgs("https://x", new byte[0])))
        .isEqualTo("TRUST_INVALID");
    assertThat(
            code(
                trust,
                REGISTRAR,
                "addSchema",
                TrustRegistryContract.schemaArgs(
                    "https://x", new byte[TrustRegistryContract.MAX_SCHEMA_BYTES + 1])))
        .isEqualTo("TRUST_INVALID");
    assertThat(code(trust, REGISTRAR, "addIssuer", TrustRegistryContract.issuerArgs(issuer, "XYZ")))
        .isEqualTo("TRUST_INVALID");
    assertThat(code(trust, REGISTRAR, "addSchema", Bytes.wrap(new byte[] {0, 0})))
        .isEqualTo("TRUST_INVALID");
  }
}
