package org.jingchain.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jingchain.crypto.KeyPair;
import org.jingchain.identity.StatusListContract;
import org.jingchain.identity.TrustRegistryContract;
import org.jingchain.sdk.ChainViews;
import org.jingchain.sdk.IdentityCalls;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.LightClients;
import org.jingchain.vc.ChainView;
import org.jingchain.vc.CredentialSigner;
import org.jingchain.vc.CredentialVerifier;
import org.jingchain.vc.Credentials;
import org.jingchain.vc.StatusEntry;
import org.jingchain.vc.VcException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jing vc}: verifiable credentials (docs/spec/credentials.md). */
@Command(
    name = "vc",
    description = {
      "Verifiable credentials: issue, present, verify, revoke, suspend.",
      "Issue as JWT or SD-JWT VC, present choosing the claims to disclose, verify against the"
          + " chain, revoke and suspend with on-chain status lists."
    },
    subcommands = {
      VcCommand.ListCreate.class,
      VcCommand.Issue.class,
      VcCommand.Present.class,
      VcCommand.Verify.class,
      VcCommand.Revoke.class,
      VcCommand.Suspend.class
    })
final class VcCommand {
  private VcCommand() {}

  /** The issuer's key and the DID it signs for. */
  static final class IssuerOptions {
    @Option(names = "--issuer", required = true, description = "The issuer's DID.")
    String issuer;

    @Option(
        names = "--issuer-key",
        description = "Key file of the issuer DID's assertion key (default: --key).")
    Path issuerKey;

    @Option(
        names = "--kid",
        defaultValue = "key-1",
        description = "Id of that key in the DID document (default ${DEFAULT-VALUE}).")
    String kid;
  }

  @Command(
      name = "list-create",
      description = "Create a status list of the issuer (1 bit per credential).")
  static final class ListCreate implements Callable<Integer> {
    @Mixin TxOptions tx;

    @picocli.CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
    IssuerOptions issuer;

    @Option(names = "--list", required = true, description = "List id (A-Z a-z 0-9 . _ -).")
    String list;

    @Option(
        names = "--purpose",
        required = true,
        description = "revocation (final) or suspension (can be lifted).")
    StatusListContract.Purpose purpose;

    @Option(
        names = "--size",
        defaultValue = "131072",
        description = "Bits, a multiple of 1024 (default ${DEFAULT-VALUE}, W3C's privacy minimum).")
    int size;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      KeyPair k = signingKey(tx, issuer);
      return tx.send(
          IdentityCalls.createStatusList(
              DidCommand.chainId(tx), issuer.issuer, issuer.kid, k, list, size, purpose),
          spec.commandLine().getOut());
    }
  }

  @Command(
      name = "issue",
      description = {
        "Issue a credential to a holder DID and write it to --out.",
        "The claims are checked against the schema registered on chain (--schema digest)"
            + " before signing."
      })
  static final class Issue implements Callable<Integer> {
    @Mixin ApiOptions api;

    @picocli.CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
    IssuerOptions issuer;

    @Option(names = "--key", description = "Issuer key file, when --issuer-key is not given.")
    Path key;

    @Option(names = "--password-file", description = "File holding the key's password.")
    Path passwordFile;

    @Option(names = "--holder", required = true, description = "The holder's DID.")
    String holder;

    @Option(names = "--schema", required = true, description = "Schema digest (64 hex).")
    String schema;

    @Option(names = "--claims", description = "The claims as a JSON object.")
    String claims;

    @Option(names = "--claims-file", description = "A file holding the claims' JSON object.")
    Path claimsFile;

    @Option(names = "--type", description = "Credential type, e.g. UniversityDegreeCredential.")
    List<String> types = new ArrayList<>();

    @Option(
        names = "--format",
        defaultValue = "sd-jwt",
        description = "sd-jwt (each claim disclosable) or jwt (default ${DEFAULT-VALUE}).")
    String format;

    @Option(
        names = "--valid-days",
        defaultValue = "365",
        description = "Days until it expires (default ${DEFAULT-VALUE}; 0 = never).")
    long validDays;

    @Option(names = "--revocation-list", description = "The issuer's revocation list id.")
    String revocationList;

    @Option(names = "--suspension-list", description = "The issuer's suspension list id.")
    String suspensionList;

    @Option(
        names = "--status-index",
        description = "This credential's bit in the lists (the issuer keeps the register).")
    Integer statusIndex;

    @Option(names = "--out", required = true, description = "Where to write the credential.")
    Path out;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      KeyPair k = loadIssuerKey(issuer, key, passwordFile);
      if ((claims == null) == (claimsFile == null)) {
        throw new CliException("give the claims with --claims JSON or --claims-file FILE");
      }
      byte[] document = schemaFromChain(api, schema);
      boolean trusted =
          api.client()
              .readStateVerified(
                  TrustRegistryContract.issuerKey(issuer.issuer, schema), Optional.empty())
              .value()
              .isPresent();
      if (!trusted) {
        spec.commandLine()
            .getErr()
            .println(
                "warning: "
                    + issuer.issuer
                    + " is not trusted for this schema (yet): verifiers will refuse the credential"
                    + " with UNTRUSTED_ISSUER until a registrar runs 'jing trust add-issuer'");
      }
      List<StatusEntry> status = new ArrayList<>();
      if ((revocationList != null || suspensionList != null) != (statusIndex != null)) {
        throw new CliException("--status-index goes with --revocation-list / --suspension-list");
      }
      if (revocationList != null) {
        status.add(
            new StatusEntry(StatusListContract.Purpose.REVOCATION, revocationList, statusIndex));
      }
      if (suspensionList != null) {
        status.add(
            new StatusEntry(StatusListContract.Purpose.SUSPENSION, suspensionList, statusIndex));
      }
      Instant now = Instant.now();
      var request =
          new Credentials.Issue(
              CredentialSigner.of(k, issuer.issuer + "#" + issuer.kid),
              holder,
              document,
              types,
              parseClaims(claims != null ? claims : text(claimsFile)),
              now,
              validDays == 0 ? null : now.plus(Duration.ofDays(validDays)),
              status);
      String credential;
      try {
        credential =
            switch (format) {
              case "sd-jwt" -> Credentials.issueSdJwt(request);
              case "jwt" -> Credentials.issueJwt(request);
              default -> throw new CliException("--format must be sd-jwt or jwt");
            };
      } catch (VcException e) {
        throw new CliException(e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      }
      write(out, credential);
      ObjectNode json =
          ApiOptions.JSON.createObjectNode().put("format", format).put("out", out.toString());
      String human = "issued a " + format + " credential to " + holder + " -> " + out;
      if (format.equals("sd-jwt")) {
        try {
          var names = Credentials.disclosable(credential);
          json.set("disclosable", ApiOptions.JSON.valueToTree(names));
          human += "\nclaims the holder can disclose one by one: " + String.join(", ", names);
        } catch (VcException e) {
          throw new CliException(e.getMessage());
        }
      }
      api.print(spec.commandLine().getOut(), json, human);
      return 0;
    }
  }

  @Command(
      name = "present",
      description = {
        "Present a credential to a verifier.",
        "Signs it with the holder's key for the verifier's --audience and --nonce; with an"
            + " SD-JWT, --disclose names the claims to reveal."
      })
  static final class Present implements Callable<Integer> {
    @Option(names = "--credential", required = true, description = "The credential file.")
    Path credential;

    @Option(
        names = "--holder",
        description = "The holder's DID (default: the one the credential was issued to).")
    String holder;

    @Option(
        names = "--holder-key",
        required = true,
        description = "Key file of the holder DID's key.")
    Path holderKey;

    @Option(names = "--password-file", description = "File holding the key's password.")
    Path passwordFile;

    @Option(
        names = "--kid",
        defaultValue = "key-1",
        description = "Id of the holder's authentication key (default ${DEFAULT-VALUE}).")
    String kid;

    @Option(
        names = "--disclose",
        split = ",",
        description = "Claims to reveal (SD-JWT), comma-separated; the others stay hidden.")
    List<String> disclose = new ArrayList<>();

    @Option(names = "--audience", required = true, description = "The verifier (its URL or DID).")
    String audience;

    @Option(names = "--nonce", required = true, description = "The verifier's challenge.")
    String nonce;

    @Option(names = "--out", required = true, description = "Where to write the presentation.")
    Path out;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      String vc = text(credential);
      if (holder == null) {
        try {
          holder = Credentials.holderOf(vc);
        } catch (VcException e) {
          throw new CliException(credential + ": " + e.getMessage());
        }
      }
      CredentialSigner signer =
          CredentialSigner.of(Keys.load(holderKey, passwordFile), holder + "#" + kid);
      String presentation;
      try {
        if (vc.indexOf('~') >= 0) {
          if (disclose.isEmpty()) {
            throw new CliException(
                "name the claims to disclose with --disclose; this credential has "
                    + Credentials.disclosable(vc));
          }
          presentation =
              Credentials.presentSdJwt(
                  vc, new LinkedHashSet<>(disclose), signer, audience, nonce, Instant.now());
        } else {
          if (!disclose.isEmpty()) {
            throw new CliException(
                "a JWT credential is presented whole; --disclose needs an SD-JWT");
          }
          presentation = Credentials.presentJwt(vc, signer, audience, nonce, Instant.now());
        }
      } catch (VcException | IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      }
      write(out, presentation);
      var answer =
          ApiOptions.JSON
              .createObjectNode()
              .put("file", out.toString())
              .put("format", vc.indexOf('~') >= 0 ? "sd-jwt" : "jwt")
              .put("holder", holder)
              .put("audience", audience)
              .put("nonce", nonce);
      disclose.forEach(answer.putArray("disclosed")::add);
      spec.commandLine()
          .getOut()
          .println(
              json
                  ? answer.toPrettyString()
                  : "presentation for "
                      + audience
                      + (disclose.isEmpty() ? "" : " disclosing " + String.join(", ", disclose))
                      + " -> "
                      + out);
      return 0;
    }
  }

  @Command(
      name = "verify",
      description = {
        "Verify a credential or presentation against the chain.",
        "Checks the signature, issuer DID and key, validity, schema, trusted issuer,"
            + " revocation and suspension, and holder binding. With --genesis every chain read"
            + " is checked against the validators' certificates. Exit code 0 when valid, 1 when"
            + " refused (the reason is printed)."
      })
  static final class Verify implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(names = "--in", required = true, description = "The credential or presentation file.")
    Path in;

    @Option(names = "--audience", description = "This verifier's audience (presentations).")
    String audience;

    @Option(names = "--nonce", description = "The nonce this verifier gave (presentations).")
    String nonce;

    @Option(
        names = "--max-age",
        defaultValue = "300",
        description = "Seconds a presentation stays acceptable (default ${DEFAULT-VALUE}).")
    long maxAgeSeconds;

    @Option(
        names = "--genesis",
        description = {
          "Genesis file whose validators to trust (net/genesis.json, or .jing/dev/genesis.json).",
          "Without it, proofs are checked against the state root the node reports."
        })
    Path genesis;

    @picocli.CommandLine.Mixin ThroughClient through;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      String input = text(in);
      boolean presentation = audience != null || nonce != null;
      if (presentation && (audience == null || nonce == null)) {
        throw new CliException("a presentation is checked with both --audience and --nonce");
      }
      var options =
          presentation
              ? CredentialVerifier.Options.presentation(Instant.now(), audience, nonce)
                  .withMaxAge(Duration.ofSeconds(maxAgeSeconds))
              : CredentialVerifier.Options.credential(Instant.now());
      ObjectNode json = ApiOptions.JSON.createObjectNode();
      String trust =
          genesis != null
              ? "certified by the validators of " + genesis
              : "proofs against the node's state root";
      try {
        ChainView chain;
        if (through.given()) {
          ChainViews.Remote remote = through.open(api, genesis);
          chain = remote.view();
          trust =
              remote.chainId()
                  + " at height "
                  + remote.height()
                  + " ("
                  + Instant.ofEpochMilli(remote.timestampMillis())
                  + "), through this chain's client "
                  + through.client
                  + ", "
                  + trust;
        } else {
          chain =
              genesis != null
                  ? ChainViews.certified(api.client(), lightClient(genesis))
                  : ChainViews.proven(api.client());
        }
        var v = new CredentialVerifier(chain).verify(input, options);
        json.put("valid", true)
            .put("format", v.format())
            .put("issuer", v.issuer())
            .put("holder", v.holder())
            .put("schema", v.schemaDigest())
            .put("holderBound", v.holderBound())
            .put("chain", trust);
        json.set("claims", ApiOptions.JSON.valueToTree(v.claims()));
        StringBuilder human = new StringBuilder("VALID ").append(v.format());
        human.append(v.holderBound() ? " presentation" : " credential");
        human
            .append("\n  issuer  ")
            .append(v.issuer())
            .append(" (trusted for schema ")
            .append(v.schemaDigest(), 0, 12)
            .append("…)");
        human.append("\n  holder  ").append(v.holder());
        human
            .append("\n  status  ")
            .append(v.status().isEmpty() ? "no status lists" : "not revoked, not suspended");
        human.append("\n  chain   ").append(trust);
        v.claims()
            .forEach((k, val) -> human.append("\n  claim   ").append(k).append(" = ").append(val));
        api.print(spec.commandLine().getOut(), json, human.toString());
        return 0;
      } catch (VcException e) {
        json.put("valid", false).put("reason", e.reason().name()).put("message", e.getMessage());
        api.print(spec.commandLine().getOut(), json, "INVALID " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(
      name = "revoke",
      description = "Revoke a credential: set its bit in a revocation list (final).")
  static final class Revoke implements Callable<Integer> {
    @Mixin TxOptions tx;

    @picocli.CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
    IssuerOptions issuer;

    @Option(names = "--list", required = true, description = "The revocation list id.")
    String list;

    @Option(names = "--index", required = true, split = ",", description = "Status index(es).")
    List<Integer> indexes;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return setStatus(tx, issuer, list, indexes, true, spec);
    }
  }

  @Command(name = "suspend", description = "Suspend a credential, or lift the suspension (--lift).")
  static final class Suspend implements Callable<Integer> {
    @Mixin TxOptions tx;

    @picocli.CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
    IssuerOptions issuer;

    @Option(names = "--list", required = true, description = "The suspension list id.")
    String list;

    @Option(names = "--index", required = true, split = ",", description = "Status index(es).")
    List<Integer> indexes;

    @Option(names = "--lift", description = "Clear the bit: the credential is valid again.")
    boolean lift;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return setStatus(tx, issuer, list, indexes, !lift, spec);
    }
  }

  // ---- helpers

  static int setStatus(
      TxOptions tx,
      IssuerOptions issuer,
      String list,
      List<Integer> indexes,
      boolean value,
      picocli.CommandLine.Model.CommandSpec spec) {
    KeyPair k = signingKey(tx, issuer);
    var stored =
        tx.api
            .client()
            .readStateVerified(StatusListContract.listKey(issuer.issuer, list), Optional.empty())
            .value()
            .orElseThrow(() -> new CliException("no status list " + list + " of " + issuer.issuer));
    long version = StatusListContract.decodeRecord(stored.toByteArray()).version();
    return tx.send(
        IdentityCalls.setStatus(
            DidCommand.chainId(tx), issuer.issuer, issuer.kid, k, list, version, indexes, value),
        spec.commandLine().getOut());
  }

  static KeyPair signingKey(TxOptions tx, IssuerOptions issuer) {
    return issuer.issuerKey == null ? tx.loadKey() : Keys.load(issuer.issuerKey, tx.passwordFile);
  }

  static KeyPair loadIssuerKey(IssuerOptions issuer, Path key, Path passwordFile) {
    Path file = issuer.issuerKey != null ? issuer.issuerKey : key;
    if (file == null) {
      throw new CliException("give the issuer's key with --issuer-key (or --key)");
    }
    return Keys.load(file, passwordFile);
  }

  static byte[] schemaFromChain(ApiOptions api, String digest) {
    try {
      var v =
          api.client()
              .readStateVerified(TrustRegistryContract.schemaKey(digest), Optional.empty())
              .value()
              .orElseThrow(
                  () ->
                      new CliException(
                          "schema " + digest + " is not registered (jing trust add-schema)"));
      return TrustRegistryContract.decodeSchema(v.toByteArray()).document().toByteArray();
    } catch (JingApiException e) {
      throw new CliException(e.getMessage());
    }
  }

  static Map<String, Object> parseClaims(String text) {
    try {
      JsonNode node = ApiOptions.JSON.readTree(text);
      if (node == null || !node.isObject()) {
        throw new CliException("--claims must be a JSON object");
      }
      return ApiOptions.JSON.convertValue(node, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new CliException("--claims is not JSON: " + e.getMessage());
    }
  }

  static org.jingchain.light.LightClient lightClient(Path genesis) {
    try {
      return LightClients.fromGenesis(genesis);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
  }

  static void write(Path out, String text) {
    try {
      Files.writeString(out, text + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("cannot write " + out + ": " + e.getMessage());
    }
  }

  /** Reads a small text file (credentials, presentations, claims), at most 1 MiB. */
  static String text(Path file) {
    if (Files.isRegularFile(file) && file.toFile().length() > 1 << 20) {
      throw new CliException(file + " is larger than 1 MiB; not a credential");
    }
    return new String(TrustCommand.read(file), StandardCharsets.UTF_8).strip();
  }
}
