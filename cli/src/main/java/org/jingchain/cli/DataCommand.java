package org.jingchain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jingchain.crypto.KeyPair;
import org.jingchain.datadir.Content;
import org.jingchain.datadir.DatadirCalls;
import org.jingchain.datadir.Digest;
import org.jingchain.datadir.Metadata;
import org.jingchain.datadir.Policy;
import org.jingchain.datadir.Sector;
import org.jingchain.sdk.DatadirQueries;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Transactions;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jing data}: the data directory (contract datadir, docs/spec/datadir.md). */
@Command(
    name = "data",
    description = {
      "The data directory: data assets, search, lineage, access requests, grants, consent, audit.",
      "Assets are described on chain (metadata, digest, locations, policy); the data stays off"
          + " chain (docs/spec/datadir.md). Writes act as a DID (--owner, --as, --person-as):"
          + " the --key must be one of its authentication keys. A write the chain refuses prints"
          + " 'error: DD_...: message' and exits 1."
    },
    subcommands = {
      DataCommand.Register.class,
      DataCommand.Update.class,
      DataCommand.NewVersion.class,
      DataCommand.Retire.class,
      DataCommand.Search.class,
      DataCommand.Show.class,
      DataCommand.Lineage.class,
      DataCommand.RequestCmd.class,
      DataCommand.GrantCmd.class,
      DataCommand.Refuse.class,
      DataCommand.Revoke.class,
      DataCommand.ConsentCmd.class,
      DataCommand.Audit.class
    })
final class DataCommand {
  private DataCommand() {}

  static final String DEFAULT_SCOPE = "read";
  static final String DEFAULT_FORMAT = "application/octet-stream";
  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})([dhms])");

  // ---- option groups shared by register and update

  /** The descriptive fields; register needs --title and --sector. */
  static final class MetadataOptions {
    @Option(
        names = "--title",
        paramLabel = "TEXT",
        description = "Title, 1..200 bytes (required to register).")
    String title;

    @Option(
        names = "--description",
        paramLabel = "TEXT",
        description = "Description, up to 4,096 bytes.")
    String description;

    @Option(
        names = "--sector",
        paramLabel = "SECTOR",
        description =
            "healthcare, education, ai, finance, transport, government or other (required to"
                + " register).")
    String sector;

    @Option(
        names = "--tag",
        paramLabel = "TAG",
        description = "A search keyword [a-z0-9][a-z0-9._-]{0,31} (repeat, up to 16).")
    List<String> tags;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        description =
            "Format or schema, e.g. text/csv, parquet, onnx (default "
                + DEFAULT_FORMAT
                + " to register).")
    String format;

    @Option(
        names = "--licence",
        paramLabel = "LICENCE",
        description = "An SPDX id or a licence URI.")
    String licence;

    boolean any() {
      return title != null
          || description != null
          || sector != null
          || tags != null
          || format != null
          || licence != null;
    }
  }

  /** The access policy. */
  static final class PolicyOptions {
    @Option(
        names = "--policy",
        paramLabel = "POLICY",
        description =
            "public (anyone), approval (a grant is needed) or group (the --member DIDs, others"
                + " need a grant).")
    String policy;

    @Option(
        names = "--member",
        paramLabel = "DID",
        description = "A member DID of a group policy (repeat).")
    List<String> members;
  }

  /** Delegates and lineage. */
  static final class LinkOptions {
    @Option(
        names = "--delegate",
        paramLabel = "DID",
        description = "A DID that may grant, refuse, revoke and record accesses (repeat, up to 8).")
    List<String> delegates;

    @Option(
        names = "--derived-from",
        paramLabel = "ID",
        description = "The id of an asset this one was derived from (repeat, up to 32).")
    List<String> derivedFrom;
  }

  /** One version's content: a local file to digest, or a digest and size. */
  static final class ContentOptions {
    @Option(
        names = "--file",
        paramLabel = "PATH",
        description = "Compute the SHA-256 digest and size of this file locally (it is not sent).")
    Path file;

    @Option(
        names = "--digest",
        paramLabel = "ALG:HEX",
        description = "The content's digest ALG:HEX, e.g. sha-256:<64 hex> (with --size).")
    String digest;

    @Option(
        names = "--size",
        paramLabel = "BYTES",
        description = "The content's size in bytes (with --digest).")
    Long size;

    @Option(
        names = "--location",
        paramLabel = "URI",
        description = "Where the data can be fetched, a URI (repeat: 1..8).")
    List<String> locations = new ArrayList<>();

    @Option(
        names = "--note",
        paramLabel = "TEXT",
        defaultValue = "",
        description = "A note on this version.")
    String note;

    Content content(PrintWriter out, boolean json) {
      if (locations.isEmpty()) {
        throw new CliException(
            "give at least one --location: where the data can be fetched (https://..., s3://...)");
      }
      if (file != null && (digest != null || size != null)) {
        throw new CliException("give --file, or --digest with --size, not both");
      }
      if (file != null) {
        FileDigest fd = digestFile(file);
        if (!json) {
          out.println("digest " + fd.digest() + " (" + fd.sizeBytes() + " bytes)");
        }
        return new Content(fd.digest(), fd.sizeBytes(), locations, note);
      }
      if (digest == null || size == null) {
        throw new CliException("give --file PATH, or --digest ALG:HEX with --size N");
      }
      if (size < 0) {
        throw new CliException("--size must not be negative");
      }
      return new Content(parseDigest(digest), size, locations, note);
    }
  }

  // ---- writes

  @Command(name = "register", description = "Register a data asset with its first version.")
  static final class Register implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(
        names = "--id",
        paramLabel = "ID",
        required = true,
        description = "Asset id [a-z0-9][a-z0-9._-]{0,63}.")
    String id;

    @Option(
        names = {"--owner", "--as"},
        paramLabel = "DID",
        required = true,
        description = "The owner DID; the transaction acts as it.")
    String owner;

    @Mixin MetadataOptions meta;
    @Mixin PolicyOptions policy;
    @Mixin LinkOptions links;
    @Mixin ContentOptions content;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (meta.title == null || meta.sector == null || policy.policy == null) {
        throw new CliException("register needs --title, --sector and --policy");
      }
      Metadata m =
          new Metadata(
              meta.title,
              orEmpty(meta.description),
              parseSector(meta.sector),
              orNone(meta.tags),
              meta.format != null ? meta.format : DEFAULT_FORMAT,
              orEmpty(meta.licence));
      PrintWriter out = spec.commandLine().getOut();
      var args =
          new DatadirCalls.Register(
              id,
              owner,
              m,
              parsePolicy(policy.policy, orNone(policy.members)),
              orNone(links.delegates),
              orNone(links.derivedFrom),
              content.content(out, tx.api.json));
      return send(tx, DatadirCalls.register(args), out, null, null);
    }
  }

  /** The owner DID an owner-only write acts as; optional, checked against the asset. */
  static final class OwnerOption {
    @Option(
        names = "--as",
        paramLabel = "DID",
        description = "The owner DID (optional: the transaction acts as the asset's owner).")
    String as;

    void check(JsonNode asset) {
      String owner = asset.path("owner").asText();
      if (as != null && !as.equals(owner)) {
        throw new CliException(
            "asset " + asset.path("id").asText() + " is owned by " + owner + ", not " + as);
      }
    }
  }

  @Command(
      name = "update",
      description = {
        "Change an asset's metadata, policy, delegates or lineage (owner only).",
        "Only the groups given change; metadata options not given keep their current values."
            + " --tag replaces all tags, --delegate all delegates, --derived-from all parents."
      })
  static final class Update implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--id", paramLabel = "ID", required = true, description = "The asset id.")
    String id;

    @Mixin OwnerOption owner;
    @Mixin MetadataOptions meta;
    @Mixin PolicyOptions policy;
    @Mixin LinkOptions links;

    @Option(names = "--clear-tags", description = "Remove all tags.")
    boolean clearTags;

    @Option(names = "--clear-delegates", description = "Remove all delegates.")
    boolean clearDelegates;

    @Option(names = "--clear-derived-from", description = "Remove all lineage parents.")
    boolean clearDerivedFrom;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if ((clearTags && meta.tags != null)
          || (clearDelegates && links.delegates != null)
          || (clearDerivedFrom && links.derivedFrom != null)) {
        throw new CliException("give a list or clear it, not both");
      }
      if (policy.policy == null && policy.members != null) {
        throw new CliException("--member needs --policy group");
      }
      boolean metadata = meta.any() || clearTags;
      if (!metadata
          && policy.policy == null
          && links.delegates == null
          && links.derivedFrom == null
          && !clearDelegates
          && !clearDerivedFrom) {
        throw new CliException(
            "nothing to update: give metadata options, --policy, --delegate, --derived-from or a"
                + " --clear-... option");
      }
      Optional<JsonNode> asset =
          metadata || owner.as != null ? Optional.of(queries(tx.api).asset(id)) : Optional.empty();
      asset.ifPresent(owner::check);
      var args =
          new DatadirCalls.Update(
              id,
              asset.filter(a -> metadata).map(this::mergedMetadata),
              Optional.ofNullable(policy.policy).map(p -> parsePolicy(p, orNone(policy.members))),
              clearDelegates ? Optional.of(List.of()) : Optional.ofNullable(links.delegates),
              clearDerivedFrom ? Optional.of(List.of()) : Optional.ofNullable(links.derivedFrom));
      return send(tx, DatadirCalls.update(args), spec.commandLine().getOut(), null, null);
    }

    /** The metadata given, completed with the asset's current values. */
    private Metadata mergedMetadata(JsonNode a) {
      List<String> currentTags = new ArrayList<>();
      a.path("tags").forEach(t -> currentTags.add(t.asText()));
      return new Metadata(
          meta.title != null ? meta.title : a.path("title").asText(),
          meta.description != null ? meta.description : a.path("description").asText(),
          parseSector(meta.sector != null ? meta.sector : a.path("sector").asText()),
          clearTags ? List.of() : meta.tags != null ? meta.tags : currentTags,
          meta.format != null ? meta.format : a.path("format").asText(),
          meta.licence != null ? meta.licence : a.path("licence").asText());
    }
  }

  @Command(name = "new-version", description = "Publish the next version of an asset (owner only).")
  static final class NewVersion implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--id", paramLabel = "ID", required = true, description = "The asset id.")
    String id;

    @Mixin OwnerOption owner;
    @Mixin ContentOptions content;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (owner.as != null) {
        owner.check(queries(tx.api).asset(id));
      }
      PrintWriter out = spec.commandLine().getOut();
      return send(
          tx, DatadirCalls.newVersion(id, content.content(out, tx.api.json)), out, null, null);
    }
  }

  @Command(name = "retire", description = "Retire an asset for good (owner only; final).")
  static final class Retire implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--id", paramLabel = "ID", required = true, description = "The asset id.")
    String id;

    @Mixin OwnerOption owner;

    @Option(
        names = "--reason",
        paramLabel = "TEXT",
        required = true,
        description = "Why, up to 256 bytes.")
    String reason;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (owner.as != null) {
        owner.check(queries(tx.api).asset(id));
      }
      return send(tx, DatadirCalls.retire(id, reason), spec.commandLine().getOut(), null, null);
    }
  }

  @Command(
      name = "request",
      description = "Ask for access to an asset (approval or group policy); prints the request id.")
  static final class RequestCmd implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--asset", paramLabel = "ID", required = true, description = "The asset id.")
    String asset;

    @Option(names = "--as", paramLabel = "DID", required = true, description = "The requester DID.")
    String as;

    @Option(
        names = "--purpose",
        paramLabel = "TEXT",
        required = true,
        description = "What for, 1..256 bytes.")
    String purpose;

    @Option(
        names = "--scope",
        paramLabel = "TEXT",
        defaultValue = DEFAULT_SCOPE,
        description = "What is asked for, 1..128 bytes (default ${DEFAULT-VALUE}).")
    String scope;

    @Option(
        names = "--duration",
        paramLabel = "DURATION",
        defaultValue = "30d",
        description = "For how long: 30d, 12h, 15m, 90s (default ${DEFAULT-VALUE}).")
    String duration;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      long millis = parseDurationMillis("--duration", duration);
      return send(
          tx,
          DatadirCalls.request(as, asset, purpose, scope, millis),
          spec.commandLine().getOut(),
          "Requested",
          "request");
    }
  }

  @Command(
      name = "grant",
      description = "Grant a pending request (owner or delegate); prints the grant id.")
  static final class GrantCmd implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--request", paramLabel = "N", required = true, description = "The request id.")
    long request;

    @Option(
        names = "--as",
        paramLabel = "DID",
        required = true,
        description = "The owner or delegate DID.")
    String as;

    @Option(
        names = "--expires",
        paramLabel = "WHEN",
        required = true,
        description = "When it ends: in 30d, 12h, 15m, 90s, or at an ISO-8601 instant.")
    String expires;

    @Option(
        names = "--scope",
        paramLabel = "TEXT",
        description = "The scope granted (default: the one requested).")
    String scope;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      long until = parseExpiryMillis("--expires", expires, System.currentTimeMillis());
      String s = scope != null ? scope : queries(tx.api).request(request).path("scope").asText();
      return send(
          tx,
          DatadirCalls.grant(as, request, until, s),
          spec.commandLine().getOut(),
          "Granted",
          "grant");
    }
  }

  @Command(name = "refuse", description = "Refuse a pending request (owner or delegate).")
  static final class Refuse implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--request", paramLabel = "N", required = true, description = "The request id.")
    long request;

    @Option(
        names = "--as",
        paramLabel = "DID",
        required = true,
        description = "The owner or delegate DID.")
    String as;

    @Option(
        names = "--reason",
        paramLabel = "TEXT",
        required = true,
        description = "Why, up to 256 bytes.")
    String reason;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return send(
          tx, DatadirCalls.refuse(as, request, reason), spec.commandLine().getOut(), null, null);
    }
  }

  @Command(
      name = "revoke",
      description = "Revoke a grant (its asset's owner or delegate) or a consent (its person).")
  static final class Revoke implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--grant", paramLabel = "N", required = true, description = "The grant id.")
    long grant;

    @Option(
        names = "--as",
        paramLabel = "DID",
        required = true,
        description = "The DID that revokes.")
    String as;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return send(tx, DatadirCalls.revoke(as, grant), spec.commandLine().getOut(), null, null);
    }
  }

  @Command(
      name = "consent",
      description =
          "A person lets an organisation use records about them for a purpose; prints the grant"
              + " id.")
  static final class ConsentCmd implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(
        names = "--person-as",
        paramLabel = "DID",
        required = true,
        description = "The person's DID (acts).")
    String person;

    @Option(
        names = "--organisation",
        paramLabel = "DID",
        required = true,
        description = "The organisation's DID.")
    String organisation;

    @Option(
        names = "--purpose",
        paramLabel = "TEXT",
        required = true,
        description = "What for, 1..256 bytes.")
    String purpose;

    @Option(
        names = "--scope",
        paramLabel = "TEXT",
        defaultValue = DEFAULT_SCOPE,
        description = "Which use, 1..128 bytes (default ${DEFAULT-VALUE}).")
    String scope;

    @Option(
        names = "--asset",
        paramLabel = "ID",
        description = "Tie the consent to this asset (default: none).")
    String asset;

    @Option(
        names = "--expires",
        paramLabel = "WHEN",
        required = true,
        description = "When it ends: in 30d, 12h, 15m, 90s, or at an ISO-8601 instant.")
    String expires;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      long until = parseExpiryMillis("--expires", expires, System.currentTimeMillis());
      return send(
          tx,
          DatadirCalls.consent(person, organisation, orEmpty(asset), purpose, scope, until),
          spec.commandLine().getOut(),
          "Consented",
          "grant");
    }
  }

  // ---- reads

  @Command(
      name = "search",
      description = "Search the catalogue: words in titles, descriptions and tags, and filters.")
  static final class Search implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(arity = "0..*", paramLabel = "QUERY", description = "Words to look for.")
    List<String> words = new ArrayList<>();

    @Option(names = "--sector", paramLabel = "SECTOR", description = "Only this sector.")
    String sector;

    @Option(names = "--tag", paramLabel = "TAG", description = "Only assets with this tag.")
    String tag;

    @Option(names = "--owner", paramLabel = "DID", description = "Only assets of this owner DID.")
    String owner;

    @Option(
        names = "--policy",
        paramLabel = "POLICY",
        description = "Only this policy: public, approval or group.")
    String policy;

    @Option(
        names = "--status",
        paramLabel = "STATUS",
        description = "Only active or retired assets.")
    String status;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "20",
        description = "Hits, 1..100 (default 20).")
    int limit;

    @Option(
        names = "--offset",
        paramLabel = "N",
        defaultValue = "0",
        description = "Skip this many hits.")
    int offset;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Map<String, String> filters = new TreeMap<>();
      putIf(filters, "sector", sector);
      putIf(filters, "tag", tag);
      putIf(filters, "owner", owner);
      putIf(filters, "policy", policy);
      putIf(filters, "status", status);
      JsonNode r = queries(api).search(String.join(" ", words), filters, offset, limit);
      api.print(spec.commandLine().getOut(), r, searchText(r));
      return 0;
    }

    private static void putIf(Map<String, String> m, String k, String v) {
      if (v != null) {
        m.put(k, v);
      }
    }
  }

  @Command(name = "show", description = "Show an asset and its latest version.")
  static final class Show implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(index = "0", paramLabel = "ID", description = "The asset id.")
    String id;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      JsonNode a = queries(api).asset(id);
      api.print(spec.commandLine().getOut(), a, assetText(a));
      return 0;
    }
  }

  @Command(
      name = "lineage",
      description = {
        "Show what an asset was derived from (with --descendants: what was derived from it).",
        "--dot prints Graphviz DOT: jing data lineage ID --dot | dot -Tsvg > lineage.svg"
      })
  static final class Lineage implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(index = "0", paramLabel = "ID", description = "The asset id.")
    String id;

    @Option(names = "--descendants", description = "Walk to what was derived from it.")
    boolean descendants;

    @Option(
        names = "--max",
        paramLabel = "N",
        defaultValue = "200",
        description = "Most assets, 1..1000 (200).")
    int max;

    @Option(names = "--dot", description = "Print Graphviz DOT instead of a tree.")
    boolean dot;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      JsonNode g =
          queries(api)
              .lineage(
                  id,
                  descendants
                      ? DatadirQueries.Direction.DESCENDANTS
                      : DatadirQueries.Direction.ANCESTORS,
                  max);
      PrintWriter out = spec.commandLine().getOut();
      if (dot) {
        out.print(lineageDot(g));
        out.flush();
      } else {
        api.print(out, g, lineageTree(g));
      }
      return 0;
    }
  }

  /** Exactly one audit index. */
  static final class AuditBy {
    @Option(
        names = "--asset",
        paramLabel = "ID",
        required = true,
        description = "The entries of this asset.")
    String asset;

    @Option(
        names = "--requester",
        paramLabel = "DID",
        required = true,
        description = "The entries of this requester, grantee or organisation DID.")
    String requester;

    @Option(
        names = "--owner",
        paramLabel = "DID",
        required = true,
        description = "The entries of this asset owner or consenting person DID.")
    String owner;
  }

  @Command(
      name = "audit",
      description = "The audit trail of an asset, a requester or an owner, oldest first.")
  static final class Audit implements Callable<Integer> {
    @Mixin ApiOptions api;

    @ArgGroup(exclusive = true, multiplicity = "1")
    AuditBy by;

    @Option(
        names = "--from",
        paramLabel = "N",
        defaultValue = "0",
        description = "First entry number (from 0).")
    long from;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "50",
        description = "Entries, 1..1000 (50).")
    int limit;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      DatadirQueries.AuditIndex index =
          by.asset != null
              ? DatadirQueries.AuditIndex.ASSET
              : by.requester != null
                  ? DatadirQueries.AuditIndex.REQUESTER
                  : DatadirQueries.AuditIndex.OWNER;
      String key = by.asset != null ? by.asset : by.requester != null ? by.requester : by.owner;
      JsonNode r = queries(api).audit(index, key, from, limit);
      api.print(spec.commandLine().getOut(), r, auditText(r));
      return 0;
    }
  }

  // ---- sending

  static DatadirQueries queries(ApiOptions api) {
    return new DatadirQueries(api.api);
  }

  /**
   * Signs {@code call} with --key, submits it and waits for its receipt, which it prints (with the
   * id that event {@code event}'s {@code attribute} carries, when given). A receipt that failed
   * becomes {@code error: CODE: message} with exit code 1.
   */
  static int send(TxOptions tx, Call call, PrintWriter out, String event, String attribute) {
    JingClient c = tx.api.client();
    JsonNode status = c.status();
    KeyPair kp = tx.loadKey();
    String suite = status.get("suite").asText();
    if (!kp.publicKey().suite().label().equals(suite)) {
      throw new CliException(
          "key " + tx.key + " is a " + kp.publicKey().suite() + " key but the chain uses " + suite);
    }
    Hash hash =
        c.submit(
            Transactions.sign(
                kp,
                status.get("chainId").asText(),
                c.nextNonce(kp.address()),
                System.currentTimeMillis() + tx.expiresInSeconds * 1000,
                call));
    if (tx.noWait) {
      tx.api.print(
          out,
          ApiOptions.JSON.createObjectNode().put("hash", hash.toHex()).put("status", "pending"),
          "submitted " + hash);
      return 0;
    }
    ObjectNode t = c.waitForCommit(hash, Duration.ofSeconds(60)).deepCopy();
    JsonNode r = t.get("receipt");
    boolean ok = r.get("status").asText().equals("success");
    String human = TxOptions.describe(t);
    Optional<String> id =
        ok && event != null ? eventAttribute(r, event, attribute) : Optional.empty();
    if (id.isPresent()) {
      t.put(attribute, Long.parseLong(id.get()));
      human += "\n" + attribute + " " + id.get();
    }
    tx.api.print(out, t, human);
    if (!ok) {
      throw new CliException(r.path("code").asText() + ": " + r.path("message").asText());
    }
    return 0;
  }

  /** The value of {@code attribute} in the receipt's first datadir event of type {@code type}. */
  static Optional<String> eventAttribute(JsonNode receipt, String type, String attribute) {
    for (JsonNode e : receipt.path("events")) {
      if (e.path("contract").asText().equals(DatadirCalls.CONTRACT)
          && e.path("type").asText().equals(type)
          && e.path("attributes").has(attribute)) {
        return Optional.of(e.path("attributes").get(attribute).asText());
      }
    }
    return Optional.empty();
  }

  // ---- parsing (pure)

  /** {@code 30d}, {@code 12h}, {@code 15m} or {@code 90s} in milliseconds, at least 1 s. */
  static long parseDurationMillis(String option, String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new CliException(
          option + ": expected a duration like 30d, 12h, 15m or 90s, got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    long unitMillis =
        switch (m.group(2)) {
          case "d" -> Duration.ofDays(1).toMillis();
          case "h" -> Duration.ofHours(1).toMillis();
          case "m" -> Duration.ofMinutes(1).toMillis();
          default -> Duration.ofSeconds(1).toMillis();
        };
    if (n == 0) {
      throw new CliException(option + ": a duration must be positive, got '" + text + "'");
    }
    try {
      return Math.multiplyExact(n, unitMillis);
    } catch (ArithmeticException e) {
      throw new CliException(option + ": duration '" + text + "' is too long");
    }
  }

  /**
   * An end time in epoch milliseconds: {@code nowMillis} plus a duration ({@link
   * #parseDurationMillis}), or an ISO-8601 instant such as {@code 2027-01-31T00:00:00Z}; it must be
   * after {@code nowMillis}.
   */
  static long parseExpiryMillis(String option, String text, long nowMillis) {
    String t = text.trim();
    long at;
    if (DURATION.matcher(t).matches()) {
      try {
        at = Math.addExact(nowMillis, parseDurationMillis(option, t));
      } catch (ArithmeticException e) {
        throw new CliException(option + ": duration '" + text + "' is too long");
      }
    } else {
      try {
        at = Instant.parse(t).toEpochMilli();
      } catch (DateTimeParseException | ArithmeticException e) {
        throw new CliException(
            option
                + ": expected a duration (30d, 12h, 15m, 90s) or an ISO-8601 instant"
                + " (2027-01-31T00:00:00Z), got '"
                + text
                + "'");
      }
    }
    if (at <= nowMillis) {
      throw new CliException(option + ": " + text + " is not in the future");
    }
    return at;
  }

  static Sector parseSector(String text) {
    return Sector.ofLabel(text.trim().toLowerCase(Locale.ROOT))
        .orElseThrow(
            () ->
                new CliException(
                    "unknown sector '"
                        + text
                        + "': one of healthcare, education, ai, finance, transport, government,"
                        + " other"));
  }

  /** A policy from its kind's name and the members (only, and at least one, for a group). */
  static Policy parsePolicy(String kind, List<String> members) {
    String k = kind.trim().toLowerCase(Locale.ROOT);
    Policy p =
        switch (k) {
          case "public" -> Policy.everyone();
          case "approval" -> Policy.approval();
          case "group" -> {
            if (members.isEmpty()) {
              throw new CliException("--policy group needs at least one --member DID");
            }
            yield Policy.group(members);
          }
          default ->
              throw new CliException(
                  "unknown policy '" + kind + "': one of public, approval, group");
        };
    if (p.kind() != Policy.Kind.GROUP && !members.isEmpty()) {
      throw new CliException("--member is only for --policy group");
    }
    return p;
  }

  /** {@code ALG:HEX}; {@code sha256} is read as {@code sha-256}, the name the chain uses. */
  static Digest parseDigest(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new CliException(
          "--digest: expected ALG:HEX, e.g. sha-256:<64 hex>, got '" + text + "'");
    }
    String alg = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    if (alg.equals("sha256")) {
      alg = "sha-256";
    }
    try {
      return new Digest(alg, Bytes.wrap(HexFormat.of().parseHex(text.substring(colon + 1).trim())));
    } catch (IllegalArgumentException e) {
      throw new CliException("--digest: '" + text.substring(colon + 1) + "' is not hex");
    }
  }

  /** A file's SHA-256 digest and size. */
  record FileDigest(Digest digest, long sizeBytes) {}

  /** Reads {@code file} once, in 1 MiB chunks: its SHA-256 digest and size. */
  static FileDigest digestFile(Path file) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    long size = 0;
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        md.update(buf, 0, n);
        size += n;
      }
    } catch (NoSuchFileException e) {
      throw new CliException("no such file: " + file);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage());
    }
    return new FileDigest(new Digest("sha-256", Bytes.wrap(md.digest())), size);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static List<String> orNone(List<String> l) {
    return l == null ? List.of() : l;
  }

  // ---- rendering (pure)

  /** A lineage graph as an indented tree from its root; a node met again is marked, not redrawn. */
  static String lineageTree(JsonNode g) {
    String root = g.path("root").asText();
    boolean descendants = g.path("direction").asText().equals("descendants");
    Map<String, Set<String>> next = new TreeMap<>();
    for (JsonNode e : g.path("edges")) {
      String child = e.path("from").asText();
      String parent = e.path("to").asText();
      String from = descendants ? parent : child;
      next.computeIfAbsent(from, k -> new TreeSet<>()).add(descendants ? child : parent);
    }
    StringBuilder sb = new StringBuilder();
    sb.append(descendants ? "descendants of " : "ancestors of ")
        .append(root)
        .append(" (")
        .append(g.path("nodes").size())
        .append(" assets)\n")
        .append(root);
    treeChildren(sb, root, "", next, new HashSet<>(Set.of(root)));
    if (g.path("truncated").asBoolean()) {
      sb.append("\n(truncated: raise --max to see more)");
    }
    return sb.toString();
  }

  private static void treeChildren(
      StringBuilder sb,
      String node,
      String prefix,
      Map<String, Set<String>> next,
      Set<String> seen) {
    List<String> children = new ArrayList<>(next.getOrDefault(node, Set.of()));
    for (int i = 0; i < children.size(); i++) {
      String c = children.get(i);
      boolean last = i == children.size() - 1;
      sb.append('\n').append(prefix).append(last ? "└── " : "├── ").append(c);
      if (seen.add(c)) {
        treeChildren(sb, c, prefix + (last ? "    " : "│   "), next, seen);
      } else if (next.containsKey(c)) {
        sb.append(" (see above)");
      }
    }
  }

  /** A lineage graph as Graphviz DOT: an arrow from each asset to the one it was derived from. */
  static String lineageDot(JsonNode g) {
    String root = g.path("root").asText();
    StringBuilder sb = new StringBuilder();
    sb.append("// ")
        .append(g.path("direction").asText("ancestors"))
        .append(" of ")
        .append(root)
        .append(g.path("truncated").asBoolean() ? " (truncated)" : "")
        .append('\n')
        .append("digraph lineage {\n")
        .append("  rankdir=BT;\n")
        .append("  node [shape=box];\n");
    for (JsonNode n : g.path("nodes")) {
      String id = n.asText();
      sb.append("  ")
          .append(quote(id))
          .append(id.equals(root) ? " [style=bold]" : "")
          .append(";\n");
    }
    for (JsonNode e : g.path("edges")) {
      sb.append("  ")
          .append(quote(e.path("from").asText()))
          .append(" -> ")
          .append(quote(e.path("to").asText()))
          .append(";\n");
    }
    return sb.append("}\n").toString();
  }

  private static String quote(String id) {
    return '"' + id.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  static String searchText(JsonNode r) {
    JsonNode hits = r.path("hits");
    long offset = r.path("offset").asLong();
    StringBuilder sb = new StringBuilder();
    sb.append(
        hits.isEmpty()
            ? "no assets match (" + r.path("total").asLong() + " in all)"
            : "assets "
                + (offset + 1)
                + ".."
                + (offset + hits.size())
                + " of "
                + r.path("total").asLong());
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("ID", "SECTOR", "POLICY", "STATUS", "OWNER", "TITLE"));
    for (JsonNode h : hits) {
      rows.add(
          List.of(
              h.path("id").asText(),
              h.path("sector").asText(),
              h.path("policy").asText(),
              h.path("status").asText(),
              h.path("owner").asText(),
              h.path("title").asText()));
    }
    if (!hits.isEmpty()) {
      sb.append('\n').append(table(rows));
    }
    StringBuilder facets = new StringBuilder();
    for (var f : r.path("facets").properties()) {
      if (!f.getValue().isEmpty()) {
        facets.append(String.format("%n  %-8s", f.getKey()));
        for (var v : f.getValue().properties()) {
          facets.append(' ').append(v.getKey()).append('=').append(v.getValue().asLong());
        }
      }
    }
    if (!facets.isEmpty()) {
      sb.append("\nfacets").append(facets);
    }
    return sb.toString();
  }

  /** Left-aligned columns, the last one unpadded. */
  static String table(List<List<String>> rows) {
    int[] width = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(
            i == row.size() - 1 ? row.get(i) : String.format("%-" + width[i] + "s  ", row.get(i)));
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  static String assetText(JsonNode a) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("title", a.path("title").asText());
    f.put("description", a.path("description").asText());
    f.put("owner", a.path("owner").asText());
    f.put("sector", a.path("sector").asText());
    f.put("tags", joined(a.path("tags")));
    f.put("format", a.path("format").asText());
    f.put("licence", a.path("licence").asText());
    JsonNode p = a.path("policy");
    f.put(
        "policy",
        p.path("kind").asText()
            + (p.path("members").isEmpty() ? "" : ": " + joined(p.path("members"))));
    f.put("delegates", joined(a.path("delegates")));
    f.put("derived from", joined(a.path("derivedFrom")));
    f.put("derived into", joined(a.path("derivedInto")));
    f.put(
        "versions",
        a.path("versions").asLong()
            + " (registered at height "
            + a.path("createdHeight").asLong()
            + ", updated at "
            + a.path("updatedHeight").asLong()
            + ")");
    if (a.path("status").asText().equals("retired")) {
      f.put("retired", a.path("retiredReason").asText());
    }
    StringBuilder sb =
        new StringBuilder("asset ")
            .append(a.path("id").asText())
            .append(" (")
            .append(a.path("status").asText())
            .append(')');
    fields(sb, f);
    JsonNode v = a.path("latest");
    if (v.isObject()) {
      Map<String, String> lv = new LinkedHashMap<>();
      lv.put("digest", v.at("/digest/algorithm").asText() + ":" + v.at("/digest/value").asText());
      lv.put("size", v.path("size").asLong() + " bytes");
      lv.put("locations", joined(v.path("locations")));
      lv.put("note", v.path("note").asText());
      sb.append("\nlatest version ")
          .append(v.path("version").asLong())
          .append(" (height ")
          .append(v.path("height").asLong())
          .append(')');
      fields(sb, lv);
    }
    return sb.toString();
  }

  private static void fields(StringBuilder sb, Map<String, String> f) {
    f.forEach(
        (k, v) -> {
          if (!v.isEmpty()) {
            sb.append(String.format("%n  %-13s %s", k, v));
          }
        });
  }

  private static String joined(JsonNode arr) {
    List<String> items = new ArrayList<>();
    arr.forEach(x -> items.add(x.asText()));
    return String.join(", ", items);
  }

  static String auditText(JsonNode r) {
    JsonNode entries = r.path("entries");
    long from = r.path("from").asLong();
    long total = r.path("total").asLong();
    StringBuilder sb = new StringBuilder();
    sb.append(
        entries.isEmpty()
            ? "no entries from " + from + " (" + total + " in all)"
            : "entries " + from + ".." + (from + entries.size() - 1) + " of " + total);
    for (JsonNode e : entries) {
      sb.append(
          String.format(
              "%n%-5d height %-6d %s %-9s asset=%s by=%s",
              e.path("seq").asLong(),
              e.path("height").asLong(),
              Instant.ofEpochMilli(e.path("timeMillis").asLong()),
              e.path("type").asText(),
              e.path("asset").asText(),
              e.path("actor").asText()));
      optional(sb, "subject", e.path("subject").asText());
      optional(sb, "request", e.path("requestId").asLong());
      optional(sb, "grant", e.path("grantId").asLong());
      optional(sb, "version", e.path("version").asLong());
      optional(sb, "detail", e.path("detail").asText());
    }
    if (from + entries.size() < total && !entries.isEmpty()) {
      sb.append("\nmore: --from ").append(from + entries.size());
    }
    return sb.toString();
  }

  private static void optional(StringBuilder sb, String key, String value) {
    if (!value.isEmpty()) {
      sb.append(' ')
          .append(key)
          .append('=')
          .append(value.contains(" ") ? "\"" + value + "\"" : value);
    }
  }

  private static void optional(StringBuilder sb, String key, long value) {
    if (value != 0) {
      sb.append(' ').append(key).append('=').append(value);
    }
  }
}
