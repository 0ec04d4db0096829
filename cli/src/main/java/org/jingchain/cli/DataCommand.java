package org.jingchain.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jingchain.crypto.KeyPair;
import org.jingchain.datadir.Content;
import org.jingchain.datadir.DatadirCalls;
import org.jingchain.datadir.Metadata;
import org.jingchain.sdk.DatadirQueries;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Transactions;
import org.jingchain.sdk.model.DatadirAsset;
import org.jingchain.sdk.model.DatadirAudit;
import org.jingchain.sdk.model.DatadirLineage;
import org.jingchain.sdk.model.DatadirSearch;
import org.jingchain.sdk.model.Event;
import org.jingchain.sdk.model.NodeStatus;
import org.jingchain.sdk.model.Receipt;
import org.jingchain.sdk.model.TxStatus;
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
      DataCommand.Transfer.class,
      DataCommand.AcceptTransfer.class,
      DataCommand.Search.class,
      DataCommand.Show.class,
      DataCommand.Lineage.class,
      DataCommand.RequestCmd.class,
      DataCommand.GrantCmd.class,
      DataCommand.Refuse.class,
      DataCommand.Revoke.class,
      DataCommand.ConsentCmd.class,
      DataCommand.Audit.class,
      DataServerCommand.DataTokenCommand.class
    })
final class DataCommand {
  private DataCommand() {}

  static final String DEFAULT_SCOPE = "read";
  static final String DEFAULT_FORMAT = "application/octet-stream";

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
        DataFormats.FileDigest fd = DataFormats.digestFile(file);
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
      return new Content(DataFormats.parseDigest(digest), size, locations, note);
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
              DataFormats.orEmpty(meta.description),
              DataFormats.parseSector(meta.sector),
              DataFormats.orNone(meta.tags),
              meta.format != null ? meta.format : DEFAULT_FORMAT,
              DataFormats.orEmpty(meta.licence));
      PrintWriter out = spec.commandLine().getOut();
      var args =
          new DatadirCalls.Register(
              id,
              owner,
              m,
              DataFormats.parsePolicy(policy.policy, DataFormats.orNone(policy.members)),
              DataFormats.orNone(links.delegates),
              DataFormats.orNone(links.derivedFrom),
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

    void check(DatadirAsset asset) {
      String owner = asset.owner();
      if (as != null && !as.equals(owner)) {
        throw new CliException("asset " + asset.id() + " is owned by " + owner + ", not " + as);
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
      Optional<DatadirAsset> asset =
          metadata || owner.as != null ? Optional.of(queries(tx.api).asset(id)) : Optional.empty();
      asset.ifPresent(owner::check);
      var args =
          new DatadirCalls.Update(
              id,
              asset.filter(a -> metadata).map(this::mergedMetadata),
              Optional.ofNullable(policy.policy)
                  .map(p -> DataFormats.parsePolicy(p, DataFormats.orNone(policy.members))),
              clearDelegates ? Optional.of(List.of()) : Optional.ofNullable(links.delegates),
              clearDerivedFrom ? Optional.of(List.of()) : Optional.ofNullable(links.derivedFrom));
      return send(tx, DatadirCalls.update(args), spec.commandLine().getOut(), null, null);
    }

    /** The metadata given, completed with the asset's current values. */
    private Metadata mergedMetadata(DatadirAsset a) {
      return new Metadata(
          meta.title != null ? meta.title : DataFormats.orEmpty(a.title()),
          meta.description != null ? meta.description : DataFormats.orEmpty(a.description()),
          DataFormats.parseSector(
              meta.sector != null ? meta.sector : DataFormats.orEmpty(a.sector())),
          clearTags ? List.of() : meta.tags != null ? meta.tags : DataFormats.orNone(a.tags()),
          meta.format != null ? meta.format : DataFormats.orEmpty(a.format()),
          meta.licence != null ? meta.licence : DataFormats.orEmpty(a.licence()));
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
      name = "transfer",
      description = {
        "Offer an asset to another DID (owner only); it changes hands when that DID runs",
        "'jing data accept-transfer'. A new offer replaces the pending one; --withdraw removes it."
      })
  static final class Transfer implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--id", paramLabel = "ID", required = true, description = "The asset id.")
    String id;

    @Mixin OwnerOption owner;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
      @Option(names = "--to", paramLabel = "DID", description = "The DID offered the asset.")
      String to;

      @Option(names = "--withdraw", description = "Withdraw the pending offer.")
      boolean withdraw;
    }

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (owner.as != null) {
        owner.check(queries(tx.api).asset(id));
      }
      String to = target.withdraw ? "" : target.to;
      return send(tx, DatadirCalls.offerTransfer(id, to), spec.commandLine().getOut(), null, null);
    }
  }

  @Command(
      name = "accept-transfer",
      description = {
        "Take over an asset offered to --as: it becomes the owner; the old owner's delegates go."
      })
  static final class AcceptTransfer implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--id", paramLabel = "ID", required = true, description = "The asset id.")
    String id;

    @Option(
        names = "--as",
        paramLabel = "DID",
        required = true,
        description = "The DID the offer names (the --key must be one of its keys).")
    String as;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return send(tx, DatadirCalls.acceptTransfer(id, as), spec.commandLine().getOut(), null, null);
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
      long millis = DataFormats.parseDurationMillis("--duration", duration);
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
      long until = DataFormats.parseExpiryMillis("--expires", expires, System.currentTimeMillis());
      String s =
          scope != null ? scope : DataFormats.orEmpty(queries(tx.api).request(request).scope());
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
      long until = DataFormats.parseExpiryMillis("--expires", expires, System.currentTimeMillis());
      return send(
          tx,
          DatadirCalls.consent(
              person, organisation, DataFormats.orEmpty(asset), purpose, scope, until),
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
      DatadirSearch r = queries(api).search(String.join(" ", words), filters, offset, limit);
      api.print(spec.commandLine().getOut(), r, DataFormats.searchText(r));
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

    @Mixin TrustOptions trust;

    @Parameters(index = "0", paramLabel = "ID", description = "The asset id.")
    String id;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      DatadirAsset a = trust.given() ? certified() : queries(api).asset(id);
      api.print(spec.commandLine().getOut(), a, DataFormats.assetText(a));
      return 0;
    }

    /**
     * The asset built here, as the node builds it, from its records read at the newest block the
     * genesis validators certified, each checked by its Merkle proof: owner, metadata, policy,
     * delegates, lineage both ways, versions and status.
     */
    private DatadirAsset certified() {
      org.jingchain.sdk.JingClient c = api.client();
      TrustOptions.Pinned pinned = trust.pin(c);
      org.jingchain.execution.StateReader proven = k -> TrustOptions.read(c, pinned, k).value();
      var asset =
          org.jingchain.datadir.Datadir.asset(proven, id)
              .orElseThrow(
                  () ->
                      new CliException(
                          "no data asset "
                              + id
                              + " at block "
                              + pinned.head().height()
                              + " (its absence proven)"));
      DatadirAsset a =
          ApiOptions.JSON.convertValue(
              org.jingchain.datadir.service.DatadirApi.assetView(proven, asset),
              DatadirAsset.class);
      spec.commandLine()
          .getErr()
          .println(
              "verified   "
                  + pinned.certifiedBy(trust.genesis)
                  + ", every record of the asset by its Merkle proof");
      return a;
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
      DatadirLineage g =
          queries(api)
              .lineage(
                  id,
                  descendants
                      ? DatadirQueries.Direction.DESCENDANTS
                      : DatadirQueries.Direction.ANCESTORS,
                  max);
      PrintWriter out = spec.commandLine().getOut();
      if (dot) {
        out.print(DataFormats.lineageDot(g));
        out.flush();
      } else {
        api.print(out, g, DataFormats.lineageTree(g));
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

    @Option(
        names = {"--genesis", "--verify"},
        paramLabel = "GENESIS",
        description = {
          "Read the page through certified state instead: the index's count, each of its slots",
          "and each entry, Merkle-proven against a state root the validators of this genesis.json",
          "certified, so no entry is altered or left out; the node is trusted for nothing."
        })
    Path verify;

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
      if (verify != null) {
        return verified(index, key);
      }
      DatadirAudit r = queries(api).audit(index, key, from, limit);
      api.print(spec.commandLine().getOut(), r, DataFormats.auditText(r));
      return 0;
    }

    /** [DD-16] The page as certified state proves it, with the height it was read at. */
    private int verified(DatadirQueries.AuditIndex index, String key) {
      org.jingchain.sdk.datadir.VerifiedAudit v;
      try {
        var light = org.jingchain.sdk.LightClients.fromGenesis(verify);
        v =
            org.jingchain.sdk.datadir.VerifiedAudit.read(
                new org.jingchain.sdk.datadir.CertifiedChain(api.client(), light),
                org.jingchain.datadir.Datadir.AuditIndex.valueOf(index.name()),
                key,
                from,
                limit);
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      } catch (org.jingchain.sdk.datadir.ChainUnavailableException e) {
        throw new CliException("not verified: " + e.code() + ": " + e.getMessage());
      }
      DatadirAudit page = DataFormats.audit(v.page());
      // the page as the API shows it, and at what certified height it was read
      ObjectNode r = ApiOptions.JSON.valueToTree(page);
      r.putObject("verified").put("height", v.height()).put("timeMillis", v.timeMillis());
      String text =
          "verified at certified height "
              + v.height()
              + ": "
              + v.page().total()
              + " entries in the index, each shown one proven, none left out\n"
              + DataFormats.auditText(page);
      api.print(spec.commandLine().getOut(), r, text);
      return 0;
    }
  }

  // ---- sending

  static DatadirQueries queries(ApiOptions api) {
    return new DatadirQueries(api.client());
  }

  /**
   * Signs {@code call} with --key, submits it and waits for its receipt, which it prints (with the
   * id that event {@code event}'s {@code attribute} carries, when given). A receipt that failed
   * becomes {@code error: CODE: message} with exit code 1.
   */
  static int send(TxOptions tx, Call call, PrintWriter out, String event, String attribute) {
    tx.checkWait();
    JingClient c = tx.api.client();
    NodeStatus status = c.status();
    KeyPair kp = tx.loadKey();
    String suite = status.suite();
    if (!kp.publicKey().suite().label().equals(suite)) {
      throw new CliException(
          "key " + tx.key + " is a " + kp.publicKey().suite() + " key but the chain uses " + suite);
    }
    Hash hash =
        c.submit(
            Transactions.sign(
                kp,
                status.chainId(),
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
    TxStatus done = tx.awaitCommit(c, hash);
    // the status as the API shows it, with the new id added for scripts
    ObjectNode t = ApiOptions.JSON.valueToTree(done);
    Receipt r = done.receipt();
    boolean ok = r.succeeded();
    String human = TxOptions.describe(done);
    Optional<String> id =
        ok && event != null ? eventAttribute(r, event, attribute) : Optional.empty();
    if (id.isPresent()) {
      t.put(attribute, Long.parseLong(id.get()));
      human += "\n" + attribute + " " + id.get();
    }
    tx.api.print(out, t, human);
    if (!ok) {
      throw new CliException(r.code() + ": " + r.message());
    }
    return 0;
  }

  /** The value of {@code attribute} in the receipt's first datadir event of type {@code type}. */
  static Optional<String> eventAttribute(Receipt receipt, String type, String attribute) {
    for (Event e : receipt.events()) {
      if (DatadirCalls.CONTRACT.equals(e.contract())
          && type.equals(e.type())
          && e.attributes().containsKey(attribute)) {
        return Optional.of(e.attributes().get(attribute));
      }
    }
    return Optional.empty();
  }

  // ---- parsing (pure)

}
