package org.jingchain.gov;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jingchain.codec.DecodeException;
import org.jingchain.types.Bytes;

/**
 * Governance records as people and scripts read them: the shapes of the API's {@code /gov/…} routes
 * and of {@code jing gov … --json}, so both print the same.
 */
public final class GovViews {
  private GovViews() {}

  /** An organisation. */
  public record OrgView(String id, String name, long since, List<String> admins) {
    public static OrgView of(Gov.Org o) {
      return new OrgView(
          o.id(), o.name(), o.since(), o.admins().stream().map(Object::toString).toList());
    }
  }

  /** One organisation's vote. */
  public record VoteView(String org, boolean approve) {}

  /**
   * A proposal as of {@code height}.
   *
   * @param status open, executed, rejected, expired (an open one past its expiry [GOV-6]) or failed
   * @param payload the payload's fields, or its {@code hex} when it does not decode
   */
  public record ProposalView(
      long id,
      String kind,
      String status,
      String proposer,
      String rule,
      long createdHeight,
      long expiresHeight,
      String outcome,
      Map<String, Object> payload,
      List<VoteView> votes) {
    public static ProposalView of(Gov.Proposal p, long height) {
      List<VoteView> votes = new ArrayList<>();
      for (Gov.Vote v : p.votes()) {
        votes.add(new VoteView(v.org(), v.approve()));
      }
      return new ProposalView(
          p.id(),
          p.kind().label(),
          GovViews.status(p, height),
          p.proposerOrg(),
          p.rule().toString(),
          p.createdHeight(),
          p.expiresHeight(),
          p.outcome(),
          GovViews.payload(p.kind(), p.payload()),
          votes);
    }
  }

  /** OPEN reads as expired once the chain is past its expiry height [GOV-6]. */
  public static String status(Gov.Proposal p, long height) {
    if (p.status() == Gov.Status.OPEN && height > p.expiresHeight()) {
      return "expired";
    }
    return p.status().name().toLowerCase(Locale.ROOT);
  }

  /** The payload's fields; its hex when it does not decode (a proposal that was refused). */
  public static Map<String, Object> payload(Gov.Kind kind, Bytes payload) {
    Map<String, Object> n = new LinkedHashMap<>();
    byte[] in = payload.toByteArray();
    try {
      switch (kind) {
        case ADD_ORG -> {
          Gov.Org o = Gov.decodeOrg(in);
          n.put("id", o.id());
          n.put("name", o.name());
          n.put("admins", o.admins().stream().map(Object::toString).toList());
        }
        case REMOVE_ORG -> n.put("id", Gov.decodeOrgId(in));
        case GRANT_ROLE, REVOKE_ROLE -> {
          Gov.RoleChange r = Gov.decodeRoleChange(in);
          n.put("account", r.account().toString());
          n.put("org", r.org());
          n.put("roles", Gov.roleNames(r.roles()));
        }
        case SET_PARAM -> {
          Gov.ParamChange c = Gov.decodeParamChange(in);
          n.put("name", c.name());
          n.put("value", Params.render(c.name(), c.value()));
        }
        case ADD_VALIDATOR -> {
          Gov.NewValidator v = Gov.decodeNewValidator(in);
          n.put("org", v.org());
          n.put("validator", v.key().toString());
        }
        case REMOVE_VALIDATOR -> n.put("validator", Gov.decodeValidatorKey(in).toString());
      }
    } catch (DecodeException e) {
      n.clear();
      n.put("hex", payload.toHex());
    }
    return n;
  }
}
