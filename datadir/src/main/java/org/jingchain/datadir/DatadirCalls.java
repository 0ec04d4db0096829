package org.jingchain.datadir;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;

/**
 * The data directory's methods and their canonical argument encodings (docs/spec/datadir.md section
 * 3): clients build calls here and the contract decodes them here, so both share one definition.
 * Decoding throws only {@link DecodeException}, and whatever decodes re-encodes to the same bytes.
 */
public final class DatadirCalls {
  public static final String CONTRACT = "datadir";
  public static final String REGISTER = "register";
  public static final String UPDATE = "update";
  public static final String NEW_VERSION = "newVersion";
  public static final String RETIRE = "retire";
  public static final String REQUEST = "request";
  public static final String GRANT = "grant";
  public static final String REFUSE = "refuse";
  public static final String REVOKE = "revoke";
  public static final String CONSENT = "consent";
  public static final String RECORD_ACCESS = "recordAccess";
  public static final String OFFER_TRANSFER = "offerTransfer";
  public static final String ACCEPT_TRANSFER = "acceptTransfer";

  /** Every method, in the order of the spec. */
  public static final List<String> METHODS =
      List.of(
          REGISTER,
          UPDATE,
          NEW_VERSION,
          RETIRE,
          REQUEST,
          GRANT,
          REFUSE,
          REVOKE,
          CONSENT,
          RECORD_ACCESS,
          OFFER_TRANSFER,
          ACCEPT_TRANSFER);

  /** Bits of {@code update}'s field mask. */
  public static final int UPDATE_METADATA = 1;

  public static final int UPDATE_POLICY = 2;
  public static final int UPDATE_DELEGATES = 4;
  public static final int UPDATE_DERIVED_FROM = 8;

  private DatadirCalls() {}

  /** The decoded arguments of one method. */
  public sealed interface Args {
    /** The method these arguments belong to. */
    String method();
  }

  /** register: a new asset with its first version. */
  public record Register(
      String id,
      String owner,
      Metadata metadata,
      Policy policy,
      List<String> delegates,
      List<String> derivedFrom,
      Content content)
      implements Args {
    public Register {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(metadata, "metadata");
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(content, "content");
      delegates = List.copyOf(delegates);
      derivedFrom = List.copyOf(derivedFrom);
    }

    @Override
    public String method() {
      return REGISTER;
    }
  }

  /** update: replaces the present parts, leaves the absent ones; at least one is present. */
  public record Update(
      String id,
      Optional<Metadata> metadata,
      Optional<Policy> policy,
      Optional<List<String>> delegates,
      Optional<List<String>> derivedFrom)
      implements Args {
    public Update {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(metadata, "metadata");
      Objects.requireNonNull(policy, "policy");
      delegates = delegates.map(List::copyOf);
      derivedFrom = derivedFrom.map(List::copyOf);
      if (metadata.isEmpty() && policy.isEmpty() && delegates.isEmpty() && derivedFrom.isEmpty()) {
        throw new IllegalArgumentException("an update changes at least one part");
      }
    }

    /** The field mask: {@link #UPDATE_METADATA} | … for the present parts. */
    public int fields() {
      return (metadata.isPresent() ? UPDATE_METADATA : 0)
          | (policy.isPresent() ? UPDATE_POLICY : 0)
          | (delegates.isPresent() ? UPDATE_DELEGATES : 0)
          | (derivedFrom.isPresent() ? UPDATE_DERIVED_FROM : 0);
    }

    @Override
    public String method() {
      return UPDATE;
    }
  }

  /** newVersion: the next version's content. */
  public record NewVersion(String id, Content content) implements Args {
    public NewVersion {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(content, "content");
    }

    @Override
    public String method() {
      return NEW_VERSION;
    }
  }

  /** retire, with a reason. */
  public record Retire(String id, String reason) implements Args {
    public Retire {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String method() {
      return RETIRE;
    }
  }

  /** offerTransfer: the owner offers the asset to {@code to}; empty withdraws the offer. */
  public record OfferTransfer(String id, String to) implements Args {
    public OfferTransfer {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(to, "to");
    }

    @Override
    public String method() {
      return OFFER_TRANSFER;
    }
  }

  /** acceptTransfer: the DID {@code as}, named by the pending offer, becomes the owner. */
  public record AcceptTransfer(String id, String as) implements Args {
    public AcceptTransfer {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(as, "as");
    }

    @Override
    public String method() {
      return ACCEPT_TRANSFER;
    }
  }

  /** request: access to an asset for a purpose and scope, for a duration. */
  public record Request(
      String requester, String assetId, String purpose, String scope, long durationMillis)
      implements Args {
    public Request {
      Objects.requireNonNull(requester, "requester");
      Objects.requireNonNull(assetId, "assetId");
      Objects.requireNonNull(purpose, "purpose");
      Objects.requireNonNull(scope, "scope");
    }

    @Override
    public String method() {
      return REQUEST;
    }
  }

  /** grant: the answer yes to a pending request, until a block time. */
  public record GrantAccess(String actor, long requestId, long expiresAtMillis, String scope)
      implements Args {
    public GrantAccess {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(scope, "scope");
    }

    @Override
    public String method() {
      return GRANT;
    }
  }

  /** refuse: the answer no to a pending request. */
  public record Refuse(String actor, long requestId, String reason) implements Args {
    public Refuse {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String method() {
      return REFUSE;
    }
  }

  /** revoke: ends a grant or a consent. */
  public record Revoke(String actor, long grantId) implements Args {
    public Revoke {
      Objects.requireNonNull(actor, "actor");
    }

    @Override
    public String method() {
      return REVOKE;
    }
  }

  /** consent: a person lets an organisation use records about them; asset may be empty. */
  public record Consent(
      String person,
      String organisation,
      String assetId,
      String purpose,
      String scope,
      long expiresAtMillis)
      implements Args {
    public Consent {
      Objects.requireNonNull(person, "person");
      Objects.requireNonNull(organisation, "organisation");
      Objects.requireNonNull(assetId, "assetId");
      Objects.requireNonNull(purpose, "purpose");
      Objects.requireNonNull(scope, "scope");
    }

    @Override
    public String method() {
      return CONSENT;
    }
  }

  /** recordAccess: a data server served {@code version} to {@code requester}. */
  public record RecordAccess(
      String actor, String assetId, long grantId, String requester, int version, String accessId)
      implements Args {
    public RecordAccess {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(assetId, "assetId");
      Objects.requireNonNull(requester, "requester");
      Objects.requireNonNull(accessId, "accessId");
    }

    @Override
    public String method() {
      return RECORD_ACCESS;
    }
  }

  // ---- calls

  /** The call that carries {@code args}. */
  public static Call call(Args args) {
    return new Call(CONTRACT, args.method(), Bytes.wrap(encode(args)));
  }

  public static Call register(Register r) {
    return call(r);
  }

  public static Call update(Update u) {
    return call(u);
  }

  public static Call newVersion(String id, Content content) {
    return call(new NewVersion(id, content));
  }

  public static Call retire(String id, String reason) {
    return call(new Retire(id, reason));
  }

  /** [DD-22] Offers the asset to {@code to}; an empty {@code to} withdraws the pending offer. */
  public static Call offerTransfer(String id, String to) {
    return call(new OfferTransfer(id, to));
  }

  /** [DD-22] {@code as}, the DID the pending offer names, takes the asset over. */
  public static Call acceptTransfer(String id, String as) {
    return call(new AcceptTransfer(id, as));
  }

  public static Call request(
      String requester, String assetId, String purpose, String scope, long durationMillis) {
    return call(new Request(requester, assetId, purpose, scope, durationMillis));
  }

  public static Call grant(String actor, long requestId, long expiresAtMillis, String scope) {
    return call(new GrantAccess(actor, requestId, expiresAtMillis, scope));
  }

  public static Call refuse(String actor, long requestId, String reason) {
    return call(new Refuse(actor, requestId, reason));
  }

  public static Call revoke(String actor, long grantId) {
    return call(new Revoke(actor, grantId));
  }

  public static Call consent(
      String person,
      String organisation,
      String assetId,
      String purpose,
      String scope,
      long expiresAtMillis) {
    return call(new Consent(person, organisation, assetId, purpose, scope, expiresAtMillis));
  }

  public static Call recordAccess(
      String actor, String assetId, long grantId, String requester, int version, String accessId) {
    return call(new RecordAccess(actor, assetId, grantId, requester, version, accessId));
  }

  // ---- encoding

  public static byte[] encode(Args args) {
    Encoder e = new Encoder(256);
    switch (args) {
      case Register r -> {
        e.string(r.id()).string(r.owner());
        DatadirCodec.metadata(e, r.metadata());
        DatadirCodec.policy(e, r.policy());
        DatadirCodec.strings(e, r.delegates());
        DatadirCodec.strings(e, r.derivedFrom());
        DatadirCodec.content(e, r.content());
      }
      case Update u -> {
        e.string(u.id()).u8(u.fields());
        u.metadata().ifPresent(m -> DatadirCodec.metadata(e, m));
        u.policy().ifPresent(p -> DatadirCodec.policy(e, p));
        u.delegates().ifPresent(l -> DatadirCodec.strings(e, l));
        u.derivedFrom().ifPresent(l -> DatadirCodec.strings(e, l));
      }
      case NewVersion v -> {
        e.string(v.id());
        DatadirCodec.content(e, v.content());
      }
      case Retire r -> e.string(r.id()).string(r.reason());
      case OfferTransfer o -> e.string(o.id()).string(o.to());
      case AcceptTransfer a -> e.string(a.id()).string(a.as());
      case Request r ->
          e.string(r.requester())
              .string(r.assetId())
              .string(r.purpose())
              .string(r.scope())
              .u64(r.durationMillis());
      case GrantAccess g ->
          e.string(g.actor()).u64(g.requestId()).u64(g.expiresAtMillis()).string(g.scope());
      case Refuse r -> e.string(r.actor()).u64(r.requestId()).string(r.reason());
      case Revoke r -> e.string(r.actor()).u64(r.grantId());
      case Consent c ->
          e.string(c.person())
              .string(c.organisation())
              .string(c.assetId())
              .string(c.purpose())
              .string(c.scope())
              .u64(c.expiresAtMillis());
      case RecordAccess a ->
          e.string(a.actor())
              .string(a.assetId())
              .u64(a.grantId())
              .string(a.requester())
              .u32(a.version())
              .string(a.accessId());
    }
    return e.toByteArray();
  }

  /**
   * Decodes the arguments of {@code method}.
   *
   * @throws DecodeException when the method is unknown or the bytes are not exactly its arguments
   */
  public static Args decode(String method, byte[] in) {
    Decoder d = new Decoder(in);
    Args args =
        switch (method) {
          case REGISTER ->
              new Register(
                  DatadirCodec.string(d, "id"),
                  DatadirCodec.string(d, "owner"),
                  DatadirCodec.metadata(d),
                  DatadirCodec.policy(d),
                  DatadirCodec.strings(d, "delegate"),
                  DatadirCodec.strings(d, "derivedFrom"),
                  DatadirCodec.content(d));
          case UPDATE -> decodeUpdate(d);
          case NEW_VERSION -> new NewVersion(DatadirCodec.string(d, "id"), DatadirCodec.content(d));
          case RETIRE -> new Retire(DatadirCodec.string(d, "id"), DatadirCodec.string(d, "reason"));
          case OFFER_TRANSFER ->
              new OfferTransfer(DatadirCodec.string(d, "id"), DatadirCodec.string(d, "to"));
          case ACCEPT_TRANSFER ->
              new AcceptTransfer(DatadirCodec.string(d, "id"), DatadirCodec.string(d, "as"));
          case REQUEST ->
              new Request(
                  DatadirCodec.string(d, "requester"),
                  DatadirCodec.string(d, "asset"),
                  DatadirCodec.string(d, "purpose"),
                  DatadirCodec.string(d, "scope"),
                  d.u64("durationMillis"));
          case GRANT ->
              new GrantAccess(
                  DatadirCodec.string(d, "actor"),
                  d.u64("requestId"),
                  d.u64("expiresAtMillis"),
                  DatadirCodec.string(d, "scope"));
          case REFUSE ->
              new Refuse(
                  DatadirCodec.string(d, "actor"),
                  d.u64("requestId"),
                  DatadirCodec.string(d, "reason"));
          case REVOKE -> new Revoke(DatadirCodec.string(d, "actor"), d.u64("grantId"));
          case CONSENT ->
              new Consent(
                  DatadirCodec.string(d, "person"),
                  DatadirCodec.string(d, "organisation"),
                  DatadirCodec.string(d, "asset"),
                  DatadirCodec.string(d, "purpose"),
                  DatadirCodec.string(d, "scope"),
                  d.u64("expiresAtMillis"));
          case RECORD_ACCESS ->
              new RecordAccess(
                  DatadirCodec.string(d, "actor"),
                  DatadirCodec.string(d, "asset"),
                  d.u64("grantId"),
                  DatadirCodec.string(d, "requester"),
                  DatadirCodec.u31(d, "version"),
                  DatadirCodec.string(d, "accessId"));
          default -> throw new DecodeException("datadir has no method " + method);
        };
    d.finish(method + " arguments");
    return args;
  }

  private static Update decodeUpdate(Decoder d) {
    String id = DatadirCodec.string(d, "id");
    int fields = d.u8("update fields");
    if (fields == 0 || fields > 15) {
      throw new DecodeException("update fields must be 1..15, got " + fields);
    }
    Optional<Metadata> metadata =
        (fields & UPDATE_METADATA) != 0 ? Optional.of(DatadirCodec.metadata(d)) : Optional.empty();
    Optional<Policy> policy =
        (fields & UPDATE_POLICY) != 0 ? Optional.of(DatadirCodec.policy(d)) : Optional.empty();
    Optional<List<String>> delegates =
        (fields & UPDATE_DELEGATES) != 0
            ? Optional.of(DatadirCodec.strings(d, "delegate"))
            : Optional.empty();
    Optional<List<String>> derivedFrom =
        (fields & UPDATE_DERIVED_FROM) != 0
            ? Optional.of(DatadirCodec.strings(d, "derivedFrom"))
            : Optional.empty();
    return new Update(id, metadata, policy, delegates, derivedFrom);
  }
}
