package org.jingchain.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import org.jingchain.consensus.Signer;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.KeyPair;
import org.jingchain.p2p.NodeCertificate;
import org.jingchain.types.Bytes;

/**
 * The key a node's p2p handshake runs on (docs/spec/p2p.md [P2P-15]): the validator key itself when
 * it is in memory; otherwise a fresh in-memory key made at each start, which the validator key in
 * its token certifies.
 *
 * @param certificate null when the handshake runs on the validator key itself
 */
record TransportIdentity(KeyPair key, NodeCertificate certificate) {
  private static final System.Logger LOG = System.getLogger(TransportIdentity.class.getName());

  /**
   * @param inMemory the validator key when it is in memory, else null
   */
  static TransportIdentity of(
      Signer validator,
      KeyPair inMemory,
      CryptoSuite suite,
      String chainId,
      Path dataDir,
      Clock clock)
      throws IOException {
    if (inMemory != null) {
      return new TransportIdentity(inMemory, null);
    }
    KeyPair link = suite.generateKeyPair(new SecureRandom());
    long issued = certificateTime(dataDir, clock);
    byte[] signed = validator.sign(NodeCertificate.signingBytes(chainId, link.publicKey(), issued));
    LOG.log(
        System.Logger.Level.INFO,
        "p2p runs on transport key {0}, certified by the validator key in its token",
        link.publicKey());
    return new TransportIdentity(
        link, new NodeCertificate(validator.publicKey(), issued, Bytes.wrap(signed)));
  }

  /**
   * The issue time of this start's node certificate: the clock, but always after the last one
   * issued from this data directory (kept in {@code p2p-certificate-issued}), because peers refuse
   * a certificate older than one they have seen.
   */
  private static long certificateTime(Path dataDir, Clock clock) throws IOException {
    Path file = dataDir.resolve("p2p-certificate-issued");
    long last = 0;
    if (Files.exists(file)) {
      try {
        last = Long.parseLong(Files.readString(file).strip());
      } catch (NumberFormatException e) {
        throw new NodeConfig.ConfigException(file + " does not hold a number: " + e.getMessage());
      }
    }
    long issued = Math.max(clock.millis(), last + 1);
    Path tmp = dataDir.resolve("p2p-certificate-issued.tmp");
    Files.writeString(tmp, Long.toString(issued));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return issued;
  }
}
