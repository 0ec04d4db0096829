package org.jingchain.evm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our EVM against {@code @ethereumjs/evm} on the same cases [EVM-CONF-1]: status, gas used, refund
 * counter, return data, logs and every account's final nonce, balance, code and storage must be
 * equal. Cases: every arithmetic, comparison and bitwise opcode over all pairs of boundary words,
 * then random programs from fixed seeds (calls, creations, storage, logs, memory, precompiles,
 * invalid code). A mismatch prints the seed and the case so it can be replayed.
 */
class DifferentialTest {
  static final long SEED = Long.getLong("jing.evm.seed", 20261207L);
  static final int RANDOM_CASES = Integer.getInteger("jing.evm.cases", 1000);

  @Test
  void everyArithmeticOpcodeAgreesOnBoundaryWords() throws Exception {
    List<ObjectNode> cases = new ArrayList<>();
    int[] binary = {
      0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x0a, 0x0b, 0x10, 0x11, 0x12, 0x13, 0x14, 0x16,
      0x17, 0x18, 0x1a, 0x1b, 0x1c, 0x1d
    };
    List<UInt256> words = ProgramGenerator.BOUNDARY;
    for (int op : binary) {
      ProgramGenerator.Asm a = new ProgramGenerator.Asm();
      int i = 0;
      for (UInt256 x : words) {
        for (UInt256 y : words) {
          a.push(y).push(x).op(op).push(UInt256.of(32L * i++)).op(0x52);
        }
      }
      a.push(UInt256.of(32L * i)).push(UInt256.ZERO).op(0xf3);
      cases.add(callCase(a.bytes(), new byte[0], 10_000_000));
    }
    for (int op : new int[] {0x08, 0x09}) {
      ProgramGenerator.Asm a = new ProgramGenerator.Asm();
      int i = 0;
      for (UInt256 x : words) {
        for (UInt256 y : words) {
          for (UInt256 m : List.of(UInt256.ZERO, UInt256.of(7), UInt256.MAX, words.get(9))) {
            a.push(m).push(y).push(x).op(op).push(UInt256.of(32L * i++)).op(0x52);
          }
        }
      }
      a.push(UInt256.of(32L * i)).push(UInt256.ZERO).op(0xf3);
      cases.add(callCase(a.bytes(), new byte[0], 10_000_000));
    }
    for (int op : new int[] {0x15, 0x19}) {
      ProgramGenerator.Asm a = new ProgramGenerator.Asm();
      int i = 0;
      for (UInt256 x : words) {
        a.push(x).op(op).push(UInt256.of(32L * i++)).op(0x52);
      }
      a.push(UInt256.of(32L * i)).push(UInt256.ZERO).op(0xf3);
      cases.add(callCase(a.bytes(), new byte[0], 1_000_000));
    }
    assertAgree(cases, "boundary");
  }

  @Test
  void callsNestToTheDepthLimitAndNoFurther() throws Exception {
    // slot0 += 1, then CALL self with all gas: 1025 frames (depths 0..1024) count themselves.
    ProgramGenerator.Asm a = new ProgramGenerator.Asm();
    a.op(0x5f).op(0x54).push(UInt256.ONE).op(0x01).op(0x5f).op(0x55);
    for (int i = 0; i < 5; i++) {
      a.op(0x5f);
    }
    a.op(0x30).op(0x5a).op(0xf1).op(0x50).op(0x00);
    ObjectNode deep = callCase(a.bytes(), new byte[0], 400_000_000_000L);
    assertAgree(List.of(deep), "recursion to the depth limit");
    JsonNode ours = ReferenceEvm.runOurs(deep);
    JsonNode target = ours.get("accounts").get(1);
    assertThat(target.get("address").asText()).isEqualTo(ProgramGenerator.TARGET.toString());
    assertThat(ReferenceEvm.word(target.get("storage").get(UInt256.ZERO.toPaddedHex())))
        .isEqualTo(UInt256.of(1025));
  }

  @Test
  void randomProgramsAgree() throws Exception {
    List<ObjectNode> cases = new ArrayList<>();
    for (int i = 0; i < RANDOM_CASES; i++) {
      cases.add(randomCase(SEED + i));
    }
    assertAgree(cases, "seed " + SEED + " (cases " + RANDOM_CASES + ")");
  }

  /** One random case from its own seed: a call into a program, or a creation. */
  static ObjectNode randomCase(long seed) {
    ProgramGenerator g = new ProgramGenerator(seed);
    byte[] calleeRuntime = g.program(8 + g.random().nextInt(20), null);
    byte[] init = g.initCode(g.program(4 + g.random().nextInt(10), null));
    byte[] target = g.program(10 + g.random().nextInt(60), init);
    byte[] other = g.program(5 + g.random().nextInt(15), null);
    long gas = g.random().nextInt(8) == 0 ? g.random().nextInt(30_000) : 2_000_000;
    ObjectNode c = baseCase();
    ArrayNode accounts = (ArrayNode) c.get("accounts");
    accounts.add(account(ProgramGenerator.TARGET, 1, 1000, target, g));
    accounts.add(account(ProgramGenerator.CALLEE, 1, 0, calleeRuntime, g));
    accounts.add(account(ProgramGenerator.OTHER, 1, 50, other, g));
    accounts.add(account(ProgramGenerator.EOA, 3, 77, new byte[0], g));
    ObjectNode call = (ObjectNode) c.get("call");
    byte[] data = new byte[g.random().nextInt(70)];
    for (int i = 0; i < data.length; i++) {
      data[i] = g.random().nextInt(3) == 0 ? 0 : (byte) g.random().nextInt(256);
    }
    if (g.random().nextInt(6) == 0) {
      call.putNull("to");
      call.put("data", ReferenceEvm.hex(g.initCode(target)));
    } else {
      call.put("to", ProgramGenerator.TARGET.toString());
      call.put("data", ReferenceEvm.hex(data));
    }
    call.put(
        "value", UInt256.of(g.random().nextInt(3) == 0 ? g.random().nextInt(10) : 0).toString());
    call.put("gasLimit", UInt256.of(gas).toString());
    c.put("seed", seed);
    return c;
  }

  private static ObjectNode account(
      Address a, long nonce, long balance, byte[] code, ProgramGenerator g) {
    ObjectNode o = ReferenceEvm.JSON.createObjectNode();
    o.put("address", a.toString());
    o.put("nonce", UInt256.of(nonce).toString());
    o.put("balance", UInt256.of(balance).toString());
    o.put("code", ReferenceEvm.hex(code));
    ObjectNode st = o.putObject("storage");
    for (int i = 0; i < 3; i++) {
      if (g.random().nextBoolean()) {
        st.put(
            UInt256.of(i).toPaddedHex(),
            g.word().isZero() ? UInt256.ONE.toPaddedHex() : UInt256.of(i + 5L).toPaddedHex());
      }
    }
    return o;
  }

  static ObjectNode baseCase() {
    ObjectNode c = ReferenceEvm.JSON.createObjectNode();
    c.put("hardfork", "cancun");
    ObjectNode b = c.putObject("block");
    b.put("number", UInt256.of(1000).toString());
    b.put("timestamp", UInt256.of(1_800_000_000L).toString());
    b.put("gasLimit", UInt256.of(30_000_000L).toString());
    b.put("coinbase", "0x00000000000000000000000000000000000000c0");
    b.put("prevRandao", UInt256.of(0x1234567).toPaddedHex());
    b.put("baseFee", UInt256.of(7).toString());
    b.put("blobBaseFee", UInt256.of(3).toString());
    b.put("chainId", UInt256.of(1337).toString());
    ArrayNode accounts = c.putArray("accounts");
    ObjectNode caller = accounts.addObject();
    caller.put("address", ProgramGenerator.CALLER.toString());
    caller.put("nonce", "0x2");
    caller.put("balance", UInt256.of(1_000_000_000_000L).toString());
    caller.put("code", "0x");
    ObjectNode call = c.putObject("call");
    call.put("caller", ProgramGenerator.CALLER.toString());
    call.put("origin", ProgramGenerator.CALLER.toString());
    call.put("value", "0x0");
    call.put("gasPrice", UInt256.of(9).toString());
    return c;
  }

  static ObjectNode callCase(byte[] code, byte[] data, long gas) {
    ObjectNode c = baseCase();
    ObjectNode t = ((ArrayNode) c.get("accounts")).addObject();
    t.put("address", ProgramGenerator.TARGET.toString());
    t.put("nonce", "0x1");
    t.put("balance", "0x0");
    t.put("code", ReferenceEvm.hex(code));
    ObjectNode call = (ObjectNode) c.get("call");
    call.put("to", ProgramGenerator.TARGET.toString());
    call.put("data", ReferenceEvm.hex(data));
    call.put("gasLimit", UInt256.of(gas).toString());
    return c;
  }

  static void assertAgree(List<ObjectNode> cases, String what) throws Exception {
    long t0 = System.nanoTime();
    List<JsonNode> theirs = ReferenceEvm.run(cases);
    long t1 = System.nanoTime();
    List<JsonNode> oursAll = new ArrayList<>();
    for (ObjectNode c : cases) {
      oursAll.add(ReferenceEvm.runOurs(c));
    }
    long t2 = System.nanoTime();
    java.util.Map<String, Integer> statuses = new java.util.TreeMap<>();
    oursAll.forEach(
        r ->
            statuses.merge(
                r.get("status").asText() + " " + r.get("error").asText(), 1, Integer::sum));
    System.out.printf(
        "%s: %d cases, @ethereumjs/evm %d ms (with Node.js start-up), ours %d ms; outcomes %s%n",
        what, cases.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, statuses);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      JsonNode ours = oursAll.get(i);
      String diff = compare(ours, theirs.get(i));
      if (diff != null) {
        mismatches.add(
            "case "
                + i
                + (cases.get(i).has("seed") ? " (seed " + cases.get(i).get("seed") + ")" : "")
                + ": "
                + diff
                + "\n  case: "
                + cases.get(i)
                + "\n  ours: "
                + ours
                + "\n  ethereumjs: "
                + theirs.get(i));
      }
    }
    assertThat(mismatches)
        .as("%s: %d of %d cases differ from @ethereumjs/evm", what, mismatches.size(), cases.size())
        .isEmpty();
  }

  /** Null if the results agree, else what differs first. */
  static String compare(JsonNode ours, JsonNode theirs) {
    String status = theirs.get("status").asText();
    if (!ours.get("status").asText().equals(status)) {
      return "status "
          + ours.get("status")
          + " vs "
          + theirs.get("status")
          + " "
          + theirs.get("error");
    }
    long gasOurs = ReferenceEvm.word(ours.get("gasUsed")).longValue();
    long gasTheirs = ReferenceEvm.word(theirs.get("gasUsed")).longValue();
    if (gasOurs != gasTheirs) {
      return "gasUsed " + gasOurs + " vs " + gasTheirs;
    }
    if (ReferenceEvm.word(ours.get("gasRefund")).longValue()
        != ReferenceEvm.word(theirs.get("gasRefund")).longValue()) {
      return "gasRefund " + ours.get("gasRefund") + " vs " + theirs.get("gasRefund");
    }
    if (!ours.get("returnData").asText().equalsIgnoreCase(theirs.get("returnData").asText())) {
      return "returnData";
    }
    if (!normalise(ours.get("logs")).equals(normalise(theirs.get("logs")))) {
      return "logs";
    }
    if (!normalise(ours.get("accounts")).equals(normalise(theirs.get("accounts")))) {
      return "accounts";
    }
    return null;
  }

  /** Quantities as numbers and hex in lower case, so "0x00" and "0x0" compare equal. */
  static String normalise(JsonNode n) {
    StringBuilder sb = new StringBuilder();
    normalise(n, sb);
    return sb.toString();
  }

  private static void normalise(JsonNode n, StringBuilder sb) {
    if (n.isArray()) {
      sb.append('[');
      n.forEach(e -> normalise(e, sb.append(',')));
      sb.append(']');
    } else if (n.isObject()) {
      sb.append('{');
      java.util.TreeMap<String, JsonNode> sorted = new java.util.TreeMap<>();
      n.fields().forEachRemaining(e -> sorted.put(e.getKey().toLowerCase(), e.getValue()));
      sorted
          .entrySet()
          .forEach(
              e -> {
                sb.append(e.getKey().toLowerCase()).append(':');
                if (e.getKey().equals("nonce") || e.getKey().equals("balance")) {
                  sb.append(ReferenceEvm.word(e.getValue()).toBigInteger());
                } else {
                  normalise(e.getValue(), sb);
                }
                sb.append(',');
              });
      sb.append('}');
    } else {
      sb.append(n.asText().toLowerCase());
    }
  }
}
