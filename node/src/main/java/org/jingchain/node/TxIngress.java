package org.jingchain.node;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jingchain.codec.Canonical;
import org.jingchain.codec.DecodeException;
import org.jingchain.crypto.BatchVerifier;
import org.jingchain.crypto.VerifyRequest;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.types.Call;
import org.jingchain.types.Limits;
import org.jingchain.types.Transaction;

/**
 * The way into the mempool: decodes canonical transaction bytes, verifies signatures (a batch in
 * parallel), then admits in order. Each transaction's signature is checked here once and never
 * again on this node.
 */
public final class TxIngress {
  private final Mempool mempool;
  private final BatchVerifier verifier;
  private final Consumer<List<Call>> precheck;
  private final Consumer<List<byte[]>> onAccepted;

  /**
   * @param precheck the services' pre-checks, run on the calls of validly signed transactions
   * @param onAccepted receives the encodings of the transactions just admitted (gossip to peers)
   */
  public TxIngress(
      Mempool mempool,
      BatchVerifier verifier,
      Consumer<List<Call>> precheck,
      Consumer<List<byte[]>> onAccepted) {
    this.mempool = mempool;
    this.verifier = verifier;
    this.precheck = precheck;
    this.onAccepted = onAccepted;
  }

  public Admission submit(byte[] encoded) {
    return submitBatch(List.of(encoded)).getFirst();
  }

  /** Admits each transaction in order; one result per input. */
  public List<Admission> submitBatch(List<byte[]> encoded) {
    int n = encoded.size();
    Admission[] results = new Admission[n];
    List<Transaction> decoded = new ArrayList<>(n);
    List<Integer> positions = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] b = encoded.get(i);
      if (b.length > Limits.MAX_TX_BYTES) {
        results[i] =
            new Admission.Rejected(
                ErrorCode.TX_TOO_LARGE,
                "transaction is " + b.length + " bytes, limit " + Limits.MAX_TX_BYTES);
        continue;
      }
      try {
        decoded.add(Canonical.decodeTransaction(b));
        positions.add(i);
      } catch (DecodeException e) {
        results[i] = new Admission.Rejected(ErrorCode.TX_MALFORMED, e.getMessage());
      }
    }
    List<VerifyRequest> requests = new ArrayList<>(decoded.size());
    for (Transaction tx : decoded) {
      requests.add(
          new VerifyRequest(tx.body().sender(), tx.signingBytes(), tx.signature().unsafeArray()));
    }
    boolean[] valid = verifier.verify(requests);
    // the services' own checks (DID signatures, say) here rather than on the execution thread
    List<Call> calls = new ArrayList<>(decoded.size());
    for (int j = 0; j < decoded.size(); j++) {
      if (valid[j]) {
        calls.add(decoded.get(j).body().call());
      }
    }
    precheck.accept(calls);
    List<byte[]> accepted = new ArrayList<>(decoded.size());
    for (int j = 0; j < decoded.size(); j++) {
      int i = positions.get(j);
      results[i] = mempool.admit(decoded.get(j), encoded.get(i).length, valid[j]);
      if (results[i] instanceof Admission.Accepted) {
        accepted.add(encoded.get(i));
      }
    }
    if (!accepted.isEmpty()) {
      onAccepted.accept(accepted);
    }
    return List.of(results);
  }
}
