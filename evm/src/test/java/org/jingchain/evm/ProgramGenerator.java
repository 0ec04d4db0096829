package org.jingchain.evm;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random EVM programs for differential testing, from a fixed seed: each opcode gets operands of the
 * kind it reads (memory offsets and lengths, addresses of the case's accounts, jump targets that
 * exist, boundary words), so programs run deep instead of failing at their first opcode. Any output
 * is a valid test: the two EVMs must agree on it, whatever it does.
 */
final class ProgramGenerator {
  static final Address TARGET = Address.fromHex("0x00000000000000000000000000000000000aa001");
  static final Address CALLEE = Address.fromHex("0x00000000000000000000000000000000000bb002");
  static final Address OTHER = Address.fromHex("0x00000000000000000000000000000000000cc003");
  static final Address EOA = Address.fromHex("0x00000000000000000000000000000000000dd004");
  static final Address CALLER = Address.fromHex("0x000000000000000000000000000000000000ca11");
  static final Address MISSING = Address.fromHex("0x00000000000000000000000000000000000ee005");

  static final List<UInt256> BOUNDARY =
      List.of(
          UInt256.ZERO,
          UInt256.ONE,
          UInt256.of(2),
          UInt256.of(31),
          UInt256.of(32),
          UInt256.of(255),
          UInt256.of(256),
          UInt256.of(BigInteger.ONE.shiftLeft(64)),
          UInt256.of(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)),
          UInt256.of(BigInteger.ONE.shiftLeft(255)),
          UInt256.of(BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE)),
          UInt256.MAX,
          UInt256.MAX.sub(UInt256.ONE),
          UInt256.of(BigInteger.ONE.shiftLeft(255).add(BigInteger.valueOf(7))));

  /** Opcodes the generator emits with fitting operands (all of Cancun's except CREATE family). */
  private static final int[] OPS = {
    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x10, 0x11, 0x12, 0x13, 0x14,
    0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x20, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35,
    0x36, 0x37, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45,
    0x46, 0x47, 0x48, 0x49, 0x4a, 0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x55, 0x54, 0x58, 0x59, 0x5a,
    0x5c, 0x5d, 0x5e, 0x5f, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xf1, 0xf1, 0xf2, 0xf4, 0xfa, 0xfa, 0xf0,
    0xf5, 0x80, 0x81, 0x85, 0x8f, 0x90, 0x91, 0x95, 0x9f
  };

  private final SplittableRandom rnd;

  ProgramGenerator(long seed) {
    this.rnd = new SplittableRandom(seed);
  }

  SplittableRandom random() {
    return rnd;
  }

  /** Operand for arithmetic: boundaries, small numbers, or random words. */
  UInt256 word() {
    return switch (rnd.nextInt(4)) {
      case 0 -> BOUNDARY.get(rnd.nextInt(BOUNDARY.size()));
      case 1 -> UInt256.of(rnd.nextInt(300));
      case 2 -> UInt256.of(rnd.nextLong() & Long.MAX_VALUE);
      default -> UInt256.of(new BigInteger(256, new java.util.Random(rnd.nextLong())));
    };
  }

  UInt256 offset() {
    int k = rnd.nextInt(300);
    if (k == 0) {
      return BOUNDARY.get(7 + rnd.nextInt(BOUNDARY.size() - 7));
    }
    if (k < 4) {
      return UInt256.of(1000 + rnd.nextInt(4000));
    }
    return UInt256.of(rnd.nextInt(200));
  }

  UInt256 length() {
    int k = rnd.nextInt(300);
    if (k == 0) {
      return BOUNDARY.get(7 + rnd.nextInt(BOUNDARY.size() - 7));
    }
    if (k < 3) {
      return UInt256.of(rnd.nextInt(2000));
    }
    return UInt256.of(rnd.nextInt(100));
  }

  UInt256 address() {
    return switch (rnd.nextInt(12)) {
      case 0, 1 -> TARGET.toWord();
      case 2, 3 -> CALLEE.toWord();
      case 4 -> OTHER.toWord();
      case 5 -> EOA.toWord();
      case 6 -> CALLER.toWord();
      case 7 -> MISSING.toWord();
      case 8 -> UInt256.of(new int[] {1, 2, 3, 4, 5, 9}[rnd.nextInt(6)]);
      case 9 -> UInt256.of(rnd.nextLong()).shl(8);
      default -> CALLEE.toWord();
    };
  }

  UInt256 gas() {
    return switch (rnd.nextInt(10)) {
      case 0 -> UInt256.MAX;
      case 1 -> UInt256.of(rnd.nextInt(3000));
      case 2 -> UInt256.of(rnd.nextInt(100000));
      default -> UInt256.of(rnd.nextInt(30000));
    };
  }

  UInt256 slot() {
    return rnd.nextInt(10) == 0 ? word() : UInt256.of(rnd.nextInt(6));
  }

  /** A program of about {@code ops} operations; {@code initCode}, if given, sits in its tail. */
  byte[] program(int ops, byte[] initCode) {
    Asm a = new Asm();
    List<Integer> dests = new ArrayList<>();
    List<Integer> jumpPatches = new ArrayList<>();
    int tailPatch = -1;
    for (int i = 0; i < ops; i++) {
      int k = rnd.nextInt(100);
      if (k < 4) {
        dests.add(a.size());
        a.op(0x5b);
        continue;
      }
      if (k < 7) {
        // JUMP or JUMPI to a JUMPDEST that exists (patched below) or, rarely, anywhere.
        boolean conditional = rnd.nextBoolean();
        if (conditional) {
          a.push(rnd.nextInt(3) == 0 ? UInt256.ZERO : UInt256.ONE);
        }
        jumpPatches.add(a.size());
        a.push2(0);
        a.op(conditional ? 0x57 : 0x56);
        continue;
      }
      if (k < 8) {
        a.op(rnd.nextInt(256)); // anything, invalid opcodes included
        continue;
      }
      if (k < 12 && initCode != null) {
        // CREATE/CREATE2 of the init code in this program's tail.
        boolean two = rnd.nextBoolean();
        a.push(UInt256.of(initCode.length));
        tailPatch = a.size();
        a.push2(0);
        a.push(UInt256.ZERO);
        a.op(0x39); // CODECOPY to memory 0
        if (two) {
          a.push(word());
        }
        a.push(UInt256.of(initCode.length));
        a.push(UInt256.ZERO);
        a.push(rnd.nextInt(4) == 0 ? UInt256.of(rnd.nextInt(5)) : UInt256.ZERO);
        a.op(two ? 0xf5 : 0xf0);
        continue;
      }
      int op = OPS[rnd.nextInt(OPS.length)];
      operands(a, op);
      a.op(op);
      if (rnd.nextInt(4) == 0 && pushes(op)) {
        a.push(slot());
        a.op(0x55); // keep the result in storage
      }
    }
    switch (rnd.nextInt(4)) {
      case 0 -> {
        a.push(length());
        a.push(UInt256.of(rnd.nextInt(64)));
        a.op(0xf3);
      }
      case 1 -> {
        a.push(UInt256.of(rnd.nextInt(64)));
        a.push(UInt256.of(rnd.nextInt(64)));
        a.op(0xfd);
      }
      case 2 -> a.op(0x00);
      default -> {}
    }
    int tail = a.size();
    if (initCode != null) {
      a.raw(initCode);
    }
    byte[] code = a.bytes();
    for (int at : jumpPatches) {
      // Mostly forward to a JUMPDEST (loops burn all gas, hiding what ran before them).
      List<Integer> forward = dests.stream().filter(d -> d > at).toList();
      int dest;
      if (!forward.isEmpty() && rnd.nextInt(20) != 0) {
        dest = forward.get(rnd.nextInt(forward.size()));
      } else if (!dests.isEmpty() && rnd.nextInt(10) < 8) {
        dest = dests.get(rnd.nextInt(dests.size()));
      } else {
        dest = rnd.nextInt(code.length);
      }
      code[at + 1] = (byte) (dest >> 8);
      code[at + 2] = (byte) dest;
    }
    if (tailPatch >= 0) {
      code[tailPatch + 1] = (byte) (tail >> 8);
      code[tailPatch + 2] = (byte) tail;
    }
    return code;
  }

  /** Init code returning {@code runtime} (copied from its own tail), sometimes storing first. */
  byte[] initCode(byte[] runtime) {
    Asm a = new Asm();
    if (rnd.nextBoolean()) {
      a.push(word());
      a.push(slot());
      a.op(0x55);
    }
    boolean revert = rnd.nextInt(6) == 0;
    a.push(UInt256.of(runtime.length));
    int patch = a.size();
    a.push2(0);
    a.push(UInt256.ZERO);
    a.op(0x39);
    a.push(UInt256.of(runtime.length));
    a.push(UInt256.ZERO);
    a.op(revert ? 0xfd : 0xf3);
    int tail = a.size();
    a.raw(runtime);
    byte[] code = a.bytes();
    code[patch + 1] = (byte) (tail >> 8);
    code[patch + 2] = (byte) tail;
    return code;
  }

  private static boolean pushes(int op) {
    return (op >= 0x01 && op <= 0x20)
        || (op >= 0x30 && op <= 0x4a && op != 0x37 && op != 0x39 && op != 0x3c && op != 0x3e)
        || op == 0x51
        || op == 0x54
        || op == 0x5c
        || op == 0x58
        || op == 0x59
        || op == 0x5a
        || op == 0xf1
        || op == 0xf2
        || op == 0xf4
        || op == 0xfa;
  }

  /** Pushes operands for {@code op}, the first operand last (so it ends on top). */
  private void operands(Asm a, int op) {
    List<UInt256> args = new ArrayList<>();
    switch (op) {
      case 0x20, 0xf3, 0xfd -> {
        args.add(offset());
        args.add(length());
      }
      case 0x31, 0x3b, 0x3f -> args.add(address());
      case 0x35 -> args.add(rnd.nextBoolean() ? UInt256.of(rnd.nextInt(80)) : word());
      case 0x3e -> {
        args.add(offset());
        boolean empty = rnd.nextBoolean();
        args.add(UInt256.of(empty || rnd.nextInt(10) != 0 ? 0 : rnd.nextInt(80)));
        args.add(UInt256.of(empty ? 0 : rnd.nextInt(10) == 0 ? rnd.nextInt(80) : rnd.nextInt(8)));
      }
      case 0x37, 0x39 -> {
        args.add(offset());
        args.add(rnd.nextInt(3) == 0 ? word() : UInt256.of(rnd.nextInt(80)));
        args.add(length());
      }
      case 0x3c -> {
        args.add(address());
        args.add(offset());
        args.add(UInt256.of(rnd.nextInt(80)));
        args.add(length());
      }
      case 0x40 -> args.add(UInt256.of(1000 - rnd.nextInt(300)));
      case 0x49 -> args.add(UInt256.of(rnd.nextInt(3)));
      case 0x51 -> args.add(offset());
      case 0x52, 0x53 -> {
        args.add(offset());
        args.add(word());
      }
      case 0x54, 0x5c -> args.add(slot());
      case 0x55, 0x5d -> {
        args.add(slot());
        args.add(rnd.nextInt(3) == 0 ? UInt256.ZERO : word());
      }
      case 0x5e -> {
        args.add(offset());
        args.add(offset());
        args.add(length());
      }
      case 0xa0, 0xa1, 0xa2, 0xa3, 0xa4 -> {
        args.add(offset());
        args.add(length());
        for (int i = 0; i < op - 0xa0; i++) {
          args.add(word());
        }
      }
      case 0xf1, 0xf2 -> {
        args.add(gas());
        args.add(address());
        args.add(rnd.nextInt(3) == 0 ? UInt256.of(rnd.nextInt(1000)) : UInt256.ZERO);
        args.add(offset());
        args.add(length());
        args.add(offset());
        args.add(length());
      }
      case 0xf4, 0xfa -> {
        args.add(gas());
        args.add(address());
        args.add(offset());
        args.add(length());
        args.add(offset());
        args.add(length());
      }
      case 0xf0 -> {
        args.add(UInt256.ZERO);
        args.add(offset());
        args.add(length());
      }
      case 0xf5 -> {
        args.add(UInt256.ZERO);
        args.add(offset());
        args.add(length());
        args.add(word());
      }
      case 0x1b, 0x1c, 0x1d, 0x1a, 0x0b -> {
        args.add(rnd.nextBoolean() ? UInt256.of(rnd.nextInt(300)) : word());
        args.add(word());
      }
      default -> {
        int pops = pops(op);
        for (int i = 0; i < pops; i++) {
          args.add(word());
        }
      }
    }
    for (int i = args.size() - 1; i >= 0; i--) {
      a.push(args.get(i));
    }
  }

  private static int pops(int op) {
    if (op >= 0x80 && op <= 0x8f) {
      return op - 0x7f;
    }
    if (op >= 0x90 && op <= 0x9f) {
      return op - 0x8e;
    }
    return switch (op) {
      case 0x08, 0x09 -> 3;
      case 0x15, 0x19, 0x50 -> 1;
      case 0x30,
          0x32,
          0x33,
          0x34,
          0x36,
          0x38,
          0x3a,
          0x3d,
          0x41,
          0x42,
          0x43,
          0x44,
          0x45,
          0x46,
          0x47,
          0x48,
          0x4a,
          0x58,
          0x59,
          0x5a,
          0x5f ->
          0;
      default -> 2;
    };
  }

  /** A tiny assembler. */
  static final class Asm {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    int size() {
      return out.size();
    }

    Asm op(int op) {
      out.write(op);
      return this;
    }

    Asm raw(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    /** The shortest PUSH for {@code v} (PUSH0 for zero). */
    Asm push(UInt256 v) {
      if (v.isZero()) {
        return op(0x5f);
      }
      int n = v.byteLength();
      out.write(0x5f + n);
      byte[] b = v.toBytes();
      out.write(b, 32 - n, n);
      return this;
    }

    Asm push2(int v) {
      out.write(0x61);
      out.write(v >> 8);
      out.write(v);
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
