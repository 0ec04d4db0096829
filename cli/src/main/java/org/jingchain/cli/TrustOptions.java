package org.jingchain.cli;

import java.nio.file.Path;
import org.jingchain.light.CommittedHeader;
import org.jingchain.light.LightClient;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import picocli.CommandLine.Option;

/**
 * {@code --genesis FILE} on a read command: trust nothing the node says. The read is pinned to the
 * newest block that a quorum of the genesis validators (following the validator changes since, each
 * proven) certified as committed, and every value is checked with its Merkle proof against that
 * block's state root; the command says what it verified against.
 */
final class TrustOptions {
  @Option(
      names = "--genesis",
      description = {
        "Verify the answer here instead of trusting the node: against the validators of this",
        "genesis file (.jing/dev/genesis.json, net/genesis.json), by their certificate of the",
        "block read and Merkle proofs against it (docs/spec/light-client.md 6.1)."
      })
  Path genesis;

  boolean given() {
    return genesis != null;
  }

  /** A block the genesis validators certified as committed, and what to say about it. */
  record Pinned(LightClient light, CommittedHeader head) {
    /** "certified by 3 of 4 validators of jing-net at height 41 (trusted: net/genesis.json)". */
    String certifiedBy(Path genesis) {
      return TrustOptions.certifiedBy(light, head, genesis);
    }
  }

  static String certifiedBy(LightClient light, CommittedHeader head, Path genesis) {
    int signers = head.proof().childQc().signatures().size();
    int validators;
    try {
      validators = light.validatorsAt(head.height()).size();
    } catch (org.jingchain.light.LightClientException e) {
      validators = light.newestEpoch().validators().size();
    }
    return "certified by "
        + signers
        + " of "
        + validators
        + " validators of "
        + head.chainId()
        + " at height "
        + head.height()
        + " (trusted: "
        + genesis
        + ")";
  }

  /**
   * A block checked from the genesis validators, and the line that says so.
   *
   * @param line "verified block N committed, certified by ...; its transaction root matches..."
   */
  record CheckedBlock(org.jingchain.sdk.VerifiedBlock verified, String line) {}

  /** Block {@code height}, its header and every transaction checked from the genesis validators. */
  CheckedBlock block(JingClient client, long height) {
    LightClient light = VcCommand.lightClient(genesis);
    org.jingchain.sdk.VerifiedBlock v;
    try {
      v = client.verifiedBlock(height, light);
    } catch (JingApiException e) {
      throw new CliException(
          "not verified against " + genesis + ": " + e.getMessage() + " (" + e.code() + ")");
    }
    return new CheckedBlock(
        v,
        "verified   block "
            + v.committed().height()
            + " committed, "
            + certifiedBy(light, v.committed(), genesis)
            + "; its transaction root matches the "
            + v.txHashes().size()
            + (v.txHashes().size() == 1 ? " transaction" : " transactions")
            + " shown, each hashed here from its contents, and the results root their receipts");
  }

  /** {@code key} at {@code pinned}'s block, proven against its state root. */
  static org.jingchain.sdk.CertifiedState read(
      JingClient client, Pinned pinned, org.jingchain.types.Bytes key) {
    try {
      return client.readStateAt(pinned.head(), key, pinned.light());
    } catch (JingApiException e) {
      throw new CliException("not verified: " + e.getMessage() + " (" + e.code() + ")");
    }
  }

  /** The newest certified block, checked from the genesis validators. */
  Pinned pin(JingClient client) {
    LightClient light = VcCommand.lightClient(genesis);
    try {
      return new Pinned(light, client.certifiedHead(light));
    } catch (JingApiException e) {
      throw new CliException(
          "not verified against " + genesis + ": " + e.getMessage() + " (" + e.code() + ")");
    }
  }
}
