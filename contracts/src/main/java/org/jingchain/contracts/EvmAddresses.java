package org.jingchain.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jingchain.evm.Address;
import org.jingchain.types.SuiteId;

/**
 * How Jingchain accounts appear to the EVM [EVM-ADDR-1]: the EVM address of account {@code ji<40
 * hex>} (or {@code js<40 hex>}) is {@code 0x<the same 40 hex>}, the 20 bytes of the account's
 * public-key hash. The chain's EVM chain id is derived from its chain id [EVM-ADDR-2].
 */
public final class EvmAddresses {
  private EvmAddresses() {}

  public static Address of(org.jingchain.types.Address a) {
    return Address.of(a.body().toByteArray());
  }

  /** The Jingchain account an EVM address names on a chain of {@code suite}. */
  public static org.jingchain.types.Address toAccount(Address a, SuiteId suite) {
    return new org.jingchain.types.Address(suite, org.jingchain.types.Bytes.wrap(a.toBytes()));
  }

  /**
   * The EVM chain id (CHAINID, EIP-155) of the chain named {@code chainId}: the first six bytes of
   * SHA-256("jingchain/evm-chain-id/" + chainId), read big-endian, plus one — below 2^48, so it is
   * exact in JavaScript numbers, and never zero.
   */
  public static long chainId(String chainId) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(("jingchain/evm-chain-id/" + chainId).getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 6; i++) {
        v = (v << 8) | (h[i] & 0xFF);
      }
      return v + 1;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
