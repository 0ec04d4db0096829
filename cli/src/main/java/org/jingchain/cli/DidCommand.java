package org.jingchain.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jingchain.crypto.KeyPair;
import org.jingchain.identity.Did;
import org.jingchain.identity.DidCodec;
import org.jingchain.identity.DidKey;
import org.jingchain.identity.DidOperation;
import org.jingchain.identity.DidService;
import org.jingchain.identity.VerificationMethod;
import org.jingchain.sdk.model.DidResolution;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jing did create|resolve|update|rotate|deactivate} (docs/spec/did-method.md). */
@Command(
    name = "did",
    description =
        "Decentralised identifiers (did:jing): create, resolve, update, rotate, deactivate; bulk onboarding with sign-create and create-batch.",
    subcommands = {
      DidCommand.Create.class,
      DidCommand.Id.class,
      DidCommand.Resolve.class,
      DidCommand.Update.class,
      DidCommand.Rotate.class,
      DidCommand.Deactivate.class,
      DidBatchCommands.SignCreate.class,
      DidBatchCommands.CreateBatch.class
    })
final class DidCommand {
  private DidCommand() {}

  static DidKey didKey(KeyPair k) {
    return org.jingchain.sdk.IdentityCalls.didKey(k);
  }

  /** Signs {@code op} with {@code signer} and sends it as a transaction from the --key account. */
  static int send(
      TxOptions tx, String method, DidOperation op, KeyPair signer, java.io.PrintWriter out) {
    return send(tx, method, op, signer, out, java.util.Map.of());
  }

  static int send(
      TxOptions tx,
      String method,
      DidOperation op,
      KeyPair signer,
      java.io.PrintWriter out,
      java.util.Map<String, String> extraJson) {
    byte[] bytes = DidCodec.encode(op);
    Bytes args = Bytes.wrap(DidCodec.encode(new DidCodec.Signed(bytes, signer.sign(bytes))));
    return tx.send(new Call("did", method, args), out, extraJson);
  }

  /** The DID's update key: --update-key, else the --key that pays. */
  static KeyPair updateKey(TxOptions tx, Path updateKey) {
    return updateKey == null ? tx.loadKey() : Keys.load(updateKey, tx.passwordFile);
  }

  /** A create whose update key is also its first key (key-1, authentication and assertion). */
  static DidOperation.Create createOp(String chainId, KeyPair update, KeyPair recovery) {
    return org.jingchain.sdk.IdentityCalls.createDid(chainId, update, recovery).operation();
  }

  static String chainId(TxOptions tx) {
    return tx.api.client().status().chainId();
  }

  /** The DID's current version, from the node's resolution of it. */
  static long version(TxOptions tx, String did) {
    DidResolution r = resolve(tx.api, did, null, false);
    String v = r.didDocumentMetadata() == null ? null : r.didDocumentMetadata().versionId();
    if (v == null || v.isEmpty()) {
      String error = r.didResolutionMetadata() == null ? null : r.didResolutionMetadata().error();
      throw new CliException(did + ": " + (error == null ? "unresolvable" : error));
    }
    return Long.parseLong(v);
  }

  static DidResolution resolve(ApiOptions api, String did, Long version, boolean proof) {
    return api.client().resolveDid(did, java.util.Optional.ofNullable(version), proof);
  }

  @Command(
      name = "create",
      description = {
        "Create a DID. Its id derives from the update and recovery keys (no squatting); the update",
        "key is also its first verification method (key-1). --key pays for the transaction."
      })
  static final class Create implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--update-key", description = "Key file of the update key (default: --key).")
    Path updateKey;

    @Option(
        names = "--recovery-key",
        required = true,
        description = "Key file of the recovery key (keep it offline).")
    Path recoveryKey;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      KeyPair update = updateKey(tx, updateKey);
      KeyPair recovery = Keys.load(recoveryKey, tx.passwordFile);
      var op = createOp(chainId(tx), update, recovery);
      String did = Did.derive(didKey(update), didKey(recovery), update.suite());
      if (!tx.api.json) {
        spec.commandLine().getOut().println("did " + did);
      }
      // with --json, the DID is a field of the one JSON answer
      return send(
          tx, "create", op, update, spec.commandLine().getOut(), java.util.Map.of("did", did));
    }
  }

  /** {@code jing did id}: the DID two keys make, offline. */
  @Command(
      name = "id",
      description = {
        "Print the DID that an update key and a recovery key make (offline; no password): the id",
        "jing did create gives, for scripts: ALICE_DID=$(jing did id --key alice.key"
            + " --recovery-key alice-recovery.key)."
      })
  static final class Id implements Callable<Integer> {
    @Option(names = "--key", required = true, description = "The update key file.")
    Path key;

    @Option(names = "--recovery-key", required = true, description = "The recovery key file.")
    Path recoveryKey;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
      org.jingchain.types.PublicKey update = Keys.publicKey(key);
      org.jingchain.types.PublicKey recovery = Keys.publicKey(recoveryKey);
      if (update.suite() != recovery.suite()) {
        throw new CliException("the update and recovery keys are of different suites");
      }
      String did =
          Did.derive(
                  didKey(update),
                  didKey(recovery),
                  org.jingchain.crypto.CryptoSuites.of(update.suite()))
              .toString();
      spec.commandLine()
          .getOut()
          .println(
              json
                  ? ApiOptions.JSON.writeValueAsString(
                      ApiOptions.JSON
                          .createObjectNode()
                          .put("did", did)
                          .put("updateKey", update.toString())
                          .put("recoveryKey", recovery.toString()))
                  : did);
      return 0;
    }
  }

  static DidKey didKey(org.jingchain.types.PublicKey k) {
    return new DidKey(
        k.suite() == org.jingchain.types.SuiteId.INTL ? DidKey.Type.ED25519 : DidKey.Type.SM2,
        k.bytes());
  }

  @Command(name = "resolve", description = "Resolve a DID (W3C DID Resolution result).")
  static final class Resolve implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(index = "0", description = "The DID, e.g. did:jing:<40 hex>.")
    String did;

    @Option(names = "--version", description = "Resolve at this block height.")
    Long version;

    @Option(names = "--proof", description = "Include the Merkle proof of the DID's record.")
    boolean proof;

    @Mixin ThroughClient through;

    @Option(
        names = "--genesis",
        description = {
          "Verify instead of trusting the node: the DID's record is read at the newest block the",
          "validators of this genesis file certified, by its Merkle proof. With",
          "--through-client: this chain's genesis file."
        })
    Path genesis;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      DidResolution r;
      if (through.given()) {
        if (version != null || proof) {
          throw new CliException(
              "--through-client resolves as of the client's latest height: no --version or"
                  + " --proof");
        }
        try {
          var remote = through.open(api, genesis);
          r = org.jingchain.sdk.ChainViews.resolveDid(remote, did);
          spec.commandLine()
              .getErr()
              .println(
                  "read on "
                      + remote.chainId()
                      + " at height "
                      + remote.height()
                      + ", through this chain's client "
                      + through.client
                      + ", certified by the validators of "
                      + genesis);
        } catch (org.jingchain.vc.VcException e) {
          throw new CliException(e.reason() + ": " + e.getMessage());
        }
      } else if (genesis != null) {
        if (version != null || proof) {
          throw new CliException(
              "--genesis resolves at the newest certified block, by proof: no --version or"
                  + " --proof");
        }
        r = certified();
      } else {
        r = resolve(api, did, version, proof);
      }
      spec.commandLine()
          .getOut()
          .println(ApiOptions.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r));
      return r.resolved() ? 0 : 1;
    }

    /**
     * Resolution from the DID's record read at the newest block the genesis validators certified
     * and checked by its Merkle proof, turned into the document as a node would serve it.
     */
    private DidResolution certified() {
      TrustOptions trust = new TrustOptions();
      trust.genesis = genesis;
      org.jingchain.sdk.JingClient c = api.client();
      TrustOptions.Pinned pinned = trust.pin(c);
      org.jingchain.vc.ChainView view =
          key -> {
            try {
              return c.readStateAt(pinned.head(), key, pinned.light())
                  .value()
                  .map(org.jingchain.types.Bytes::toByteArray);
            } catch (org.jingchain.sdk.JingApiException e) {
              throw new org.jingchain.vc.VcException(
                  org.jingchain.vc.VcException.Reason.CHAIN_UNVERIFIED, e.getMessage(), e);
            }
          };
      try {
        DidResolution r =
            org.jingchain.sdk.ChainViews.resolveDid(
                new org.jingchain.sdk.ChainViews.Remote(
                    view,
                    pinned.head().chainId(),
                    pinned.head().height(),
                    pinned.head().header().timestampMillis()),
                did);
        spec.commandLine()
            .getErr()
            .println(
                "verified   "
                    + pinned.certifiedBy(genesis)
                    + ", the DID's record by its Merkle proof");
        return r;
      } catch (org.jingchain.vc.VcException e) {
        throw new CliException("not verified against " + genesis + ": " + e.getMessage());
      }
    }
  }

  @Command(name = "update", description = "Add or remove services and verification methods.")
  static final class Update implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Parameters(index = "0", description = "The DID.")
    String did;

    @Option(
        names = "--update-key",
        description = "Key file of the DID's update key (default: --key).")
    Path updateKey;

    @Option(names = "--add-service", description = "id,type,endpoint (repeatable).")
    List<String> addService = new ArrayList<>();

    @Option(names = "--remove-service", description = "Service id (repeatable).")
    List<String> removeService = new ArrayList<>();

    @Option(
        names = "--add-method",
        description = "id=keyfile: a key for authentication and assertions (repeatable).")
    List<String> addMethod = new ArrayList<>();

    @Option(names = "--remove-method", description = "Method id (repeatable).")
    List<String> removeMethod = new ArrayList<>();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      KeyPair signer = updateKey(tx, updateKey);
      List<DidOperation.Patch> patches = new ArrayList<>();
      for (String s : addService) {
        String[] p = s.split(",", 3);
        if (p.length != 3) {
          throw new CliException("--add-service wants id,type,endpoint, got " + s);
        }
        patches.add(new DidOperation.Patch.AddService(new DidService(p[0], p[1], p[2])));
      }
      removeService.forEach(id -> patches.add(new DidOperation.Patch.RemoveService(id)));
      for (String m : addMethod) {
        int eq = m.indexOf('=');
        if (eq < 1) {
          throw new CliException("--add-method wants id=keyfile, got " + m);
        }
        KeyPair k = Keys.load(Path.of(m.substring(eq + 1)), tx.passwordFile);
        patches.add(
            new DidOperation.Patch.AddMethod(
                new VerificationMethod(
                    m.substring(0, eq),
                    didKey(k),
                    VerificationMethod.AUTHENTICATION | VerificationMethod.ASSERTION)));
      }
      removeMethod.forEach(id -> patches.add(new DidOperation.Patch.RemoveMethod(id)));
      if (patches.isEmpty()) {
        throw new CliException(
            "nothing to update: give --add-service, --add-method, or a --remove-…");
      }
      var op = new DidOperation.Update(chainId(tx), did, version(tx, did), patches);
      return send(tx, "update", op, signer, spec.commandLine().getOut());
    }
  }

  @Command(name = "rotate", description = "Replace the DID's update key.")
  static final class Rotate implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Parameters(index = "0", description = "The DID.")
    String did;

    @Option(
        names = "--update-key",
        description = "Key file of the current update key (default: --key).")
    Path updateKey;

    @Option(names = "--new-key", required = true, description = "Key file of the new update key.")
    Path newKey;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      KeyPair signer = updateKey(tx, updateKey);
      KeyPair next = Keys.load(newKey, tx.passwordFile);
      var op =
          new DidOperation.Update(
              chainId(tx),
              did,
              version(tx, did),
              List.of(new DidOperation.Patch.RotateUpdateKey(didKey(next))));
      return send(tx, "update", op, signer, spec.commandLine().getOut());
    }
  }

  @Command(
      name = "deactivate",
      description = "Deactivate the DID for good (needs the recovery key).")
  static final class Deactivate implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Parameters(index = "0", description = "The DID.")
    String did;

    @Option(
        names = "--recovery-key",
        required = true,
        description = "Key file of the recovery key.")
    Path recoveryKey;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      KeyPair recovery = Keys.load(recoveryKey, tx.passwordFile);
      var op = new DidOperation.Deactivate(chainId(tx), did, version(tx, did));
      return send(tx, "deactivate", op, recovery, spec.commandLine().getOut());
    }
  }
}
