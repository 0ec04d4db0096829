package org.jingchain.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jingchain.identity.TrustRegistryContract;
import org.jingchain.types.Call;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jing trust}: the registry of credential schemas and trusted issuers (contract trust). */
@Command(
    name = "trust",
    description = {
      "The trust registry: credential schemas and the issuers trusted for them.",
      "Schemas are stored on chain by SHA-256 digest. Changes come from a registrar: a"
          + " validator's account until governance exists (on 'jing dev', --key"
          + " .jing/dev/validator.key)."
    },
    subcommands = {
      TrustCommand.AddSchema.class,
      TrustCommand.AddIssuer.class,
      TrustCommand.RemoveIssuer.class,
      TrustCommand.Show.class
    })
final class TrustCommand {
  private TrustCommand() {}

  @Command(name = "add-schema", description = "Register a JSON Schema document; prints its digest.")
  static final class AddSchema implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--file", required = true, description = "The JSON Schema (draft 2020-12).")
    Path file;

    @Option(
        names = "--uri",
        description = "Where the schema is published (informational; default: the file name).")
    String uri;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      byte[] document = read(file);
      if (document.length > TrustRegistryContract.MAX_SCHEMA_BYTES) {
        throw new CliException(
            file
                + " is "
                + document.length
                + " bytes; schemas are at most "
                + TrustRegistryContract.MAX_SCHEMA_BYTES);
      }
      try {
        // The same check a verifier makes: well-formed, self-contained JSON Schema.
        org.jingchain.vc.Schemas.validate(document, java.util.Map.of(), true);
      } catch (org.jingchain.vc.VcException e) {
        throw new CliException(file + ": " + e.getMessage());
      }
      String digest = TrustRegistryContract.schemaDigest(document);
      if (!tx.api.json) {
        spec.commandLine().getOut().println("schema " + digest);
      }
      return tx.send(
          org.jingchain.sdk.IdentityCalls.addSchema(
              uri != null ? uri : file.getFileName().toString(), document),
          spec.commandLine().getOut());
    }
  }

  /** The issuer and schema of add-issuer and remove-issuer. */
  static final class IssuerOptions {
    @Option(names = "--issuer", required = true, description = "The issuer's DID.")
    String issuer;

    @Option(names = "--schema", required = true, description = "The schema's digest (64 hex).")
    String schema;
  }

  @Command(name = "add-issuer", description = "Trust an issuer DID for a schema.")
  static final class AddIssuer implements Callable<Integer> {
    @Mixin TxOptions tx;
    @Mixin IssuerOptions o;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return tx.send(
          org.jingchain.sdk.IdentityCalls.addIssuer(o.issuer, o.schema),
          spec.commandLine().getOut());
    }
  }

  @Command(name = "remove-issuer", description = "Withdraw the trust in an issuer for a schema.")
  static final class RemoveIssuer implements Callable<Integer> {
    @Mixin TxOptions tx;
    @Mixin IssuerOptions o;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return tx.send(
          new Call(
              TrustRegistryContract.NAME,
              "removeIssuer",
              TrustRegistryContract.issuerArgs(o.issuer, o.schema)),
          spec.commandLine().getOut());
    }
  }

  @Command(
      name = "show",
      description = "Show a registered schema, and whether an issuer is trusted for it.")
  static final class Show implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(names = "--schema", required = true, description = "The schema's digest (64 hex).")
    String schema;

    @Option(names = "--issuer", description = "An issuer DID to check.")
    String issuer;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      var client = api.client();
      var stored =
          client.readStateVerified(TrustRegistryContract.schemaKey(schema), Optional.empty());
      if (stored.value().isEmpty()) {
        throw new CliException("schema " + schema + " is not registered");
      }
      var record = TrustRegistryContract.decodeSchema(stored.value().get().toByteArray());
      var json =
          ApiOptions.JSON
              .createObjectNode()
              .put("digest", schema)
              .put("uri", record.uri())
              .put("height", record.height())
              .put(
                  "document",
                  new String(
                      record.document().toByteArray(), java.nio.charset.StandardCharsets.UTF_8));
      StringBuilder human =
          new StringBuilder("schema ")
              .append(schema)
              .append("\n  uri ")
              .append(record.uri())
              .append("\n  registered at height ")
              .append(record.height());
      if (issuer != null) {
        boolean trusted =
            client
                .readStateVerified(
                    TrustRegistryContract.issuerKey(issuer, schema), Optional.empty())
                .value()
                .isPresent();
        json.put("issuer", issuer).put("trusted", trusted);
        human.append("\n  issuer ").append(issuer).append(trusted ? " TRUSTED" : " NOT trusted");
      }
      api.print(spec.commandLine().getOut(), json, human.toString());
      return 0;
    }
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new CliException("no such file: " + file);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
