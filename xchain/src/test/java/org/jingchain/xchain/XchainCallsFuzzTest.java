package org.jingchain.xchain;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Set;
import org.jingchain.codec.DecodeException;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes every xchain argument decoder and the contract behind it, as a hostile relayer or user
 * would (docs/spec/xchain.md section 8): any bytes either decode to arguments that re-encode to
 * exactly those bytes or fail with {@link DecodeException}; the contract answers with events or a
 * refusal of a documented code — {@code XC_MALFORMED} whenever the decoder refused — and a refused
 * call wrote nothing. Runs on chain A of {@link FuzzFixture}, where one valid call of each method
 * waits, so mutations reach deep. In the test command this replays {@code
 * XchainCallsFuzzTestInputs} (those valid calls); {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class XchainCallsFuzzTest {
  /** The codes of section 8 of the spec. */
  static final Set<String> CODES =
      Set.of(
          "XC_MALFORMED",
          "XC_NOT_ADMIN",
          "XC_UNKNOWN_CLIENT",
          "XC_CLIENT_FROZEN",
          "XC_CLIENT_EXPIRED",
          "XC_BAD_HEADER",
          "XC_EPOCH_NOT_FOLLOWED",
          "XC_BAD_EPOCH",
          "XC_BAD_MISBEHAVIOUR",
          "XC_NOT_APPROVED",
          "XC_APPROVAL_USED",
          "XC_ALREADY_REGISTERED",
          "XC_NOT_REGISTERED",
          "XC_WRONG_COUNTERPARTY",
          "XC_NO_TIMEOUT",
          "XC_PACKET_TIMED_OUT",
          "XC_UNKNOWN_HEIGHT",
          "XC_BAD_PROOF",
          "XC_PACKET_MISMATCH",
          "XC_NOT_TIMED_OUT",
          "XC_INSUFFICIENT_FUNDS",
          "XC_UNKNOWN_DENOM",
          "XC_UNKNOWN_NFT",
          "XC_UNKNOWN_APP",
          "XC_BAD_RECEIVER",
          "XC_OVERFLOW");

  static final FuzzFixture FIXTURE = new FuzzFixture();

  /** The arguments decoded and built again, as the SDK and the relayer build them. */
  static Bytes reencode(String method, Bytes args) {
    Call call =
        switch (method) {
          case XchainCalls.CREATE_CLIENT ->
              XchainCalls.createClient(XchainCalls.decodeCreate(args));
          case XchainCalls.RECOVER_CLIENT ->
              XchainCalls.recoverClient(XchainCalls.decodeRecover(args));
          case XchainCalls.REGISTER ->
              XchainCalls.registerCounterparty(XchainCalls.decodeRegister(args));
          case XchainCalls.MISBEHAVIOUR ->
              XchainCalls.misbehaviour(XchainCalls.decodeMisbehaviour(args));
          case XchainCalls.TRANSFER -> XchainCalls.transfer(XchainCalls.decodeTransfer(args));
          case XchainCalls.NFT_TRANSFER ->
              XchainCalls.nftTransfer(XchainCalls.decodeNftTransfer(args));
          case XchainCalls.RELAY -> XchainCalls.relay(XchainCalls.decodeRelay(args));
          case XchainCalls.REGISTER_MEMBER ->
              XchainCalls.registerMember(XchainCalls.decodeRegisterMember(args));
          default -> XchainCalls.single(XchainCalls.decodeSingle(method, args));
        };
    assertThat(call.method()).isEqualTo(method);
    return call.args();
  }

  static void check(String method, byte[] input) {
    Bytes args = Bytes.wrap(input.clone());
    boolean decoded;
    try {
      assertThat(reencode(method, args)).isEqualTo(args);
      decoded = true;
    } catch (DecodeException refused) {
      decoded = false;
    }
    MiniChain.Outcome o =
        FIXTURE.a.dryRun(FIXTURE.a.admin.address(), new Call(XchainContract.NAME, method, args));
    if (o.receipt().succeeded()) {
      assertThat(decoded).isTrue();
      assertThat(o.receipt().events()).isNotEmpty().hasSizeLessThanOrEqualTo(64);
    } else {
      assertThat(o.receipt().code()).as(o.receipt().message()).isIn(CODES);
      if (!decoded) {
        assertThat(o.receipt().code()).isEqualTo("XC_MALFORMED");
      }
      if (!method.equals(
          XchainCalls.RELAY)) { // a batch's earlier messages are the executor's to drop
        assertThat(o.writes()).as(o.receipt().code()).isEmpty();
      }
    }
  }

  /** The seeds are what they claim: each is accepted as it stands. */
  @Test
  void everySeedIsAValidCall() {
    assertThat(FIXTURE.valid.keySet()).hasSize(13);
    FIXTURE.valid.forEach(
        (method, args) -> {
          MiniChain.Outcome o =
              FIXTURE.a.dryRun(
                  FIXTURE.a.admin.address(), new Call(XchainContract.NAME, method, args));
          assertThat(o.receipt().code()).as(method + ": " + o.receipt().message()).isEmpty();
          assertThat(reencode(method, args)).isEqualTo(args);
        });
  }

  @Test
  void theSeedsOnDiskAreTheFixturesCalls() throws Exception {
    for (String method : FIXTURE.valid.keySet()) {
      try (var in =
          getClass().getResourceAsStream("XchainCallsFuzzTestInputs/" + method + "/valid")) {
        assertThat(in).as(method + " seed (FuzzFixture.main writes them)").isNotNull();
        assertThat(Bytes.wrap(in.readAllBytes())).isEqualTo(FIXTURE.valid.get(method));
      }
    }
  }

  @FuzzTest(maxDuration = "10s")
  void createClient(byte[] input) {
    check(XchainCalls.CREATE_CLIENT, input);
  }

  @FuzzTest(maxDuration = "10s")
  void updateClient(byte[] input) {
    check(XchainCalls.UPDATE_CLIENT, input);
  }

  @FuzzTest(maxDuration = "10s")
  void followEpoch(byte[] input) {
    check(XchainCalls.FOLLOW_EPOCH, input);
  }

  @FuzzTest(maxDuration = "10s")
  void submitMisbehaviour(byte[] input) {
    check(XchainCalls.MISBEHAVIOUR, input);
  }

  @FuzzTest(maxDuration = "10s")
  void recoverClient(byte[] input) {
    check(XchainCalls.RECOVER_CLIENT, input);
  }

  @FuzzTest(maxDuration = "10s")
  void registerCounterparty(byte[] input) {
    check(XchainCalls.REGISTER, input);
  }

  @FuzzTest(maxDuration = "10s")
  void transfer(byte[] input) {
    check(XchainCalls.TRANSFER, input);
  }

  @FuzzTest(maxDuration = "10s")
  void nftTransfer(byte[] input) {
    check(XchainCalls.NFT_TRANSFER, input);
  }

  @FuzzTest(maxDuration = "10s")
  void recvPacket(byte[] input) {
    check(XchainCalls.RECV, input);
  }

  @FuzzTest(maxDuration = "10s")
  void acknowledgePacket(byte[] input) {
    check(XchainCalls.ACK, input);
  }

  @FuzzTest(maxDuration = "10s")
  void timeoutPacket(byte[] input) {
    check(XchainCalls.TIMEOUT, input);
  }

  @FuzzTest(maxDuration = "10s")
  void registerMember(byte[] input) {
    check(XchainCalls.REGISTER_MEMBER, input);
  }

  @FuzzTest(maxDuration = "10s")
  void relay(byte[] input) {
    check(XchainCalls.RELAY, input);
  }
}
