package org.jingchain.sdk.pgroup;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.KeyPair;
import org.jingchain.privacy.EcGroup;
import org.jingchain.privacy.PgroupCalls;
import org.jingchain.privacy.PgroupDef;
import org.jingchain.privacy.PgroupKeys;
import org.jingchain.privacy.PgroupService;
import org.jingchain.privacy.PgroupService.NodeInfo;
import org.jingchain.sdk.JingClient;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;
import org.jingchain.types.PublicKey;

/**
 * Private groups from a client (docs/privacy.md): defining a group from its member nodes' keys,
 * sending a payload through a member node and building the transaction that records it with the
 * members' attestations, and reading a payload back. It signs requests with the account's key but
 * sends no transaction itself.
 */
public final class PgroupClient {
  private final CryptoSuite suite;
  private final String chainId;
  private final SecureRandom random;

  public PgroupClient(String chainId, CryptoSuite suite, SecureRandom random) {
    this.suite = suite;
    this.chainId = chainId;
    this.random = random;
  }

  /**
   * A group definition of the nodes serving at {@code endpoints}, each asked for its keys and
   * organisation, with a fresh group key wrapped for each.
   */
  public PgroupDef define(String id, int threshold, List<String> endpoints) {
    EcGroup g = EcGroup.of(suite.id(), suite);
    byte[] groupKey = new byte[32];
    random.nextBytes(groupKey);
    List<PgroupDef.Member> ms = new ArrayList<>();
    for (String url : endpoints) {
      NodeInfo n = new JingClient(url).pgroupNode();
      if (n.org().isEmpty()) {
        throw new IllegalArgumentException(url + " runs no validator of an organisation");
      }
      ECPoint e = g.decode(Bytes.fromHex(n.encKey()).unsafeArray(), "enc key");
      ms.add(
          new PgroupDef.Member(
              n.org(),
              new PublicKey(suite.id(), Bytes.fromHex(n.nodeKey())),
              url,
              Bytes.fromHex(n.encKey()),
              Bytes.wrap(PgroupKeys.wrap(g, id, e, groupKey, random))));
    }
    java.util.Arrays.fill(groupKey, (byte) 0);
    return new PgroupDef(id, threshold, ms);
  }

  /**
   * Sends {@code payload} through the member node {@code node} as {@code account}, and returns the
   * call that records it: the ciphertext's hash and size with the members' attestations.
   */
  public Call send(JingClient node, KeyPair account, String group, byte[] payload) {
    long now = System.currentTimeMillis();
    byte[] sig =
        account.sign(
            PgroupService.accountMessage("send", chainId, group, suite.hash(payload), now));
    PgroupService.SendReceipt r =
        node.pgroupSend(
            group,
            new PgroupService.SendRequest(
                Base64.getEncoder().encodeToString(payload),
                now,
                account.publicKey().bytes().toHex(),
                Bytes.wrap(sig).toHex()));
    List<PgroupCalls.Attestation> atts = new ArrayList<>();
    for (PgroupService.AttestationView a : r.attestations()) {
      atts.add(new PgroupCalls.Attestation(a.member(), Bytes.fromHex(a.signature())));
    }
    return PgroupCalls.submit(
        new PgroupCalls.Submit(group, Hash.fromHex(r.hash()), r.size(), atts));
  }

  /** Record {@code seq}'s payload, read from the member node {@code node} as {@code account}. */
  public byte[] read(JingClient node, KeyPair account, String group, long seq) {
    long now = System.currentTimeMillis();
    byte[] sig =
        account.sign(
            PgroupService.accountMessage(
                "read", chainId, group, PgroupService.readSubject(suite, seq), now));
    return Base64.getDecoder()
        .decode(
            node.pgroupRead(
                    group,
                    new PgroupService.ReadRequest(
                        seq, now, account.publicKey().bytes().toHex(), Bytes.wrap(sig).toHex()))
                .payload());
  }
}
