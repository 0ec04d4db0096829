package org.jingchain.identity;

import java.util.List;
import org.jingchain.types.Call;

/**
 * Makes the expensive, pure checks of DID operations — key validity and signatures — ahead of
 * execution, on the admission threads, so the single-threaded execution finds them done
 * (docs/performance.md, identity). It decides nothing: execution repeats every check and gets the
 * same answers; what is malformed here is simply skipped.
 */
public final class DidPrecheck {
  private DidPrecheck() {}

  /** Warms the caches of {@link DidSignatures} for a {@code did} call; cheap for other calls. */
  public static void warm(Call call) {
    if (!call.contract().equals(DidContract.NAME)) {
      return;
    }
    try {
      byte[] args = call.args().unsafeArray();
      List<DidCodec.Signed> ops =
          call.method().equals("createBatch")
              ? DidCodec.decodeBatch(args)
              : List.of(DidCodec.decodeSigned(args));
      for (DidCodec.Signed s : ops) {
        if (DidCodec.decodeOperation(s.operation()) instanceof DidOperation.Create c) {
          DidSignatures.isValid(c.updateKey());
          DidSignatures.isValid(c.recoveryKey());
          for (VerificationMethod m : c.methods()) {
            DidSignatures.isValid(m.key());
          }
          DidSignatures.verify(c.updateKey(), s.operation(), s.signature());
        }
      }
    } catch (RuntimeException malformed) {
      // execution refuses it with its reason; nothing to warm
    }
  }

  /** Warms for many calls in parallel (the common pool). */
  public static void warmAll(List<Call> calls) {
    if (calls.stream().anyMatch(c -> c.contract().equals(DidContract.NAME))) {
      calls.parallelStream().forEach(DidPrecheck::warm);
    }
  }
}
