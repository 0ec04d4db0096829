package org.jingchain.xchain;

import static org.jingchain.xchain.Clients.event;
import static org.jingchain.xchain.Clients.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jingchain.codec.Encoder;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.gov.Gov;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;

/**
 * A hub's member registry (docs/spec/xchain.md section 6): members are registered by the hub's
 * governance [XC-40]; routed transfers look their next hop up here [XC-42].
 */
final class Hub {
  private final HashFunction hostHash;

  Hub(HashFunction hostHash) {
    this.hostHash = hostHash;
  }

  /** [XC-40] Records a member once governance approved exactly this registration. */
  List<Event> register(TxContext ctx, XchainCalls.RegisterMember a, WriteSet w)
      throws ExecutionFailure {
    ClientState c = Clients.usable(w, a.client(), ctx.block().timestampMillis());
    if (!c.counterpartyChainId().equals(a.chainId())) {
      throw fail(
          "XC_WRONG_COUNTERPARTY",
          a.client() + " follows " + c.counterpartyChainId() + ", not " + a.chainId());
    }
    if (c.counterpartyClient().isEmpty()) {
      throw fail(
          "XC_NOT_REGISTERED",
          a.client() + " has no registered counterparty: register the path first");
    }
    for (String o : a.operators()) {
      if (o.isBlank()) {
        throw fail("XC_MALFORMED", "an operator's name is blank");
      }
    }
    if (XchainKeys.member(w, a.chainId()).isPresent()) {
      throw fail("XC_ALREADY_REGISTERED", a.chainId() + " is a member already");
    }
    Member m = new Member(a.chainId(), c.suite(), a.genesisHash(), a.client(), a.operators());
    Hash digest = digest(hostHash, m);
    if (Gov.approved(w, digest).isEmpty()) {
      throw fail(
          "XC_NOT_APPROVED",
          "governance has not approved this member: propose approve --purpose xchain-member"
              + " --digest "
              + digest.toHex());
    }
    String used = XchainKeys.usedApproval(digest.toHex());
    if (w.get(used).isPresent()) {
      throw fail("XC_APPROVAL_USED", "the approval of digest " + digest.toHex() + " was used");
    }
    w.put(used, Bytes.wrap(new byte[] {1}));
    w.put(XchainKeys.member(a.chainId()), Bytes.wrap(m.encode()));
    return List.of(
        event(
            "MemberRegistered",
            "chain",
            a.chainId(),
            "client",
            a.client(),
            "suite",
            c.suite().label(),
            "genesisHash",
            a.genesisHash().toHex()));
  }

  /** {@code H("jing-xchain-member-1" || Member without its version byte)} [XC-40]. */
  static Hash digest(HashFunction hash, Member m) {
    return hash.hash(
        new Encoder(160)
            .raw("jing-xchain-member-1".getBytes(StandardCharsets.UTF_8))
            .raw(m.body())
            .toByteArray());
  }
}
