package org.jingchain.privacy;

import java.math.BigInteger;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.codec.DecodeException;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.privacy.CtokenState.Balance;
import org.jingchain.privacy.CtokenState.Token;
import org.jingchain.privacy.CtokenState.TransferRecord;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;

/**
 * The {@code ctoken} system contract (docs/spec/privacy.md section 5): confidential tokens whose
 * balances are twisted ElGamal ciphertexts under their owners' keys and whose transfer amounts are
 * Pedersen commitments with handles for the sender, the receiver and the token's auditor.
 * Validators check that the handles agree, that the sender's new balance is what its old one less
 * the amount leaves, and that the amount and the new balance are both in [0, 2^32) — so nothing is
 * created and nothing overdrawn — without learning either. Every refusal is checked before anything
 * is written.
 */
public final class CtokenContract implements SystemContract {
  private final EcGroup g;
  private final Pedersen ped;
  private final String chainId;

  public CtokenContract(EcGroup group, String chainId) {
    this.g = group;
    this.ped = Pedersen.of(group);
    this.chainId = chainId;
  }

  @Override
  public String name() {
    return CtokenCalls.CONTRACT;
  }

  @Override
  public List<Event> call(TxContext ctx, String method, Bytes args, WriteSet state)
      throws ExecutionFailure {
    try {
      return List.of(
          switch (method) {
            case CtokenCalls.REGISTER -> register(ctx, CtokenCalls.decodeRegister(args), state);
            case CtokenCalls.CREATE -> create(ctx, CtokenCalls.decodeCreate(args), state);
            case CtokenCalls.MINT -> mint(ctx, CtokenCalls.decodeMint(args), state);
            case CtokenCalls.TRANSFER -> transfer(ctx, CtokenCalls.decodeTransfer(args), state);
            case CtokenCalls.APPLY -> apply(ctx, CtokenCalls.decodeApply(args), state);
            default ->
                throw new ExecutionFailure("UNKNOWN_METHOD", "ctoken has no method " + method);
          });
    } catch (DecodeException e) {
      throw new ExecutionFailure("INVALID_ARGS", e.getMessage());
    }
  }

  /** [PRIV-23] An account registers its key P = s⁻¹·H once, proving it knows s. */
  private Event register(TxContext ctx, CtokenCalls.Register r, WriteSet state)
      throws ExecutionFailure {
    if (CtokenState.key(state, ctx.sender()).isPresent()) {
      throw new ExecutionFailure("ALREADY_REGISTERED", ctx.sender() + " registered a key already");
    }
    ECPoint p = g.decode(r.key().unsafeArray(), "key");
    Dleq pok = Dleq.decode(g, r.proof().unsafeArray(), "proof");
    // s·P = H
    if (!pok.verify(
        g, CtokenCalls.registerContext(chainId, ctx.sender()), p, null, ped.h(), null)) {
      throw new ExecutionFailure("BAD_PROOF", "the proof of the key does not verify");
    }
    CtokenState.putKey(state, ctx.sender(), r.key());
    return event("KeyRegistered", "account", ctx.sender().toString());
  }

  private Event create(TxContext ctx, CtokenCalls.Create c, WriteSet state)
      throws ExecutionFailure {
    if (!CtokenCalls.SYMBOL.matcher(c.symbol()).matches()) {
      throw new ExecutionFailure(
          "INVALID_ARGS", "a symbol is 1 to 16 upper-case letters and digits, from a letter");
    }
    if (c.decimals() > 18) {
      throw new ExecutionFailure("INVALID_ARGS", "decimals are 0 to 18");
    }
    if (CtokenState.key(state, c.auditor()).isEmpty()) {
      throw new ExecutionFailure(
          "NOT_REGISTERED", "the auditor " + c.auditor() + " has registered no key");
    }
    if (CtokenState.token(state, c.symbol()).isPresent()) {
      throw new ExecutionFailure("TOKEN_EXISTS", "token " + c.symbol() + " exists");
    }
    CtokenState.put(state, new Token(c.symbol(), ctx.sender(), c.decimals(), c.auditor(), 0, 0));
    return event(
        "TokenCreated",
        "symbol",
        c.symbol(),
        "issuer",
        ctx.sender().toString(),
        "auditor",
        c.auditor().toString());
  }

  private Token token(WriteSet state, String symbol) throws ExecutionFailure {
    return CtokenState.token(state, symbol)
        .orElseThrow(() -> new ExecutionFailure("NO_SUCH_TOKEN", "no token " + symbol));
  }

  private ECPoint registered(WriteSet state, Address a) throws ExecutionFailure {
    return g.decode(
        CtokenState.key(state, a)
            .orElseThrow(() -> new ExecutionFailure("NOT_REGISTERED", a + " has registered no key"))
            .unsafeArray(),
        "key");
  }

  /** [PRIV-27] The issuer mints a public amount into an account; the supply stays below 2^32. */
  private Event mint(TxContext ctx, CtokenCalls.Mint m, WriteSet state) throws ExecutionFailure {
    Token t = token(state, m.symbol());
    if (!ctx.sender().equals(t.issuer())) {
      throw new ExecutionFailure("NOT_ISSUER", "only " + t.issuer() + " mints " + t.symbol());
    }
    registered(state, m.to());
    if (m.amount() <= 0 || m.amount() > CtokenCalls.MAX_SUPPLY - t.supply()) {
      throw new ExecutionFailure(
          "SUPPLY_LIMIT",
          "a mint is positive and keeps the supply at most "
              + CtokenCalls.MAX_SUPPLY
              + " (now "
              + t.supply()
              + ")");
    }
    Balance b = CtokenState.balance(state, g, t.symbol(), m.to());
    ECPoint pc =
        g.add(
            g.decodeOrIdentity(b.pc().unsafeArray(), "pending"),
            g.base(BigInteger.valueOf(m.amount())));
    CtokenState.put(
        state,
        t.symbol(),
        m.to(),
        new Balance(b.c(), b.d(), b.version(), Bytes.wrap(g.encode(pc)), b.pd()));
    CtokenState.put(
        state,
        new Token(
            t.symbol(),
            t.issuer(),
            t.decimals(),
            t.auditor(),
            t.supply() + m.amount(),
            t.transfers()));
    return event(
        "Minted",
        "symbol",
        t.symbol(),
        "to",
        m.to().toString(),
        "amount",
        Long.toString(m.amount()));
  }

  /**
   * [PRIV-26] A confidential transfer. Checks, in order: the token, both accounts' keys, the
   * sender's balance version, that the amount's commitment was never used, the decodings; then the
   * handles' validity proof, the new balance's equality proof, and the range proof.
   */
  private Event transfer(TxContext ctx, CtokenCalls.Transfer x, WriteSet state)
      throws ExecutionFailure {
    Token t = token(state, x.symbol());
    if (x.to().equals(ctx.sender())) {
      throw new ExecutionFailure("INVALID_ARGS", "a transfer goes to another account");
    }
    ECPoint ps = registered(state, ctx.sender());
    ECPoint pr = registered(state, x.to());
    ECPoint pa = registered(state, t.auditor());
    Balance from = CtokenState.balance(state, g, t.symbol(), ctx.sender());
    if (from.version() != x.version()) {
      throw new ExecutionFailure(
          "STALE_BALANCE",
          "the proofs are about version "
              + x.version()
              + " of the sender's balance; it is at "
              + from.version());
    }
    if (CtokenState.used(state, x.amount())) {
      throw new ExecutionFailure(
          "COMMITMENT_REUSED", "the amount's commitment was used by an earlier transfer");
    }
    ECPoint ca = g.decode(x.amount().unsafeArray(), "amount");
    ECPoint ds = g.decode(x.senderHandle().unsafeArray(), "sender handle");
    ECPoint dr = g.decode(x.receiverHandle().unsafeArray(), "receiver handle");
    ECPoint da = g.decode(x.auditorHandle().unsafeArray(), "auditor handle");
    ECPoint cb = g.decode(x.newBalance().unsafeArray(), "new balance");
    ValidityProof validity = ValidityProof.decode(g, x.validity().unsafeArray(), "validity proof");
    EqualityProof equality = EqualityProof.decode(g, x.equality().unsafeArray(), "equality proof");
    RangeProof range = RangeProof.decode(g, x.range().unsafeArray(), "range proof");
    byte[] context =
        CtokenCalls.transferContext(chainId, t.symbol(), ctx.sender(), x.to(), x.version());
    if (!validity.verify(ped, context, ca, List.of(ps, pr, pa), List.of(ds, dr, da))) {
      throw new ExecutionFailure(
          "BAD_HANDLES",
          "the amount's handles for the sender, the receiver and the auditor do not open to one"
              + " amount");
    }
    ECPoint newC = g.sub(g.decodeOrIdentity(from.c().unsafeArray(), "balance"), ca);
    ECPoint newD = g.sub(g.decodeOrIdentity(from.d().unsafeArray(), "balance"), ds);
    if (!equality.verify(ped, context, ps, newC, newD, cb)) {
      throw new ExecutionFailure(
          "BAD_BALANCE_PROOF",
          "the new balance's commitment is not the balance less the amount under the sender's"
              + " key");
    }
    if (!range.verify(ped, context, List.of(ca, cb), CtokenCalls.BITS)) {
      throw new ExecutionFailure(
          "OUT_OF_RANGE",
          "the range proof does not show the amount and the new balance in [0, 2^32): an"
              + " overdraw, a negative amount, or a forged proof");
    }
    Balance to = CtokenState.balance(state, g, t.symbol(), x.to());
    CtokenState.put(
        state,
        t.symbol(),
        ctx.sender(),
        new Balance(
            Bytes.wrap(g.encode(newC)),
            Bytes.wrap(g.encode(newD)),
            from.version() + 1,
            from.pc(),
            from.pd()));
    CtokenState.put(
        state,
        t.symbol(),
        x.to(),
        new Balance(
            to.c(),
            to.d(),
            to.version(),
            Bytes.wrap(g.encode(g.add(g.decodeOrIdentity(to.pc().unsafeArray(), "pending"), ca))),
            Bytes.wrap(g.encode(g.add(g.decodeOrIdentity(to.pd().unsafeArray(), "pending"), dr)))));
    CtokenState.markUsed(state, x.amount());
    long seq = t.transfers();
    CtokenState.put(
        state,
        t.symbol(),
        new TransferRecord(
            seq, ctx.sender(), x.to(), x.amount(), x.auditorHandle(), ctx.block().height()));
    CtokenState.put(
        state, new Token(t.symbol(), t.issuer(), t.decimals(), t.auditor(), t.supply(), seq + 1));
    return event(
        "ConfidentialTransfer",
        "symbol",
        t.symbol(),
        "from",
        ctx.sender().toString(),
        "to",
        x.to().toString(),
        "seq",
        Long.toString(seq));
  }

  /**
   * [PRIV-26] The owner adds its pending balance (mints and incoming transfers) to its available
   * balance; its version moves on. Only the owner's own calls change that version, so nobody can
   * make its transfer proofs stale.
   */
  private Event apply(TxContext ctx, String symbol, WriteSet state) throws ExecutionFailure {
    Token t = token(state, symbol);
    registered(state, ctx.sender());
    Balance b = CtokenState.balance(state, g, t.symbol(), ctx.sender());
    if (b.nothingPending()) {
      throw new ExecutionFailure("NOTHING_PENDING", ctx.sender() + " has nothing pending");
    }
    Bytes o = Bytes.wrap(g.encode(g.identity()));
    ECPoint c =
        g.add(
            g.decodeOrIdentity(b.c().unsafeArray(), "balance"),
            g.decodeOrIdentity(b.pc().unsafeArray(), "pending"));
    ECPoint d =
        g.add(
            g.decodeOrIdentity(b.d().unsafeArray(), "balance"),
            g.decodeOrIdentity(b.pd().unsafeArray(), "pending"));
    CtokenState.put(
        state,
        t.symbol(),
        ctx.sender(),
        new Balance(Bytes.wrap(g.encode(c)), Bytes.wrap(g.encode(d)), b.version() + 1, o, o));
    return event("PendingApplied", "symbol", t.symbol(), "account", ctx.sender().toString());
  }

  static Event event(String type, String... kv) {
    return Events.of(CtokenCalls.CONTRACT, type, kv);
  }
}
