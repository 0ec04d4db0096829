package org.jingchain.asset;

import java.util.regex.Pattern;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;

/**
 * The asset contract's methods and their canonical argument encodings; clients build calls here and
 * the contract decodes them here, so both sides share one definition.
 */
public final class AssetCalls {
  public static final String CONTRACT = "asset";
  public static final String CREATE = "create";
  public static final String MINT = "mint";
  public static final String TRANSFER = "transfer";
  public static final String NFT_MINT = "nft_mint";
  public static final String NFT_TRANSFER = "nft_transfer";

  /** Token symbols: an upper-case letter then up to 15 upper-case letters or digits. */
  public static final Pattern SYMBOL = Pattern.compile("[A-Z][A-Z0-9]{0,15}");

  /** Collectible ids: 1..64 of letters, digits and {@code . _ : -}. */
  public static final Pattern NFT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  public static final int MAX_TOKEN_NAME_BYTES = 64;
  public static final int MAX_DIGEST_BYTES = 64;
  public static final int MAX_DECIMALS = 18;

  /** create(symbol, name, decimals). */
  public record Create(String symbol, String name, int decimals) {}

  /** mint(symbol, to, amount). */
  public record Mint(String symbol, Address to, long amount) {}

  /** transfer(symbol, to, amount). */
  public record Transfer(String symbol, Address to, long amount) {}

  /** nft_mint(id, metadata digest). */
  public record NftMint(String id, Bytes digest) {}

  /** nft_transfer(id, to). */
  public record NftTransfer(String id, Address to) {}

  private AssetCalls() {}

  public static Call create(String symbol, String name, int decimals) {
    return call(CREATE, new Encoder().string(symbol).string(name).u8(decimals));
  }

  public static Call mint(String symbol, Address to, long amount) {
    return call(MINT, new Encoder().string(symbol).address(to).u64(amount));
  }

  public static Call transfer(String symbol, Address to, long amount) {
    return call(TRANSFER, new Encoder().string(symbol).address(to).u64(amount));
  }

  public static Call nftMint(String id, Bytes digest) {
    return call(NFT_MINT, new Encoder().string(id).bytes(digest));
  }

  public static Call nftTransfer(String id, Address to) {
    return call(NFT_TRANSFER, new Encoder().string(id).address(to));
  }

  private static Call call(String method, Encoder args) {
    return new Call(CONTRACT, method, Bytes.wrap(args.toByteArray()));
  }

  static Create decodeCreate(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    Create c =
        new Create(
            d.string("symbol", 16), d.string("name", MAX_TOKEN_NAME_BYTES), d.u8("decimals"));
    d.finish("create args");
    return c;
  }

  static Mint decodeMint(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    Mint m = new Mint(d.string("symbol", 16), d.address("to"), d.u64("amount"));
    d.finish("mint args");
    return m;
  }

  static Transfer decodeTransfer(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    Transfer t = new Transfer(d.string("symbol", 16), d.address("to"), d.u64("amount"));
    d.finish("transfer args");
    return t;
  }

  static NftMint decodeNftMint(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    NftMint m = new NftMint(d.string("id", 64), d.bytesValue("digest", MAX_DIGEST_BYTES));
    d.finish("nft_mint args");
    return m;
  }

  static NftTransfer decodeNftTransfer(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    NftTransfer t = new NftTransfer(d.string("id", 64), d.address("to"));
    d.finish("nft_transfer args");
    return t;
  }
}
