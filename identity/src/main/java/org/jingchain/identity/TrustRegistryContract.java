package org.jingchain.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.gov.Gov;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;
import org.jingchain.types.EventAttribute;

/**
 * The registry of credential schemas (by digest) and of issuers trusted for them (contract {@code
 * trust}, docs/spec/trust-registry.md). Until governance exists, registrars are the chain's
 * validators: a change must be sent from a validator's account.
 */
public final class TrustRegistryContract implements SystemContract {
  public static final String NAME = "trust";

  private final Set<Address> registrars;

  public TrustRegistryContract(Set<Address> registrars) {
    this.registrars = Set.copyOf(registrars);
  }

  @Override
  public String name() {
    return NAME;
  }

  public static String schemaKey(String digestHex) {
    return "trust/schema/" + digestHex;
  }

  public static String issuerKey(String issuerDid, String digestHex) {
    return "trust/issuer/" + Did.id(issuerDid).orElse("?") + "/" + digestHex;
  }

  /** The most bytes a schema document may have (it travels in one transaction's arguments). */
  public static final int MAX_SCHEMA_BYTES = 12 * 1024;

  /** A registered schema: where it is published, the height it was added, the document itself. */
  public record SchemaRecord(String uri, long height, Bytes document) {}

  /** A schema's digest: SHA-256 of the document's bytes, 64 lowercase hex characters [TR-4]. */
  public static String schemaDigest(byte[] document) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Arguments of addSchema: where the schema is published and the JSON Schema document. */
  public static Bytes schemaArgs(String uri, byte[] document) {
    return Bytes.wrap(new Encoder(document.length + 128).string(uri).bytes(document).toByteArray());
  }

  public static SchemaRecord decodeSchema(byte[] stored) {
    Decoder d = new Decoder(stored);
    var r =
        new SchemaRecord(
            d.string("uri", 512),
            d.u64("height"),
            Bytes.wrap(d.bytes("document", MAX_SCHEMA_BYTES)));
    d.finish("schema record");
    return r;
  }

  /** Arguments of addIssuer / removeIssuer. */
  public static Bytes issuerArgs(String issuerDid, String digestHex) {
    return Bytes.wrap(new Encoder(160).string(issuerDid).string(digestHex).toByteArray());
  }

  @Override
  public List<Event> call(TxContext ctx, String method, Bytes args, WriteSet state)
      throws ExecutionFailure {
    if (!registrars.contains(ctx.sender()) && !isRegistrar(ctx.sender(), state)) {
      throw fail(
          "TRUST_UNAUTHORIZED",
          ctx.sender() + " is not a registrar (an organisation's admin or a validator's account)");
    }
    String a;
    String b = null;
    byte[] document = null;
    try {
      Decoder d = new Decoder(args.unsafeArray());
      a = d.string("first argument", 512);
      if (method.equals("addSchema")) {
        document = d.bytes("schema document", MAX_SCHEMA_BYTES);
      } else {
        b = d.string("second argument", 512);
      }
      d.finish("trust registry arguments");
    } catch (DecodeException e) {
      throw fail("TRUST_INVALID", "malformed arguments: " + e.getMessage());
    }
    return switch (method) {
      case "addSchema" -> addSchema(a, document, ctx, state);
      case "addIssuer" -> setIssuer(a, b, true, ctx, state);
      case "removeIssuer" -> setIssuer(a, b, false, ctx, state);
      default -> throw fail("TRUST_INVALID", "no method " + method);
    };
  }

  private static List<Event> addSchema(String uri, byte[] document, TxContext ctx, WriteSet state)
      throws ExecutionFailure {
    if (uri.isEmpty()) {
      throw fail("TRUST_INVALID", "a schema needs a URI");
    }
    if (document.length == 0) {
      throw fail("TRUST_INVALID", "a schema needs its JSON Schema document");
    }
    String digest = schemaDigest(document);
    if (state.get(schemaKey(digest)).isPresent()) {
      throw fail("TRUST_EXISTS", "schema " + digest + " is registered");
    }
    state.put(
        schemaKey(digest),
        Bytes.wrap(
            new Encoder(document.length + 256)
                .string(uri)
                .u64(ctx.block().height())
                .bytes(document)
                .toByteArray()));
    return List.of(event("SchemaAdded", "schema", digest));
  }

  private static List<Event> setIssuer(
      String issuerDid, String digest, boolean trusted, TxContext ctx, WriteSet state)
      throws ExecutionFailure {
    requireDigest(digest);
    String id =
        Did.id(issuerDid).orElseThrow(() -> fail("TRUST_INVALID", "not a did:jing: " + issuerDid));
    if (state.get(schemaKey(digest)).isEmpty()) {
      throw fail("TRUST_NOT_FOUND", "schema " + digest + " is not registered");
    }
    String key = issuerKey(issuerDid, digest);
    if (trusted) {
      var did = state.get(Did.stateKey(id));
      if (did.isEmpty() || DidCodec.decodeRecord(did.get().unsafeArray()).deactivated()) {
        throw fail("TRUST_INVALID", issuerDid + " does not exist or is deactivated");
      }
      state.put(key, Bytes.wrap(new Encoder(16).u64(ctx.block().height()).toByteArray()));
      return List.of(event("IssuerAdded", "issuer", issuerDid));
    }
    if (state.get(key).isEmpty()) {
      throw fail("TRUST_NOT_FOUND", issuerDid + " is not trusted for " + digest);
    }
    state.delete(WriteSet.key(key));
    return List.of(event("IssuerRemoved", "issuer", issuerDid));
  }

  /** [TR-1] Admins and validator accounts of active organisations (docs/spec/governance.md). */
  private static boolean isRegistrar(Address sender, WriteSet state) {
    return Gov.roles(state, sender)
        .filter(r -> r.has(Gov.ADMIN | Gov.VALIDATOR))
        .filter(r -> Gov.org(state, r.org()).isPresent())
        .isPresent();
  }

  private static void requireDigest(String digest) throws ExecutionFailure {
    if (!digest.matches("[0-9a-f]{64}")) {
      throw fail("TRUST_INVALID", "a schema digest is 64 lowercase hex characters");
    }
  }

  private static Event event(String type, String key, String value) {
    return new Event(NAME, type, List.of(new EventAttribute(key, value)));
  }

  private static ExecutionFailure fail(String code, String message) {
    return new ExecutionFailure(code, message);
  }
}
