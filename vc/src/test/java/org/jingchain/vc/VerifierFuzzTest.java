package org.jingchain.vc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jingchain.testkit.TestChain;

/**
 * [VC-1] Any input to the verifier — credential, SD-JWT or presentation, from anyone — ends in a
 * verified result or a typed {@link VcException}; nothing else escapes (no runtime exception from a
 * parser, no hang). The chain here holds nothing, so nothing can verify.
 */
class VerifierFuzzTest {
  private final CredentialVerifier verifier = new CredentialVerifier(new TestChain()::read);

  @FuzzTest(maxDuration = "20s")
  void anyInputIsRefusedWithATypedReason(byte[] input) {
    String s = new String(input, StandardCharsets.UTF_8);
    try {
      verifier.verify(s, CredentialVerifier.Options.credential(Instant.EPOCH));
      throw new AssertionError("verified against an empty chain: " + s);
    } catch (VcException refused) {
      assertThat(refused.reason()).isNotNull();
    }
  }
}
