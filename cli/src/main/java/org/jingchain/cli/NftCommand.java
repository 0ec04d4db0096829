package org.jingchain.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jingchain.asset.AssetCalls;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.sdk.model.Nft;
import org.jingchain.types.Bytes;
import org.jingchain.types.SuiteId;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jing nft mint|transfer|owner}. */
@Command(
    name = "nft",
    description = "Digital collectibles: mint with a metadata digest, transfer, look up the owner.",
    subcommands = {NftCommand.Mint.class, NftCommand.Transfer.class, NftCommand.Owner.class})
final class NftCommand {
  private NftCommand() {}

  /** The metadata digest: given as hex, or computed from a file with the chain's hash. */
  static final class Digest {
    @Option(names = "--digest", description = "Metadata digest, hex (up to 64 bytes).")
    String hex;

    @Option(
        names = "--metadata",
        description = "Metadata file; its digest (SHA-256 or SM3, by the key's suite) is recorded.")
    Path file;
  }

  /** {@code jing nft mint}. */
  @Command(name = "mint", description = "Mint a collectible to the key's account.")
  static final class Mint implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(
        names = "--id",
        required = true,
        description = "Collectible id: letters, digits, . _ : - (1..64).")
    String id;

    @ArgGroup(multiplicity = "1")
    Digest digest;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Bytes d;
      if (digest.hex != null) {
        try {
          d = Bytes.fromHex(digest.hex);
        } catch (IllegalArgumentException e) {
          throw new CliException("--digest must be hex");
        }
      } else {
        SuiteId suite = Keys.publicKey(tx.key).suite();
        try {
          d =
              Bytes.wrap(
                  CryptoSuites.of(suite).hash(Files.readAllBytes(digest.file)).toByteArray());
        } catch (IOException e) {
          throw new CliException("cannot digest " + digest.file + ": " + e.getMessage());
        }
      }
      return tx.send(AssetCalls.nftMint(id, d), spec.commandLine().getOut());
    }
  }

  /** {@code jing nft transfer}. */
  @Command(name = "transfer", description = "Give a collectible you own to another account.")
  static final class Transfer implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--id", required = true, description = "Collectible id.")
    String id;

    @Option(names = "--to", required = true, description = "Recipient address.")
    String to;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return tx.send(
          AssetCalls.nftTransfer(id, AssetCommand.address(to)), spec.commandLine().getOut());
    }
  }

  /** {@code jing nft owner}. */
  @Command(name = "owner", description = "Show a collectible's owner, creator and metadata digest.")
  static final class Owner implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(names = "--id", required = true, description = "Collectible id.")
    String id;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Nft n = api.client().nft(id);
      api.print(
          spec.commandLine().getOut(),
          n,
          String.format(
              "collectible %s%nowner       %s%ncreator     %s%ndigest      %s",
              n.id(), n.owner(), n.creator(), n.digest()));
      return 0;
    }
  }
}
