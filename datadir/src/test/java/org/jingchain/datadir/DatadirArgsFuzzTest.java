package org.jingchain.datadir;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Set;
import org.jingchain.codec.DecodeException;
import org.jingchain.datadir.DatadirCalls.Args;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.testkit.Party;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;

/**
 * [DD-18] Fuzzes every argument decoder, and the contract behind it: any bytes either decode to
 * arguments that re-encode to exactly those bytes or fail with {@link DecodeException}; the
 * contract answers them with events or an {@link ExecutionFailure} of a documented code — {@code
 * DD_INVALID} whenever the decoder refused — and nothing else escapes. In the test command this
 * replays the corpus in {@code DatadirArgsFuzzTestInputs} (valid arguments of each method); {@code
 * JAZZER_FUZZ=1} fuzzes for real.
 */
class DatadirArgsFuzzTest {
  static final Set<String> CODES =
      Set.of(
          DatadirErrors.INVALID,
          DatadirErrors.NOT_FOUND,
          DatadirErrors.NOT_OWNER,
          DatadirErrors.UNAUTHORISED,
          DatadirErrors.EXISTS,
          DatadirErrors.RETIRED,
          DatadirErrors.CLOSED,
          DatadirErrors.NO_GRANT,
          DatadirErrors.GRANT_EXPIRED,
          DatadirErrors.GRANT_REVOKED,
          DatadirErrors.WRONG_ASSET,
          DatadirErrors.LINEAGE_CYCLE,
          DatadirErrors.LIMIT);

  /** A chain with DIDs, assets, a pending request and grants, so valid inputs reach deep. */
  static final TestChain CHAIN = new TestChain(DatadirContract::new);

  static final Party OWNER = CHAIN.party("owner");

  static {
    Party requester = CHAIN.party("requester");
    Party other = CHAIN.party("other");
    CHAIN.ok(OWNER, Samples.registerCall("a", OWNER.did(), Policy.approval()));
    CHAIN.ok(OWNER, Samples.registerCall("b", OWNER.did(), Policy.everyone(), "a"));
    CHAIN.ok(requester, DatadirCalls.request(requester.did(), "a", "p", "s", 1000)); // request 1
    CHAIN.ok(other, DatadirCalls.request(other.did(), "a", "p", "s", 1000)); // request 2
    CHAIN.ok(OWNER, DatadirCalls.grant(OWNER.did(), 2, CHAIN.timeMillis() + 1000, "s")); // grant 1
    CHAIN.ok(
        requester,
        DatadirCalls.consent(
            requester.did(), OWNER.did(), "a", "p", "s", CHAIN.timeMillis() + 1000)); // grant 2
  }

  static void check(String method, byte[] input) {
    boolean decoded;
    try {
      Args args = DatadirCalls.decode(method, input);
      assertThat(DatadirCalls.encode(args)).isEqualTo(input);
      decoded = true;
    } catch (DecodeException rejected) {
      decoded = false;
    }
    TestChain.Outcome o =
        CHAIN.dryRun(OWNER.address(), new Call(DatadirContract.NAME, method, Bytes.wrap(input)));
    if (o.receipt().succeeded()) {
      assertThat(o.receipt().events()).hasSize(1);
      assertThat(decoded).isTrue();
    } else {
      assertThat(o.receipt().code()).isIn(CODES);
      assertThat(o.writes()).isEmpty();
      if (!decoded) {
        assertThat(o.receipt().code()).isEqualTo(DatadirErrors.INVALID);
      }
    }
  }

  @FuzzTest(maxDuration = "10s")
  void register(byte[] input) {
    check(DatadirCalls.REGISTER, input);
  }

  @FuzzTest(maxDuration = "10s")
  void update(byte[] input) {
    check(DatadirCalls.UPDATE, input);
  }

  @FuzzTest(maxDuration = "10s")
  void newVersion(byte[] input) {
    check(DatadirCalls.NEW_VERSION, input);
  }

  @FuzzTest(maxDuration = "10s")
  void retire(byte[] input) {
    check(DatadirCalls.RETIRE, input);
  }

  @FuzzTest(maxDuration = "10s")
  void request(byte[] input) {
    check(DatadirCalls.REQUEST, input);
  }

  @FuzzTest(maxDuration = "10s")
  void grant(byte[] input) {
    check(DatadirCalls.GRANT, input);
  }

  @FuzzTest(maxDuration = "10s")
  void refuse(byte[] input) {
    check(DatadirCalls.REFUSE, input);
  }

  @FuzzTest(maxDuration = "10s")
  void revoke(byte[] input) {
    check(DatadirCalls.REVOKE, input);
  }

  @FuzzTest(maxDuration = "10s")
  void consent(byte[] input) {
    check(DatadirCalls.CONSENT, input);
  }

  @FuzzTest(maxDuration = "10s")
  void recordAccess(byte[] input) {
    check(DatadirCalls.RECORD_ACCESS, input);
  }

  @FuzzTest(maxDuration = "10s")
  void offerTransfer(byte[] input) {
    check(DatadirCalls.OFFER_TRANSFER, input);
  }

  @FuzzTest(maxDuration = "10s")
  void acceptTransfer(byte[] input) {
    check(DatadirCalls.ACCEPT_TRANSFER, input);
  }
}
