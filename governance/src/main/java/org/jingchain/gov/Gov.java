package org.jingchain.gov;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.PublicKey;

/**
 * The governance state (docs/spec/governance.md, section 1): organisations, roles, parameters and
 * proposals under {@code gov/}, with their canonical encodings.
 */
public final class Gov {
  public static final String NAME = "gov";
  public static final String ORG_ID = "[a-z0-9-]{1,32}";
  public static final int MAX_ADMINS = 16;
  public static final int MAX_CA_CERT_BYTES = 8 * 1024;
  public static final int MAX_ORGS = 1000;

  /** Role bits of an account. */
  public static final int ADMIN = 1;

  public static final int VALIDATOR = 2;
  public static final int MEMBER = 4;
  public static final int AUDITOR = 8;

  static final String ORGS = "gov/orgs";
  static final String NEXT = "gov/next";

  private Gov() {}

  /** An organisation [GOV §1]. */
  public record Org(String id, String name, List<Address> admins, Bytes caCert, long since) {
    public Org {
      admins = List.copyOf(admins);
    }
  }

  /** An account's organisation and role bits. */
  public record Roles(String org, int bits) {
    public boolean has(int role) {
      return (bits & role) != 0;
    }

    /** May submit transactions [GOV-1]. */
    public boolean maySubmit() {
      return has(ADMIN | VALIDATOR | MEMBER);
    }
  }

  /**
   * Proposal kinds [GOV §2], each with its fixed wire code (a new kind takes the next code). A
   * change of the validator set takes effect with the next epoch (section 3).
   */
  public enum Kind {
    ADD_ORG(0),
    REMOVE_ORG(1),
    GRANT_ROLE(2),
    REVOKE_ROLE(3),
    SET_PARAM(4),
    ADD_VALIDATOR(5),
    REMOVE_VALIDATOR(6),
    /** Approves a digest another service acts on ([GOV-13]). */
    APPROVE(7);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    /** The kind's byte in proposals and propose arguments. */
    public int code() {
      return code;
    }

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Kind> ofLabel(String label) {
      for (Kind k : values()) {
        if (k.label().equals(label)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  /** Where a proposal stands [GOV-5], [GOV-6], with its wire code. */
  public enum Status {
    OPEN(0),
    EXECUTED(1),
    REJECTED(2),
    EXPIRED(3),
    FAILED(4);

    private final int code;

    Status(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  /** One organisation's vote. */
  public record Vote(String org, boolean approve) {}

  /** A proposal and its votes. */
  public record Proposal(
      long id,
      Kind kind,
      Bytes payload,
      String proposerOrg,
      long createdHeight,
      long expiresHeight,
      Rule rule,
      List<Vote> votes,
      Status status,
      String outcome) {
    public Proposal {
      votes = List.copyOf(votes);
    }

    public int approvals() {
      return (int) votes.stream().filter(Vote::approve).count();
    }
  }

  // ---- payloads

  /** {@code grant_role} / {@code revoke_role}: which account, in which org, which role bits. */
  public record RoleChange(Address account, String org, int roles) {}

  /** {@code set_param}: a parameter's name and its value's canonical bytes. */
  public record ParamChange(String name, Bytes value) {}

  /** {@code add_validator}: the organisation that runs the validator, and its consensus key. */
  public record NewValidator(String org, PublicKey key) {}

  /**
   * {@code approve} [GOV-13]: what is approved, for readers ({@code purpose}, e.g. {@code
   * xchain-recover}), and the digest a service checks.
   */
  public record Approval(String purpose, Hash digest) {}

  // ---- keys

  public static String orgKey(String id) {
    return "gov/org/" + id;
  }

  /** Marks an organisation id as used by an organisation since removed. */
  public static String removedKey(String id) {
    return "gov/removed/" + id;
  }

  public static String roleKey(Address a) {
    return "gov/role/" + a;
  }

  public static String paramKey(String name) {
    return "gov/param/" + name;
  }

  /** Where an executed {@code approve} proposal leaves its digest [GOV-13]. */
  public static String approvedKey(Hash digest) {
    return "gov/approved/" + digest.toHex();
  }

  /**
   * The id of the executed {@code approve} proposal of {@code digest}, if governance approved it
   * [GOV-13].
   */
  public static Optional<Long> approved(StateReader s, Hash digest) {
    return s.get(WriteSet.key(approvedKey(digest)))
        .map(b -> java.nio.ByteBuffer.wrap(b.unsafeArray()).getLong());
  }

  public static String proposalKey(long id) {
    return "gov/proposal/" + id;
  }

  // ---- reads

  public static Optional<Roles> roles(StateReader s, Address a) {
    return s.get(WriteSet.key(roleKey(a))).map(b -> decodeRoles(b.unsafeArray()));
  }

  public static Optional<Org> org(StateReader s, String id) {
    return s.get(WriteSet.key(orgKey(id))).map(b -> decodeOrg(b.unsafeArray()));
  }

  /** The active organisations' ids, sorted. */
  public static List<String> orgIds(StateReader s) {
    return s.get(WriteSet.key(ORGS)).map(b -> decodeIds(b.unsafeArray())).orElse(List.of());
  }

  public static Optional<Proposal> proposal(StateReader s, long id) {
    return s.get(WriteSet.key(proposalKey(id))).map(b -> decodeProposal(b.unsafeArray()));
  }

  public static long nextProposalId(StateReader s) {
    return s.get(WriteSet.key(NEXT)).map(b -> new Decoder(b.unsafeArray()).u64("next")).orElse(1L);
  }

  // ---- codecs

  public static byte[] encode(Org o) {
    Encoder e = new Encoder(128).string(o.id()).string(o.name()).u32(o.admins().size());
    for (Address a : o.admins()) {
      e.address(a);
    }
    return e.bytes(o.caCert()).u64(o.since()).toByteArray();
  }

  public static Org decodeOrg(byte[] in) {
    Decoder d = new Decoder(in);
    Org o = readOrg(d);
    d.finish("organisation");
    return o;
  }

  static Org readOrg(Decoder d) {
    String id = d.string("org id", 32);
    String name = d.string("org name", 128);
    int n = d.count("admins", MAX_ADMINS);
    List<Address> admins = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      admins.add(d.address("admin"));
    }
    Bytes ca = d.bytesValue("ca certificate", MAX_CA_CERT_BYTES);
    return new Org(id, name, admins, ca, d.u64("since"));
  }

  public static byte[] encode(Roles r) {
    return new Encoder(48).string(r.org()).u8(r.bits()).toByteArray();
  }

  public static Roles decodeRoles(byte[] in) {
    Decoder d = new Decoder(in);
    Roles r = new Roles(d.string("org", 32), d.u8("roles"));
    d.finish("roles");
    return r;
  }

  static byte[] encodeIds(List<String> ids) {
    Encoder e = new Encoder(16 * ids.size() + 4).u32(ids.size());
    for (String id : ids) {
      e.string(id);
    }
    return e.toByteArray();
  }

  static List<String> decodeIds(byte[] in) {
    Decoder d = new Decoder(in);
    int n = d.count("orgs", MAX_ORGS);
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(d.string("org id", 32));
    }
    d.finish("org list");
    return ids;
  }

  public static byte[] encode(Proposal p) {
    Encoder e =
        new Encoder(256)
            .u64(p.id())
            .u8(p.kind().code())
            .bytes(p.payload())
            .string(p.proposerOrg())
            .u64(p.createdHeight())
            .u64(p.expiresHeight());
    p.rule().encode(e);
    e.u32(p.votes().size());
    for (Vote v : p.votes()) {
      e.string(v.org()).bool(v.approve());
    }
    return e.u8(p.status().code()).string(p.outcome()).toByteArray();
  }

  public static Proposal decodeProposal(byte[] in) {
    Decoder d = new Decoder(in);
    long id = d.u64("id");
    Kind kind = kind(d.u8("kind"));
    Bytes payload = d.bytesValue("payload", 16 * 1024);
    String org = d.string("proposer org", 32);
    long created = d.u64("created");
    long expires = d.u64("expires");
    Rule rule = Rule.decode(d);
    int n = d.count("votes", MAX_ORGS);
    List<Vote> votes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      votes.add(new Vote(d.string("org", 32), d.bool("approve")));
    }
    Status status = status(d.u8("status"));
    Proposal p =
        new Proposal(
            id,
            kind,
            payload,
            org,
            created,
            expires,
            rule,
            votes,
            status,
            d.string("outcome", 1024));
    d.finish("proposal");
    return p;
  }

  static Kind kind(int k) {
    for (Kind kind : Kind.values()) {
      if (kind.code() == k) {
        return kind;
      }
    }
    throw new DecodeException("unknown proposal kind " + k);
  }

  private static Status status(int s) {
    for (Status status : Status.values()) {
      if (status.code() == s) {
        return status;
      }
    }
    throw new DecodeException("unknown status " + s);
  }

  // ---- call arguments (what clients send and the contract decodes)

  /** Arguments of {@code propose}: kind, payload, blocks until it expires. */
  public static Bytes proposeArgs(Kind kind, byte[] payload, long expiresInBlocks) {
    return Bytes.wrap(
        new Encoder(payload.length + 32)
            .u8(kind.code())
            .bytes(payload)
            .u64(expiresInBlocks)
            .toByteArray());
  }

  /** Arguments of {@code vote}: the proposal id and approve or reject. */
  public static Bytes voteArgs(long id, boolean approve) {
    return Bytes.wrap(new Encoder(16).u64(id).bool(approve).toByteArray());
  }

  public static byte[] encode(RoleChange r) {
    return new Encoder(64).address(r.account()).string(r.org()).u8(r.roles()).toByteArray();
  }

  public static RoleChange decodeRoleChange(byte[] in) {
    Decoder d = new Decoder(in);
    RoleChange r = new RoleChange(d.address("account"), d.string("org", 32), d.u8("roles"));
    d.finish("role change");
    return r;
  }

  public static byte[] encode(ParamChange p) {
    return new Encoder(64).string(p.name()).bytes(p.value()).toByteArray();
  }

  public static ParamChange decodeParamChange(byte[] in) {
    Decoder d = new Decoder(in);
    ParamChange p = new ParamChange(d.string("name", 64), d.bytesValue("value", 1024));
    d.finish("parameter change");
    return p;
  }

  /** The payload of {@code remove_org}. */
  public static byte[] encodeOrgId(String id) {
    return new Encoder(40).string(id).toByteArray();
  }

  public static String decodeOrgId(byte[] in) {
    Decoder d = new Decoder(in);
    String id = d.string("org id", 32);
    d.finish("org id");
    return id;
  }

  /**
   * The payload of {@code add_validator}: {@code string org || u8 suite tag || key bytes} (32 for
   * intl, 33 for sm).
   */
  public static byte[] encode(NewValidator v) {
    return new Encoder(80).string(v.org()).publicKey(v.key()).toByteArray();
  }

  public static NewValidator decodeNewValidator(byte[] in) {
    Decoder d = new Decoder(in);
    NewValidator v = new NewValidator(d.string("org id", 32), d.publicKey("validator key"));
    d.finish("new validator");
    return v;
  }

  /** The payload of {@code approve}: {@code string purpose || hash digest}. */
  public static byte[] encode(Approval a) {
    return new Encoder(80).string(a.purpose()).hash(a.digest()).toByteArray();
  }

  public static Approval decodeApproval(byte[] in) {
    Decoder d = new Decoder(in);
    Approval a = new Approval(d.string("purpose", 64), d.hash("digest"));
    d.finish("approval");
    return a;
  }

  /** The payload of {@code remove_validator}: {@code u8 suite tag || key bytes}. */
  public static byte[] encodeValidatorKey(PublicKey key) {
    return new Encoder(40).publicKey(key).toByteArray();
  }

  public static PublicKey decodeValidatorKey(byte[] in) {
    Decoder d = new Decoder(in);
    PublicKey k = d.publicKey("validator key");
    d.finish("validator key");
    return k;
  }

  /**
   * A proposal's payload in words, for readers ({@code jing gov show}).
   *
   * @throws DecodeException when the payload does not decode as its kind's
   */
  public static String describePayload(Kind kind, Bytes payload) {
    byte[] in = payload.unsafeArray();
    return switch (kind) {
      case ADD_ORG -> {
        Org o = decodeOrg(in);
        StringBuilder sb = new StringBuilder("org ").append(o.id()).append(" (").append(o.name());
        sb.append("), admins");
        for (Address a : o.admins()) {
          sb.append(' ').append(a);
        }
        yield sb.toString();
      }
      case REMOVE_ORG -> "org " + decodeOrgId(in);
      case GRANT_ROLE, REVOKE_ROLE -> {
        RoleChange r = decodeRoleChange(in);
        yield "account "
            + r.account()
            + " in org "
            + r.org()
            + ", roles "
            + String.join(",", roleNames(r.roles()));
      }
      case SET_PARAM -> {
        ParamChange p = decodeParamChange(in);
        yield p.name() + " = " + Params.render(p.name(), p.value());
      }
      case ADD_VALIDATOR -> {
        NewValidator v = decodeNewValidator(in);
        yield "validator " + v.key() + " run by org " + v.org();
      }
      case REMOVE_VALIDATOR -> "validator " + decodeValidatorKey(in);
      case APPROVE -> {
        Approval a = decodeApproval(in);
        yield a.purpose() + " " + a.digest().toHex();
      }
    };
  }

  /** The names of the role bits set in {@code bits}: admin, validator, member, auditor. */
  public static List<String> roleNames(int bits) {
    List<String> out = new ArrayList<>();
    String[] names = {"admin", "validator", "member", "auditor"};
    for (int i = 0; i < names.length; i++) {
      if ((bits & (1 << i)) != 0) {
        out.add(names[i]);
      }
    }
    return out;
  }

  /** The address a validator key signs transactions from. */
  public static Address validatorAccount(PublicKey key, org.jingchain.types.HashFunction hash) {
    return Address.of(key, hash);
  }
}
