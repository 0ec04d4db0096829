package org.jingchain.gov;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.HashFunction;
import org.jingchain.types.PublicKey;

/**
 * The governance state a chain starts with (docs/spec/governance.md, Genesis): its organisations,
 * their validators' accounts, permissions and parameters — written as the state of height 0.
 */
public final class GovernanceGenesis {
  private GovernanceGenesis() {}

  /** An organisation as genesis names it: admins, the validators it runs, its members. */
  public record OrgSpec(
      String id,
      String name,
      List<Address> admins,
      List<PublicKey> validators,
      List<Address> members) {
    public OrgSpec {
      admins = List.copyOf(admins);
      validators = List.copyOf(validators);
      members = List.copyOf(members);
    }
  }

  /**
   * The writes of height 0. Every validator in {@code validatorOrder} must be run by exactly one
   * organisation.
   *
   * @throws IllegalArgumentException when the genesis is inconsistent, with the reason
   */
  public static SortedMap<Bytes, java.util.Optional<Bytes>> writes(
      List<OrgSpec> orgs,
      List<PublicKey> validatorOrder,
      String permissions,
      Map<String, String> params,
      HashFunction hash) {
    WriteSet w = new WriteSet(k -> java.util.Optional.empty());
    List<String> ids = new ArrayList<>();
    Map<PublicKey, String> runBy =
        new TreeMap<>(java.util.Comparator.comparing(PublicKey::toString));
    for (OrgSpec o : orgs) {
      if (!o.id().matches(Gov.ORG_ID) || o.name().isBlank()) {
        throw new IllegalArgumentException(
            "organisation id '" + o.id() + "' must match " + Gov.ORG_ID + " and have a name");
      }
      if (ids.contains(o.id())) {
        throw new IllegalArgumentException("organisation " + o.id() + " is listed twice");
      }
      if (o.admins().isEmpty() || o.admins().size() > Gov.MAX_ADMINS) {
        throw new IllegalArgumentException(o.id() + " needs 1.." + Gov.MAX_ADMINS + " admins");
      }
      ids.add(o.id());
      w.put(
          Gov.orgKey(o.id()),
          Bytes.wrap(Gov.encode(new Gov.Org(o.id(), o.name(), o.admins(), Bytes.EMPTY, 0))));
      for (PublicKey v : o.validators()) {
        if (runBy.put(v, o.id()) != null) {
          throw new IllegalArgumentException("validator " + v + " is run by two organisations");
        }
      }
    }
    for (OrgSpec o : orgs) {
      grant(w, o.id(), o.admins(), Gov.ADMIN);
      grant(w, o.id(), o.members(), Gov.MEMBER);
      List<Address> accounts = new ArrayList<>();
      for (PublicKey v : o.validators()) {
        accounts.add(Address.of(v, hash));
      }
      grant(w, o.id(), accounts, Gov.VALIDATOR);
    }
    List<Validators.Entry> entries = new ArrayList<>();
    for (PublicKey v : validatorOrder) {
      String org = runBy.get(v);
      if (org == null) {
        throw new IllegalArgumentException("validator " + v + " is not run by any organisation");
      }
      entries.add(new Validators.Entry(v, org));
    }
    if (runBy.size() != validatorOrder.size()) {
      throw new IllegalArgumentException(
          "an organisation lists a key that is not a genesis validator");
    }
    ids.sort(null);
    w.put(Gov.ORGS, Bytes.wrap(Gov.encodeIds(ids)));
    w.put(Validators.KEY, Bytes.wrap(Validators.encode(entries)));
    w.put(
        Gov.paramKey(Params.PERMISSIONS),
        Bytes.wrap(Params.encode(Params.PERMISSIONS, permissions)));
    for (var p : new TreeMap<>(params).entrySet()) {
      if (p.getKey().equals(Params.PERMISSIONS)) {
        throw new IllegalArgumentException(
            "set permissions with the genesis field, not a parameter");
      }
      w.put(Gov.paramKey(p.getKey()), Bytes.wrap(Params.encode(p.getKey(), p.getValue())));
    }
    return new TreeMap<>(w.changes());
  }

  private static void grant(WriteSet w, String org, List<Address> accounts, int role) {
    for (Address a : new TreeSet<>(accounts)) {
      var current = Gov.roles(w, a);
      if (current.isPresent() && !current.get().org().equals(org)) {
        throw new IllegalArgumentException(
            a + " is in two organisations: " + current.get().org() + " and " + org);
      }
      int bits = current.map(Gov.Roles::bits).orElse(0) | role;
      w.put(Gov.roleKey(a), Bytes.wrap(Gov.encode(new Gov.Roles(org, bits))));
    }
  }
}
