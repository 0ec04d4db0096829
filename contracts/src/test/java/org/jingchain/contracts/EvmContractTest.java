package org.jingchain.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.jingchain.evm.Evm;
import org.jingchain.evm.UInt256;
import org.jingchain.execution.BlockExecutor;
import org.jingchain.execution.BlockResult;
import org.jingchain.execution.Nonces;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;
import org.jingchain.types.MerkleRoot;
import org.jingchain.types.PublicKey;
import org.jingchain.types.Receipt;
import org.jingchain.types.SuiteId;
import org.jingchain.types.Transaction;
import org.jingchain.types.TxBody;
import org.junit.jupiter.api.Test;

/**
 * The {@code evm} contract as a user meets it [EVM-TX-1..4, EVM-STATE-3]: deployments at the
 * documented address, storage under {@code evm/s/}, logs as events, and every failure a receipt
 * with its reason that changes nothing but the nonce.
 */
class EvmContractTest {
  static final HashFunction SHA256 =
      data -> {
        try {
          return Hash.wrap(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
          throw new AssertionError(e);
        }
      };
  static final String CHAIN = "test";
  static final HexFormat HEX = HexFormat.of();

  /** Runtime: store calldata word 0 in slot 0. */
  static final byte[] STORE = HEX.parseHex("5f355f5500");

  /** Runtime: emit LOG1(topic 0x11, data 0xff). */
  static final byte[] LOG = HEX.parseHex("60ff5f5360116001" + "5fa100");

  /** Runtime: loop forever. */
  static final byte[] LOOP = HEX.parseHex("5b5f56");

  final TreeMap<Bytes, Bytes> committed = new TreeMap<>();
  final BlockExecutor executor =
      new BlockExecutor(CHAIN, SuiteId.INTL, SHA256, List.of(new EvmContract(CHAIN)));
  long height = 1;

  static PublicKey key(int n) {
    byte[] k = new byte[32];
    k[0] = (byte) n;
    return new PublicKey(SuiteId.INTL, Bytes.wrap(k));
  }

  static Address addr(int n) {
    return Address.of(key(n), SHA256);
  }

  final PublicKey alice = key(1);

  static byte[] initCode(byte[] runtime) {
    return Evm.initCodeFor(runtime);
  }

  /** Runtime that reverts with Solidity's Error(reason). */
  static byte[] revertWith(String reason) {
    byte[] msg = reason.getBytes(StandardCharsets.UTF_8);
    byte[] data = new byte[4 + 32 + 32 + (msg.length + 31) / 32 * 32];
    System.arraycopy(HEX.parseHex("08c379a0"), 0, data, 0, 4);
    data[4 + 31] = 0x20;
    data[4 + 32 + 31] = (byte) msg.length;
    System.arraycopy(msg, 0, data, 4 + 64, msg.length);
    int n = data.length;
    byte[] prefix = {0x60, (byte) n, 0x60, 0x0a, 0x5f, 0x39, 0x60, (byte) n, 0x5f, (byte) 0xfd};
    byte[] out = Arrays.copyOf(prefix, prefix.length + n);
    System.arraycopy(data, 0, out, prefix.length, n);
    return out;
  }

  Transaction tx(PublicKey sender, long nonce, Call call) {
    return new Transaction(
        new TxBody(CHAIN, sender, nonce, 10_000, call), Bytes.wrap(new byte[64]));
  }

  List<Receipt> run(Transaction... txs) {
    List<Hash> ids = new ArrayList<>();
    for (Transaction t : txs) {
      ids.add(t.hash(SHA256));
    }
    BlockHeader h =
        new BlockHeader(
            CHAIN,
            height,
            height++,
            Hash.ZERO,
            1_000,
            addr(9),
            MerkleRoot.of(ids, SHA256),
            txs.length,
            Hash.ZERO,
            Hash.ZERO);
    BlockResult r =
        executor.execute(new Block(h, List.of(txs)), k -> Optional.ofNullable(committed.get(k)));
    r.changes()
        .forEach(
            (k, v) -> v.ifPresentOrElse(val -> committed.put(k, val), () -> committed.remove(k)));
    return r.receipts();
  }

  org.jingchain.evm.Address deployed(Receipt r) {
    assertThat(r.succeeded()).as(r.code() + " " + r.message()).isTrue();
    String a = r.events().getLast().attribute("address").orElseThrow();
    return org.jingchain.evm.Address.fromHex(a);
  }

  UInt256 slot(org.jingchain.evm.Address a, long slot) {
    return EvmStore.storage(k -> Optional.ofNullable(committed.get(k)), a, UInt256.of(slot));
  }

  long nonce() {
    return Nonces.next(k -> Optional.ofNullable(committed.get(k)), addr(1));
  }

  @Test
  void aDeployedContractLivesAtTheDocumentedAddressAndKeepsItsStorageInState() {
    Receipt d = run(tx(alice, 0, EvmCalls.deploy(initCode(STORE), 200_000))).getFirst();
    org.jingchain.evm.Address c = deployed(d);
    assertThat(c).isEqualTo(Evm.createAddress(EvmAddresses.of(addr(1)), 0));
    assertThat(d.events().getLast().type()).isEqualTo("deployed");
    assertThat(d.events().getLast().attribute("gasUsed")).isPresent();
    Receipt call =
        run(tx(alice, 1, EvmCalls.call(c, UInt256.of(42).toBytes(), 100_000))).getFirst();
    assertThat(call.succeeded()).isTrue();
    assertThat(slot(c, 0)).isEqualTo(UInt256.of(42));
    assertThat(committed)
        .containsKey(
            Bytes.wrap(EvmStore.slotKey(c, UInt256.ZERO).getBytes(StandardCharsets.UTF_8)));
    // Writing zero deletes the slot's key: absent means zero.
    run(tx(alice, 2, EvmCalls.call(c, UInt256.ZERO.toBytes(), 100_000)));
    assertThat(committed)
        .doesNotContainKey(
            Bytes.wrap(EvmStore.slotKey(c, UInt256.ZERO).getBytes(StandardCharsets.UTF_8)));
    // A second deployment from the same sender gets the next nonce's address.
    org.jingchain.evm.Address c2 =
        deployed(run(tx(alice, 3, EvmCalls.deploy(initCode(STORE), 200_000))).getFirst());
    assertThat(c2).isEqualTo(Evm.createAddress(EvmAddresses.of(addr(1)), 3));
  }

  @Test
  void aRevertIsAFailedReceiptWithTheDecodedReasonThatChangesOnlyTheNonce() {
    org.jingchain.evm.Address c =
        deployed(
            run(tx(alice, 0, EvmCalls.deploy(initCode(revertWith("not allowed")), 300_000)))
                .getFirst());
    TreeMap<Bytes, Bytes> before = new TreeMap<>(committed);
    Receipt r = run(tx(alice, 1, EvmCalls.call(c, new byte[0], 100_000))).getFirst();
    assertThat(r.code()).isEqualTo("EVM_REVERT");
    assertThat(r.message()).startsWith("reverted: not allowed (gas used ");
    assertThat(r.events()).isEmpty();
    before.put(Nonces.key(addr(1)), committed.get(Nonces.key(addr(1))));
    assertThat(committed).isEqualTo(before);
    assertThat(nonce()).isEqualTo(2);
  }

  @Test
  void haltsAreFailedReceiptsNamingTheHalt() {
    org.jingchain.evm.Address loop =
        deployed(run(tx(alice, 0, EvmCalls.deploy(initCode(LOOP), 200_000))).getFirst());
    org.jingchain.evm.Address invalid =
        deployed(
            run(tx(alice, 1, EvmCalls.deploy(initCode(HEX.parseHex("fe")), 200_000))).getFirst());
    org.jingchain.evm.Address underflow =
        deployed(
            run(tx(alice, 2, EvmCalls.deploy(initCode(HEX.parseHex("01")), 200_000))).getFirst());
    List<Receipt> rs =
        run(
            tx(alice, 3, EvmCalls.call(loop, new byte[0], 50_000)),
            tx(alice, 4, EvmCalls.call(invalid, new byte[0], 50_000)),
            tx(alice, 5, EvmCalls.call(underflow, new byte[0], 50_000)));
    assertThat(rs)
        .extracting(Receipt::code)
        .containsExactly("EVM_OUT_OF_GAS", "EVM_INVALID_OPCODE", "EVM_STACK_UNDERFLOW");
    assertThat(rs.getFirst().message()).isEqualTo("halted: out of gas (gas used 50000)");
    assertThat(nonce()).isEqualTo(6);
  }

  @Test
  void codeOverTheSizeLimitFailsTheDeployment() {
    // Init code returning 24,577 zero bytes: one over EIP-170's limit.
    Receipt r =
        run(tx(alice, 0, EvmCalls.deploy(HEX.parseHex("620060015ff3"), 10_000_000))).getFirst();
    assertThat(r.code()).isEqualTo("EVM_CODE_TOO_LARGE");
    assertThat(committed.keySet())
        .noneMatch(k -> new String(k.unsafeArray(), StandardCharsets.UTF_8).startsWith("evm/"));
  }

  @Test
  void gasLimitsOutsideTheRulesAreRefusedBeforeRunning() {
    org.jingchain.evm.Address c =
        deployed(run(tx(alice, 0, EvmCalls.deploy(initCode(STORE), 200_000))).getFirst());
    List<Receipt> rs =
        run(
            tx(alice, 1, EvmCalls.call(c, new byte[0], 20_999)),
            tx(alice, 2, EvmCalls.call(c, new byte[0], EvmCalls.MAX_TX_GAS + 1)));
    assertThat(rs).extracting(Receipt::code).containsOnly("EVM_GAS_LIMIT");
    assertThat(rs.get(0).message()).contains("below this transaction's intrinsic cost of 21000");
    assertThat(rs.get(1).message()).contains("above the maximum of 30000000");
  }

  @Test
  void logsBecomeReceiptEvents() {
    org.jingchain.evm.Address c =
        deployed(run(tx(alice, 0, EvmCalls.deploy(initCode(LOG), 200_000))).getFirst());
    Receipt r = run(tx(alice, 1, EvmCalls.call(c, new byte[0], 100_000))).getFirst();
    assertThat(r.succeeded()).isTrue();
    var log = r.events().getFirst();
    assertThat(log.contract()).isEqualTo("evm");
    assertThat(log.type()).isEqualTo("log");
    assertThat(log.attribute("address")).contains(c.toString());
    assertThat(log.attribute("topic0")).contains(UInt256.of(0x11).toPaddedHex());
    assertThat(log.attribute("data")).contains("0xff");
    assertThat(r.events().getLast().type()).isEqualTo("called");
  }

  @Test
  void malformedArgumentsAndUnknownMethodsAreFailedReceipts() {
    List<Receipt> rs =
        run(
            tx(alice, 0, new Call("evm", "deploy", Bytes.wrap(new byte[] {1, 2, 3}))),
            tx(alice, 1, new Call("evm", "selfdestruct", Bytes.EMPTY)));
    assertThat(rs).extracting(Receipt::code).containsExactly("INVALID_ARGS", "UNKNOWN_METHOD");
    assertThat(nonce()).isEqualTo(2);
  }

  @Test
  void theSameBlockGivesTheSameStateOnEveryNode() {
    EvmContractTest other = new EvmContractTest();
    for (EvmContractTest node : List.of(this, other)) {
      node.run(
          node.tx(alice, 0, EvmCalls.deploy(initCode(STORE), 200_000)),
          node.tx(alice, 1, EvmCalls.deploy(initCode(LOG), 200_000)));
      org.jingchain.evm.Address c = Evm.createAddress(EvmAddresses.of(addr(1)), 0);
      node.run(node.tx(alice, 2, EvmCalls.call(c, UInt256.of(7).toBytes(), 100_000)));
    }
    assertThat(other.committed).isEqualTo(committed);
  }
}
