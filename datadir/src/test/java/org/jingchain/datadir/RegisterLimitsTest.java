package org.jingchain.datadir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jingchain.datadir.DatadirCalls.Register;
import org.jingchain.testkit.Party;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The limits and forms of docs/spec/datadir.md section 5: each broken rule gets its code ({@code
 * DD_INVALID} for forms and empty fields, {@code DD_LIMIT} for sizes and counts) and changes
 * nothing [DD-17]; everything at its limit is accepted.
 */
class RegisterLimitsTest {
  static final String OWNER_NAME = "owner";
  static final String OTHER_DID = "did:jing:" + "ab".repeat(20);

  final TestChain chain = new TestChain(DatadirContract::new);
  final Party owner = chain.party(OWNER_NAME);

  /** A change to a well-formed register. */
  record Case(String name, UnaryOperator<Register> change, String code) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Register base(String ownerDid) {
    return Samples.register("cohort", ownerDid, Policy.approval());
  }

  static Register with(
      Register r,
      String id,
      Metadata m,
      Policy p,
      List<String> delegates,
      List<String> from,
      Content c) {
    return new Register(id, r.owner(), m, p, delegates, from, c);
  }

  static UnaryOperator<Register> id(String id) {
    return r -> with(r, id, r.metadata(), r.policy(), r.delegates(), r.derivedFrom(), r.content());
  }

  static UnaryOperator<Register> meta(
      String title, String description, List<String> tags, String format, String licence) {
    return r ->
        with(
            r,
            r.id(),
            new Metadata(title, description, Sector.OTHER, tags, format, licence),
            r.policy(),
            r.delegates(),
            r.derivedFrom(),
            r.content());
  }

  static UnaryOperator<Register> title(String t) {
    return meta(t, "", List.of(), "csv", "");
  }

  static UnaryOperator<Register> policy(Policy p) {
    return r -> with(r, r.id(), r.metadata(), p, r.delegates(), r.derivedFrom(), r.content());
  }

  static UnaryOperator<Register> delegates(List<String> d) {
    return r -> with(r, r.id(), r.metadata(), r.policy(), d, r.derivedFrom(), r.content());
  }

  static UnaryOperator<Register> from(List<String> f) {
    return r -> with(r, r.id(), r.metadata(), r.policy(), r.delegates(), f, r.content());
  }

  static UnaryOperator<Register> content(
      String algorithm, int digestBytes, List<String> locations, String note) {
    return r ->
        with(
            r,
            r.id(),
            r.metadata(),
            r.policy(),
            r.delegates(),
            r.derivedFrom(),
            new Content(
                new Digest(algorithm, Bytes.wrap(new byte[digestBytes])), 1, locations, note));
  }

  static UnaryOperator<Register> locations(List<String> l) {
    return content("sha-256", 32, l, "");
  }

  static List<String> dids(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> "did:jing:" + String.format("%040x", i + 1))
        .toList();
  }

  static List<String> times(int n, String s) {
    return Collections.nCopies(n, s);
  }

  static List<String> numbered(int n, String prefix) {
    return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
  }

  static Stream<Arguments> brokenRules() {
    String invalid = DatadirErrors.INVALID;
    String limit = DatadirErrors.LIMIT;
    return Stream.of(
            new Case("empty id", id(""), invalid),
            new Case("upper-case id", id("Cohort"), invalid),
            new Case("id starting with a dash", id("-cohort"), invalid),
            new Case("id of 65 characters", id("a".repeat(65)), invalid),
            new Case(
                "malformed owner",
                r ->
                    new Register(
                        r.id(),
                        "did:jing:XYZ",
                        r.metadata(),
                        r.policy(),
                        r.delegates(),
                        r.derivedFrom(),
                        r.content()),
                invalid),
            new Case("empty title", title(""), invalid),
            new Case("title of 201 bytes", title("t".repeat(201)), limit),
            new Case("title of 101 two-byte characters", title("é".repeat(101)), limit),
            new Case(
                "description of 4097 bytes",
                meta("t", "d".repeat(4097), List.of(), "csv", ""),
                limit),
            new Case("17 tags", meta("t", "", numbered(17, "tag"), "csv", ""), limit),
            new Case("tag with a space", meta("t", "", List.of("two words"), "csv", ""), invalid),
            new Case("tag of 33 bytes", meta("t", "", List.of("a".repeat(33)), "csv", ""), invalid),
            new Case("repeated tag", meta("t", "", List.of("x", "x"), "csv", ""), invalid),
            new Case("empty format", meta("t", "", List.of(), "", ""), invalid),
            new Case("format of 129 bytes", meta("t", "", List.of(), "f".repeat(129), ""), limit),
            new Case(
                "licence of 129 bytes", meta("t", "", List.of(), "csv", "l".repeat(129)), limit),
            new Case(
                "members without a group",
                policy(new Policy(Policy.Kind.APPROVAL, List.of(OTHER_DID))),
                invalid),
            new Case("a group without members", policy(Policy.group(List.of())), invalid),
            new Case("257 group members", policy(Policy.group(dids(257))), limit),
            new Case(
                "malformed group member", policy(Policy.group(List.of("did:web:x.org"))), invalid),
            new Case(
                "repeated group member",
                policy(Policy.group(List.of(OTHER_DID, OTHER_DID))),
                invalid),
            new Case("9 delegates", delegates(dids(9)), limit),
            new Case("malformed delegate", delegates(List.of("did:jing:1")), invalid),
            new Case("repeated delegate", delegates(List.of(OTHER_DID, OTHER_DID)), invalid),
            new Case("33 parents", from(numbered(33, "p")), limit),
            new Case("malformed parent", from(List.of("Parent")), invalid),
            new Case("repeated parent", from(List.of("p", "p")), invalid),
            new Case("derived from itself", from(List.of("cohort")), DatadirErrors.LINEAGE_CYCLE),
            new Case(
                "derived from nothing known", from(List.of("unknown")), DatadirErrors.NOT_FOUND),
            new Case(
                "upper-case digest algorithm",
                content("SHA-256", 32, List.of("https://x.org/a"), ""),
                invalid),
            new Case(
                "digest algorithm of 17 characters",
                content("a".repeat(17), 32, List.of("https://x.org/a"), ""),
                invalid),
            new Case(
                "digest of 15 bytes",
                content("sha-256", 15, List.of("https://x.org/a"), ""),
                invalid),
            new Case(
                "digest of 65 bytes",
                content("sha-256", 65, List.of("https://x.org/a"), ""),
                limit),
            new Case("no location", locations(List.of()), invalid),
            new Case("9 locations", locations(numbered(9, "https://x.org/")), limit),
            new Case("location without a scheme", locations(List.of("/data/x.csv")), invalid),
            new Case("location with a space", locations(List.of("https://x.org/a b")), invalid),
            new Case(
                "location of 513 bytes",
                locations(List.of("https://x.org/" + "a".repeat(499))),
                limit),
            new Case(
                "repeated location",
                locations(List.of("https://x.org/a", "https://x.org/a")),
                invalid),
            new Case(
                "note of 257 bytes",
                content("sha-256", 32, List.of("https://x.org/a"), "n".repeat(257)),
                limit))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenRules")
  void aBrokenRuleIsRefusedWithItsCodeAndChangesNothing(Case c) {
    Register r = c.change().apply(base(owner.did()));
    assertThat(chain.refused(owner, DatadirCalls.register(r))).isEqualTo(c.code());
  }

  @Test
  void everythingAtItsLimitIsAccepted() {
    List<String> delegates = new ArrayList<>();
    for (int i = 0; i < DatadirLimits.MAX_DELEGATES; i++) {
      delegates.add(chain.party("delegate-" + i).did());
    }
    List<String> parents = numbered(DatadirLimits.MAX_DERIVED_FROM, "parent-");
    for (String p : parents) {
      chain.ok(owner, Samples.registerCall(p, owner.did(), Policy.everyone()));
    }
    List<String> locations =
        IntStream.range(0, DatadirLimits.MAX_LOCATIONS)
            .mapToObj(i -> "https://x.org/" + i + "a".repeat(497))
            .toList();
    Register r =
        new Register(
            "a" + "b".repeat(63),
            owner.did(),
            new Metadata(
                "é".repeat(100),
                "d".repeat(DatadirLimits.MAX_DESCRIPTION_BYTES),
                Sector.GOVERNMENT,
                numbered(DatadirLimits.MAX_TAGS, "t".repeat(30)),
                "f".repeat(DatadirLimits.MAX_FORMAT_BYTES),
                "l".repeat(DatadirLimits.MAX_LICENCE_BYTES)),
            Policy.group(dids(DatadirLimits.MAX_MEMBERS)),
            delegates,
            parents,
            new Content(
                new Digest("merkle-sha-256", Bytes.wrap(new byte[DatadirLimits.MAX_DIGEST_BYTES])),
                Long.MAX_VALUE,
                locations,
                "n".repeat(DatadirLimits.MAX_NOTE_BYTES)));
    assertThat(locations.getFirst()).hasSize(DatadirLimits.MAX_LOCATION_BYTES);
    chain.ok(owner, DatadirCalls.register(r));
    assertThat(Datadir.asset(chain.state(), r.id()).orElseThrow().policy().members())
        .hasSize(DatadirLimits.MAX_MEMBERS);
    assertThat(Datadir.derivedInto(chain.state(), "parent-0")).containsExactly(r.id());
  }

  @Test
  void theSmallestWellFormedAssetIsAccepted() {
    Register r =
        new Register(
            "x",
            owner.did(),
            new Metadata("t", "", Sector.OTHER, List.of(), "f", ""),
            Policy.everyone(),
            List.of(),
            List.of(),
            new Content(
                new Digest("s", Bytes.wrap(new byte[DatadirLimits.MIN_DIGEST_BYTES])),
                0,
                List.of("a:b"),
                ""));
    chain.ok(owner, DatadirCalls.register(r));
    assertThat(Datadir.asset(chain.state(), "x").orElseThrow().metadata().title()).isEqualTo("t");
  }
}
