package org.jingchain.consensus;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.Bytes;
import org.jingchain.types.PublicKey;

/** Real keys of one suite for certificate tests, from a fixed-seed generator. */
final class TestValidators {
  final CryptoSuite suite;
  final List<KeyPair> keys = new ArrayList<>();
  final ValidatorSet set;

  TestValidators(CryptoSuite suite, int n) {
    this.suite = suite;
    SecureRandom r;
    try {
      r = SecureRandom.getInstance("SHA1PRNG");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    r.setSeed(7L);
    List<PublicKey> pubs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      KeyPair k = suite.generateKeyPair(r);
      keys.add(k);
      pubs.add(k.publicKey());
    }
    set = new ValidatorSet(pubs, suite);
  }

  /** Validator {@code index}'s signer. */
  Signer signer(int index) {
    return new Signer() {
      @Override
      public PublicKey publicKey() {
        return keys.get(index).publicKey();
      }

      @Override
      public byte[] sign(byte[] message) {
        return suite.sign(keys.get(index), message);
      }
    };
  }

  IndexedSignature sign(int index, byte[] message) {
    return new IndexedSignature(index, Bytes.wrap(suite.sign(keys.get(index), message)));
  }

  QuorumCert qc(VoteData data, int... signers) {
    List<IndexedSignature> sigs = new ArrayList<>();
    for (int i : signers) {
      sigs.add(sign(i, data.signingBytes()));
    }
    return new QuorumCert(data, sigs);
  }

  TimeoutCert tc(String chainId, long round, long highQcRound, int... signers) {
    List<TimeoutSignature> sigs = new ArrayList<>();
    for (int i : signers) {
      byte[] msg = new TimeoutData(chainId, round, highQcRound).signingBytes();
      sigs.add(new TimeoutSignature(i, highQcRound, Bytes.wrap(suite.sign(keys.get(i), msg))));
    }
    return new TimeoutCert(chainId, round, sigs);
  }
}
