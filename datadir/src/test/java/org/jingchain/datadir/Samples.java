package org.jingchain.datadir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.jingchain.datadir.DatadirCalls.Register;
import org.jingchain.datadir.DatadirCalls.Update;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;

/**
 * Well-formed arguments for tests, each a function of its inputs (also used by the data directory
 * service's tests, through this module's test jar).
 */
public final class Samples {
  private Samples() {}

  public static Digest sha256(String content) {
    try {
      return new Digest(
          "sha-256",
          Bytes.wrap(
              MessageDigest.getInstance("SHA-256")
                  .digest(content.getBytes(StandardCharsets.UTF_8))));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Content content(String label) {
    return new Content(
        sha256(label),
        1_000 + label.length(),
        List.of("https://data.example.org/" + label, "ipfs://bafy" + label.hashCode()),
        "version " + label);
  }

  public static Metadata metadata(String title) {
    return new Metadata(
        title,
        "Aggregated and anonymised; no personal data.",
        Sector.HEALTHCARE,
        List.of("diabetes", "cohort"),
        "text/csv; schema=https://schemas.example.org/cohort/v2",
        "CC-BY-4.0");
  }

  public static Register register(String id, String owner, Policy policy, String... derivedFrom) {
    return new Register(
        id,
        owner,
        metadata("Dataset " + id),
        policy,
        List.of(),
        List.of(derivedFrom),
        content(id + "-v1"));
  }

  public static Call registerCall(String id, String owner, Policy policy, String... derivedFrom) {
    return DatadirCalls.register(register(id, owner, policy, derivedFrom));
  }

  public static Call setParents(String id, String... parents) {
    return DatadirCalls.update(
        new Update(
            id,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(List.of(parents))));
  }

  public static Call setDelegates(String id, String... delegates) {
    return DatadirCalls.update(
        new Update(
            id,
            Optional.empty(),
            Optional.empty(),
            Optional.of(List.of(delegates)),
            Optional.empty()));
  }

  public static Call setPolicy(String id, Policy p) {
    return DatadirCalls.update(
        new Update(id, Optional.empty(), Optional.of(p), Optional.empty(), Optional.empty()));
  }
}
