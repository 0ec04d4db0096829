package org.jingchain.sdk.ctoken;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.KeyPair;
import org.jingchain.privacy.CtokenService.TransferPage;
import org.jingchain.privacy.CtokenService.TransferView;
import org.jingchain.privacy.CtokenWallet;
import org.jingchain.privacy.EcGroup;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;

/**
 * Confidential tokens from a client (docs/privacy.md): an account's key registration, its balance
 * opened with its key, transfers built with their proofs against the balance on chain, and an
 * auditor's view of every amount. It signs nothing itself: send the calls with the key they were
 * built for. Secrets are derived from the account key, so nothing is kept between runs.
 */
public final class CtokenClient {
  private final JingClient client;
  private final String chainId;
  private final EcGroup group;
  private final SecureRandom random;

  public CtokenClient(JingClient client, String chainId, CryptoSuite suite, SecureRandom random) {
    this.client = client;
    this.chainId = chainId;
    this.group = EcGroup.of(suite.id(), suite);
    this.random = random;
  }

  public CtokenWallet wallet(KeyPair key) {
    return new CtokenWallet(group, chainId, key, random);
  }

  /** True when {@code a} has registered its key. */
  public boolean registered(Address a) {
    try {
      client.ctokenKey(a);
      return true;
    } catch (JingApiException e) {
      if (e.httpStatus() == 404) {
        return false;
      }
      throw e;
    }
  }

  private ECPoint key(Address a) {
    return group.decode(Bytes.fromHex(client.ctokenKey(a).key()).unsafeArray(), "key");
  }

  /** The account's available balance of {@code symbol}, opened with its key. */
  public long balance(KeyPair key, String symbol) {
    return wallet(key).balance(client.ctokenBalance(symbol, key.address()).toBalance());
  }

  /** The account's pending balance (mints and incoming transfers not yet applied), opened. */
  public long pending(KeyPair key, String symbol) {
    return wallet(key).pending(client.ctokenBalance(symbol, key.address()).toBalance());
  }

  /** The call that applies the account's pending balance, when anything is pending. */
  public java.util.Optional<Call> applyIfPending(KeyPair key, String symbol) {
    return client.ctokenBalance(symbol, key.address()).toBalance().nothingPending()
        ? java.util.Optional.empty()
        : java.util.Optional.of(org.jingchain.privacy.CtokenCalls.apply(symbol));
  }

  /**
   * A transfer of {@code amount} to {@code to}, proved against the sender's balance as the node has
   * it now; refused by the chain as {@code STALE_BALANCE} if that balance moves first (build it
   * again then).
   */
  public Call transfer(KeyPair from, String symbol, Address to, long amount) {
    Address auditor = Address.parse(client.ctokenToken(symbol).auditor());
    return wallet(from)
        .transfer(
            symbol,
            to,
            amount,
            client.ctokenBalance(symbol, from.address()).toBalance(),
            key(to),
            key(auditor));
  }

  /** A transfer as its token's auditor opens it; {@code amount} is empty if it does not open. */
  public record Opened(long seq, String from, String to, OptionalLong amount, long height) {}

  /** Every transfer of {@code symbol} from number {@code from}, opened with the auditor's key. */
  public List<Opened> audit(KeyPair auditor, String symbol, long from, int limit) {
    CtokenWallet w = wallet(auditor);
    TransferPage page = client.ctokenTransfers(symbol, from, limit);
    List<Opened> out = new ArrayList<>();
    for (TransferView t : page.items()) {
      OptionalLong v = w.open(Bytes.fromHex(t.amount()), Bytes.fromHex(t.auditorHandle()));
      out.add(new Opened(t.seq(), t.from(), t.to(), v, t.height()));
    }
    return out;
  }
}
