package org.jingchain.asset;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;
import org.jingchain.types.SuiteId;

/**
 * Fungible tokens (create with the sender as issuer, mint by the issuer only, transfer) and
 * non-fungible collectibles (mint with a metadata digest, transfer by the owner). State lives under
 * {@code asset/}: {@code asset/token/<SYMBOL>}, {@code asset/balance/<address>/<SYMBOL>}, {@code
 * asset/nft/<id>}.
 */
public final class AssetContract implements SystemContract {
  private final SuiteId suite;

  /** Token metadata as stored. */
  public record TokenInfo(String symbol, Address issuer, String name, int decimals, long supply) {}

  /** Collectible as stored. */
  public record NftInfo(String id, Address owner, Address creator, Bytes digest) {}

  public AssetContract(SuiteId suite) {
    this.suite = suite;
  }

  @Override
  public String name() {
    return AssetCalls.CONTRACT;
  }

  @Override
  public List<Event> call(TxContext ctx, String method, Bytes args, WriteSet state)
      throws ExecutionFailure {
    try {
      AssetEvent event =
          switch (method) {
            case AssetCalls.CREATE -> create(ctx, AssetCalls.decodeCreate(args), state);
            case AssetCalls.MINT -> mint(ctx, AssetCalls.decodeMint(args), state);
            case AssetCalls.TRANSFER -> transfer(ctx, AssetCalls.decodeTransfer(args), state);
            case AssetCalls.NFT_MINT -> nftMint(ctx, AssetCalls.decodeNftMint(args), state);
            case AssetCalls.NFT_TRANSFER ->
                nftTransfer(ctx, AssetCalls.decodeNftTransfer(args), state);
            default ->
                throw new ExecutionFailure("UNKNOWN_METHOD", "asset has no method " + method);
          };
      return List.of(event.toEvent());
    } catch (DecodeException e) {
      throw new ExecutionFailure("INVALID_ARGS", e.getMessage());
    }
  }

  private AssetEvent create(TxContext ctx, AssetCalls.Create c, WriteSet state)
      throws ExecutionFailure {
    requireSymbol(c.symbol());
    if (c.name().isBlank()) {
      throw new ExecutionFailure("INVALID_ARGS", "token name must not be blank");
    }
    if (c.decimals() > AssetCalls.MAX_DECIMALS) {
      throw new ExecutionFailure("INVALID_ARGS", "decimals must be 0.." + AssetCalls.MAX_DECIMALS);
    }
    if (token(state, c.symbol()).isPresent()) {
      throw new ExecutionFailure("TOKEN_EXISTS", "token " + c.symbol() + " already exists");
    }
    putToken(state, new TokenInfo(c.symbol(), ctx.sender(), c.name(), c.decimals(), 0));
    return new AssetEvent.TokenCreated(c.symbol(), ctx.sender().toString(), c.name(), c.decimals());
  }

  private AssetEvent mint(TxContext ctx, AssetCalls.Mint m, WriteSet state)
      throws ExecutionFailure {
    TokenInfo t = requireToken(state, m.symbol());
    if (!t.issuer().equals(ctx.sender())) {
      throw new ExecutionFailure(
          "UNAUTHORIZED", "only the issuer " + t.issuer() + " may mint " + m.symbol());
    }
    requireAmount(m.amount());
    requireRecipient(m.to());
    long supply = addOrFail(t.supply(), m.amount(), "total supply");
    long balance = addOrFail(balance(state, m.to(), m.symbol()), m.amount(), "balance");
    putToken(state, new TokenInfo(t.symbol(), t.issuer(), t.name(), t.decimals(), supply));
    putBalance(state, m.to(), m.symbol(), balance);
    return new AssetEvent.Minted(m.symbol(), m.to().toString(), m.amount());
  }

  private AssetEvent transfer(TxContext ctx, AssetCalls.Transfer t, WriteSet state)
      throws ExecutionFailure {
    requireToken(state, t.symbol());
    requireAmount(t.amount());
    requireRecipient(t.to());
    long from = balance(state, ctx.sender(), t.symbol());
    if (from < t.amount()) {
      throw new ExecutionFailure(
          "INSUFFICIENT_BALANCE",
          "balance " + from + " " + t.symbol() + " is less than " + t.amount());
    }
    putBalance(state, ctx.sender(), t.symbol(), from - t.amount());
    long to = addOrFail(balance(state, t.to(), t.symbol()), t.amount(), "balance");
    putBalance(state, t.to(), t.symbol(), to);
    return new AssetEvent.Transferred(
        t.symbol(), ctx.sender().toString(), t.to().toString(), t.amount());
  }

  private AssetEvent nftMint(TxContext ctx, AssetCalls.NftMint m, WriteSet state)
      throws ExecutionFailure {
    if (!AssetCalls.NFT_ID.matcher(m.id()).matches()) {
      throw new ExecutionFailure("INVALID_ARGS", "collectible id must match " + AssetCalls.NFT_ID);
    }
    if (m.digest().length() == 0) {
      throw new ExecutionFailure("INVALID_ARGS", "metadata digest must not be empty");
    }
    if (nft(state, m.id()).isPresent()) {
      throw new ExecutionFailure("NFT_EXISTS", "collectible " + m.id() + " already exists");
    }
    putNft(state, new NftInfo(m.id(), ctx.sender(), ctx.sender(), m.digest()));
    return new AssetEvent.NftMinted(m.id(), ctx.sender().toString(), m.digest().toHex());
  }

  private AssetEvent nftTransfer(TxContext ctx, AssetCalls.NftTransfer t, WriteSet state)
      throws ExecutionFailure {
    NftInfo n =
        nft(state, t.id())
            .orElseThrow(() -> new ExecutionFailure("UNKNOWN_NFT", "no collectible " + t.id()));
    if (!n.owner().equals(ctx.sender())) {
      throw new ExecutionFailure(
          "UNAUTHORIZED", "only the owner " + n.owner() + " may transfer " + t.id());
    }
    requireRecipient(t.to());
    putNft(state, new NftInfo(n.id(), t.to(), n.creator(), n.digest()));
    return new AssetEvent.NftTransferred(t.id(), ctx.sender().toString(), t.to().toString());
  }

  // ---- moves on behalf of another platform service (cross-chain escrow, docs/spec/xchain.md)

  /**
   * Moves {@code amount} of {@code symbol} from {@code from} to {@code to} within {@code state} —
   * the writes of a transaction of another platform service, which has checked that {@code from}
   * authorised it (the sender itself, or an escrow account the service owns). The asset rules hold:
   * a known token, a positive amount, no overdraft, no overflow.
   *
   * @throws ExecutionFailure {@code UNKNOWN_TOKEN}, {@code INVALID_ARGS}, {@code
   *     INSUFFICIENT_BALANCE}, {@code OVERFLOW}; {@code state} is then unchanged
   */
  public static void moveTokens(
      WriteSet state, String symbol, Address from, Address to, long amount)
      throws ExecutionFailure {
    requireToken(state, symbol);
    requireAmount(amount);
    long fromBalance = balance(state, from, symbol);
    if (fromBalance < amount) {
      throw new ExecutionFailure(
          "INSUFFICIENT_BALANCE",
          "balance " + fromBalance + " " + symbol + " of " + from + " is less than " + amount);
    }
    long toBalance = addOrFail(balance(state, to, symbol), amount, "balance");
    putBalance(state, from, symbol, fromBalance - amount);
    putBalance(state, to, symbol, toBalance);
  }

  /**
   * Gives collectible {@code id}, owned by {@code from}, to {@code to}, as {@link #moveTokens} does
   * for tokens.
   *
   * @throws ExecutionFailure {@code UNKNOWN_NFT}, or {@code UNAUTHORIZED} when {@code from} does
   *     not own it
   */
  public static void moveNft(WriteSet state, String id, Address from, Address to)
      throws ExecutionFailure {
    NftInfo n =
        nft(state, id)
            .orElseThrow(() -> new ExecutionFailure("UNKNOWN_NFT", "no collectible " + id));
    if (!n.owner().equals(from)) {
      throw new ExecutionFailure(
          "UNAUTHORIZED", id + " is owned by " + n.owner() + ", not " + from);
    }
    putNft(state, new NftInfo(n.id(), to, n.creator(), n.digest()));
  }

  // ---- validation

  private static void requireSymbol(String symbol) throws ExecutionFailure {
    if (!AssetCalls.SYMBOL.matcher(symbol).matches()) {
      throw new ExecutionFailure("INVALID_ARGS", "symbol must match " + AssetCalls.SYMBOL);
    }
  }

  private static TokenInfo requireToken(StateReader state, String symbol) throws ExecutionFailure {
    return token(state, symbol)
        .orElseThrow(() -> new ExecutionFailure("UNKNOWN_TOKEN", "no token " + symbol));
  }

  private static void requireAmount(long amount) throws ExecutionFailure {
    if (amount <= 0) {
      throw new ExecutionFailure("INVALID_ARGS", "amount must be positive");
    }
  }

  private void requireRecipient(Address to) throws ExecutionFailure {
    if (to.suite() != suite) {
      throw new ExecutionFailure(
          "INVALID_ARGS",
          "recipient " + to + " is not a " + suite + " address; it could never spend");
    }
  }

  private static long addOrFail(long a, long b, String what) throws ExecutionFailure {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new ExecutionFailure("OVERFLOW", what + " would exceed 2^63-1");
    }
  }

  // ---- state layout

  public static String tokenKey(String symbol) {
    return "asset/token/" + symbol;
  }

  public static String balancePrefix(Address owner) {
    return "asset/balance/" + owner + "/";
  }

  public static String balanceKey(Address owner, String symbol) {
    return balancePrefix(owner) + symbol;
  }

  public static String nftKey(String id) {
    return "asset/nft/" + id;
  }

  public static Optional<TokenInfo> token(StateReader state, String symbol) {
    return state.get(WriteSet.key(tokenKey(symbol))).map(b -> decodeToken(symbol, b));
  }

  public static long balance(StateReader state, Address owner, String symbol) {
    return state
        .get(WriteSet.key(balanceKey(owner, symbol)))
        .map(b -> ByteBuffer.wrap(b.unsafeArray()).getLong())
        .orElse(0L);
  }

  public static Optional<NftInfo> nft(StateReader state, String id) {
    return state.get(WriteSet.key(nftKey(id))).map(b -> decodeNft(id, b));
  }

  private static void putToken(WriteSet state, TokenInfo t) {
    byte[] v =
        new Encoder()
            .address(t.issuer())
            .string(t.name())
            .u8(t.decimals())
            .u64(t.supply())
            .toByteArray();
    state.put(tokenKey(t.symbol()), Bytes.wrap(v));
  }

  public static TokenInfo decodeToken(String symbol, Bytes b) {
    Decoder d = new Decoder(b.unsafeArray());
    TokenInfo t =
        new TokenInfo(
            symbol, d.address("issuer"), d.string("name", 64), d.u8("decimals"), d.u64("supply"));
    d.finish("token");
    return t;
  }

  private static void putBalance(WriteSet state, Address owner, String symbol, long amount) {
    state.put(
        balanceKey(owner, symbol), Bytes.wrap(ByteBuffer.allocate(8).putLong(amount).array()));
  }

  private static void putNft(WriteSet state, NftInfo n) {
    byte[] v =
        new Encoder().address(n.owner()).address(n.creator()).bytes(n.digest()).toByteArray();
    state.put(nftKey(n.id()), Bytes.wrap(v));
  }

  public static NftInfo decodeNft(String id, Bytes b) {
    Decoder d = new Decoder(b.unsafeArray());
    NftInfo n =
        new NftInfo(id, d.address("owner"), d.address("creator"), d.bytesValue("digest", 64));
    d.finish("nft");
    return n;
  }
}
