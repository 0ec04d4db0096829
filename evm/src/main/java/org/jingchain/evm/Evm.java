package org.jingchain.evm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The interpreter: Ethereum's opcodes and gas as of Cancun (docs/spec/evm.md), over a {@link
 * TxState}. Deterministic by construction [EVM-DET-1]: no floating point, no clock, no randomness,
 * no iteration over hashed collections; memory is bounded by gas, the stack by 1024 words, calls by
 * depth 1024. One instance runs one transaction's messages; it is not thread-safe.
 */
public final class Evm {
  /** How a message ended. */
  public enum Status {
    /** Ran to STOP, RETURN or SELFDESTRUCT (or the end of code). */
    SUCCESS,
    /** REVERT: writes undone, unused gas returned, the output is the revert data. */
    REVERT,
    /** An exceptional halt: writes undone, all gas consumed, no output. */
    HALT
  }

  /** Why a message halted exceptionally (documented in docs/spec/evm.md, [EVM-HALT-1]). */
  public enum Halt {
    OUT_OF_GAS,
    INVALID_OPCODE,
    STACK_UNDERFLOW,
    STACK_OVERFLOW,
    INVALID_JUMP,
    STATIC_STATE_CHANGE,
    RETURNDATA_OUT_OF_BOUNDS,
    INITCODE_TOO_LARGE,
    CODE_TOO_LARGE,
    INVALID_CODE_PREFIX,
    CREATE_COLLISION,
    PRECOMPILE_FAILED
  }

  /** The outcome of one message (a call or a creation). */
  public record Result(Status status, long gasLeft, byte[] output, Address created, Halt halt) {
    /** An exceptional halt: no gas left, no output. */
    public static Result halt(Halt why) {
      return new Result(Status.HALT, 0, new byte[0], null, why);
    }

    public boolean success() {
      return status == Status.SUCCESS;
    }
  }

  /** Transaction-wide values: ORIGIN, GASPRICE, BLOBHASH. */
  public record TxEnv(Address origin, UInt256 gasPrice, List<UInt256> blobHashes) {}

  private static final class HaltException extends RuntimeException {
    final Halt halt;

    HaltException(Halt halt) {
      super(halt.name(), null, false, false);
      this.halt = halt;
    }
  }

  private static final HaltException[] HALTS = new HaltException[Halt.values().length];

  static {
    for (Halt h : Halt.values()) {
      HALTS[h.ordinal()] = new HaltException(h);
    }
  }

  private static HaltException halt(Halt h) {
    return HALTS[h.ordinal()];
  }

  /** Call depths at which a message runs on a fresh thread with its own large stack. */
  private static final int DEPTH_PER_THREAD = 128;

  private static final long THREAD_STACK_BYTES = 64L << 20;

  /** Sees every step: for debugging and execution traces; never changes execution. */
  @FunctionalInterface
  public interface Tracer {
    void step(int depth, int pc, int op, long gasLeft, int stackSize);
  }

  private Tracer tracer;

  /** Installs a tracer (null for none). */
  public Evm tracer(Tracer t) {
    this.tracer = t;
    return this;
  }

  private final TxState state;
  private final BlockContext block;
  private final TxEnv tx;
  private final Precompiles precompiles;

  public Evm(TxState state, BlockContext block, TxEnv tx, Precompiles precompiles) {
    this.state = state;
    this.block = block;
    this.tx = tx;
    this.precompiles = precompiles;
  }

  public TxState state() {
    return state;
  }

  /**
   * Warms what a transaction starts with warm (EIP-2929, EIP-3651): the sender, the target (or the
   * address being created), the coinbase and every precompile.
   */
  public void prewarm(Address sender, Address target) {
    state.prewarm(sender);
    if (target != null) {
      state.prewarm(target);
    }
    state.prewarm(block.coinbase());
    for (Address p : precompiles.addresses()) {
      state.prewarm(p);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Messages

  /**
   * A message call from {@code caller} to {@code to} carrying {@code value}. The caller has already
   * paid intrinsic gas; this moves the value and runs the target's code (or precompile).
   */
  public Result call(Address caller, Address to, UInt256 value, byte[] data, long gas) {
    return callMessage(caller, to, to, value, value, data, gas, 0, false, true);
  }

  /**
   * A creation by {@code caller} (whose nonce before the transaction gave {@code address}), running
   * {@code initCode} with {@code gas}.
   */
  public Result create(Address caller, Address address, UInt256 value, byte[] initCode, long gas) {
    if (initCode.length > Gas.MAX_INITCODE_SIZE) {
      return Result.halt(Halt.INITCODE_TOO_LARGE);
    }
    return createMessage(caller, address, value, initCode, gas, 0);
  }

  /**
   * Init code that deploys {@code runtime} as it is: it copies the runtime from its own tail and
   * returns it (what solc emits for a contract without a constructor, in its simplest form).
   */
  public static byte[] initCodeFor(byte[] runtime) {
    int n = runtime.length;
    if (n > Gas.MAX_CODE_SIZE) {
      throw new IllegalArgumentException("code is at most " + Gas.MAX_CODE_SIZE + " bytes");
    }
    byte[] prefix = {
      0x61,
      (byte) (n >> 8),
      (byte) n,
      0x60,
      0x0c,
      0x5f,
      0x39,
      0x61,
      (byte) (n >> 8),
      (byte) n,
      0x5f,
      (byte) 0xf3
    };
    byte[] out = Arrays.copyOf(prefix, prefix.length + n);
    System.arraycopy(runtime, 0, out, prefix.length, n);
    return out;
  }

  /** CREATE's address: keccak256(rlp([sender, nonce]))[12:]. */
  public static Address createAddress(Address sender, long nonce) {
    byte[] s = sender.toBytes();
    byte[] n = rlpLong(nonce);
    int payload = 1 + s.length + n.length;
    byte[] rlp = new byte[1 + payload];
    rlp[0] = (byte) (0xc0 + payload);
    rlp[1] = (byte) (0x80 + s.length);
    System.arraycopy(s, 0, rlp, 2, s.length);
    System.arraycopy(n, 0, rlp, 2 + s.length, n.length);
    return Address.of(Arrays.copyOfRange(Keccak.hash(rlp), 12, 32));
  }

  private static byte[] rlpLong(long v) {
    if (v == 0) {
      return new byte[] {(byte) 0x80};
    }
    if (v > 0 && v < 0x80) {
      return new byte[] {(byte) v};
    }
    byte[] big = UInt256.of(v).toBytes();
    int len = UInt256.of(v).byteLength();
    byte[] out = new byte[len + 1];
    out[0] = (byte) (0x80 + len);
    System.arraycopy(big, 32 - len, out, 1, len);
    return out;
  }

  /** CREATE2's address: keccak256(0xff ++ sender ++ salt ++ keccak256(initCode))[12:]. */
  public static Address create2Address(Address sender, UInt256 salt, byte[] initCode) {
    byte[] buf = new byte[1 + 20 + 32 + 32];
    buf[0] = (byte) 0xff;
    System.arraycopy(sender.toBytes(), 0, buf, 1, 20);
    salt.into(buf, 21);
    System.arraycopy(Keccak.hash(initCode), 0, buf, 53, 32);
    return Address.of(Arrays.copyOfRange(Keccak.hash(buf), 12, 32));
  }

  private Result callMessage(
      Address caller,
      Address to,
      Address codeAddress,
      UInt256 value,
      UInt256 apparentValue,
      byte[] data,
      long gas,
      int depth,
      boolean isStatic,
      boolean transfers) {
    int cp = state.checkpoint();
    if (transfers) {
      state.transfer(caller, to, value);
    }
    Result r;
    Precompiles.Precompile pre = precompiles.at(codeAddress);
    if (pre != null) {
      r = pre.run(data, gas);
    } else {
      byte[] code = state.code(codeAddress);
      if (code.length == 0) {
        r = new Result(Status.SUCCESS, gas, new byte[0], null, null);
      } else {
        Frame f =
            new Frame(code, to, caller, apparentValue, data, gas, depth, isStatic, codeAddress);
        r = runFrame(f);
      }
    }
    if (!r.success()) {
      state.revert(cp);
    }
    return r;
  }

  private Result createMessage(
      Address creator, Address address, UInt256 value, byte[] initCode, long gas, int depth) {
    int cp = state.checkpoint();
    state.warmAddress(address);
    Account existing = state.account(address);
    if (existing != null && (existing.nonce() != 0 || existing.code().length != 0)) {
      state.revert(cp);
      return Result.halt(Halt.CREATE_COLLISION);
    }
    state.createAccount(address);
    state.transfer(creator, address, value);
    Result r;
    if (initCode.length == 0) {
      r = new Result(Status.SUCCESS, gas, new byte[0], null, null);
    } else {
      r =
          runFrame(
              new Frame(
                  initCode, address, creator, value, new byte[0], gas, depth, false, address));
    }
    if (r.status() == Status.SUCCESS) {
      byte[] code = r.output();
      long deposit = Gas.CODE_DEPOSIT_BYTE * code.length;
      if (code.length > Gas.MAX_CODE_SIZE) {
        r = Result.halt(Halt.CODE_TOO_LARGE);
      } else if (code.length > 0 && (code[0] & 0xFF) == 0xEF) {
        r = Result.halt(Halt.INVALID_CODE_PREFIX);
      } else if (deposit > r.gasLeft()) {
        r = Result.halt(Halt.OUT_OF_GAS);
      } else {
        state.setCode(address, code);
        return new Result(Status.SUCCESS, r.gasLeft() - deposit, code, address, null);
      }
    }
    state.revert(cp);
    return r;
  }

  /** Runs a frame, on a fresh large-stack thread every {@link #DEPTH_PER_THREAD} levels. */
  private Result runFrame(Frame f) {
    if (f.depth == 0 || f.depth % DEPTH_PER_THREAD != 0) {
      return f.run();
    }
    AtomicReference<Object> out = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                out.set(f.run());
              } catch (Throwable e) {
                out.set(e);
              }
            },
            "evm-depth-" + f.depth,
            THREAD_STACK_BYTES);
    t.start();
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Object o = out.get();
    if (o instanceof Result r) {
      return r;
    }
    if (o instanceof RuntimeException e) {
      throw e;
    }
    if (o instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException("EVM frame thread ended without a result");
  }

  // ---------------------------------------------------------------------------------------------
  // Frames

  private final class Frame {
    final byte[] code;
    final Address address;
    final Address caller;
    final UInt256 value;
    final byte[] data;
    final int depth;
    final boolean isStatic;
    final Address codeAddress;
    long gas;
    final UInt256[] stack = new UInt256[Gas.STACK_LIMIT];
    int sp;
    byte[] memory = new byte[0];
    long memWords;
    byte[] returnData = new byte[0];
    BitSetJumps jumps;

    Frame(
        byte[] code,
        Address address,
        Address caller,
        UInt256 value,
        byte[] data,
        long gas,
        int depth,
        boolean isStatic,
        Address codeAddress) {
      this.code = code;
      this.address = address;
      this.caller = caller;
      this.value = value;
      this.data = data;
      this.gas = gas;
      this.depth = depth;
      this.isStatic = isStatic;
      this.codeAddress = codeAddress;
    }

    void use(long g) {
      if (g < 0 || g > gas) {
        gas = 0;
        throw halt(Halt.OUT_OF_GAS);
      }
      gas -= g;
    }

    void need(int pops, int pushes) {
      if (sp < pops) {
        throw halt(Halt.STACK_UNDERFLOW);
      }
      if (sp - pops + pushes > Gas.STACK_LIMIT) {
        throw halt(Halt.STACK_OVERFLOW);
      }
    }

    UInt256 pop() {
      return stack[--sp];
    }

    void push(UInt256 v) {
      stack[sp++] = v;
    }

    /** A memory offset or length operand: anything past 2^32 cannot be paid for. */
    long memArg(UInt256 v) {
      if (!v.fitsLong() || v.longValue() > 0xFFFF_FFFFL) {
        throw halt(Halt.OUT_OF_GAS);
      }
      return v.longValue();
    }

    /** An offset operand, ignored (zero) when the length it goes with is zero. */
    long offArg(UInt256 v, long len) {
      return len == 0 ? 0 : memArg(v);
    }

    /** Charges for growing memory to cover [off, off+len) and grows it. */
    void expand(long off, long len) {
      if (len == 0) {
        return;
      }
      long words = Gas.words(off + len);
      if (words > memWords) {
        use(Gas.memory(words) - Gas.memory(memWords));
        memWords = words;
      }
    }

    void ensureCapacity() {
      long bytes = memWords * 32;
      if (memory.length < bytes) {
        long grown = Math.max(bytes, Math.min((long) memory.length * 2, 1L << 31));
        memory = Arrays.copyOf(memory, (int) Math.max(bytes, Math.min(grown, Integer.MAX_VALUE)));
      }
    }

    byte[] read(long off, long len) {
      if (len == 0) {
        return new byte[0];
      }
      ensureCapacity();
      return Arrays.copyOfRange(memory, (int) off, (int) (off + len));
    }

    /** Copies {@code len} bytes of {@code src} from {@code srcOff} (zero past its end). */
    void writePadded(long off, byte[] src, long srcOff, long len) {
      if (len == 0) {
        return;
      }
      ensureCapacity();
      int o = (int) off;
      int n = (int) len;
      long available = srcOff >= src.length ? 0 : Math.min(n, src.length - srcOff);
      if (available > 0) {
        System.arraycopy(src, (int) srcOff, memory, o, (int) available);
      }
      Arrays.fill(memory, o + (int) available, o + n, (byte) 0);
    }

    long accessCost(Address a) {
      return state.warmAddress(a) ? Gas.WARM_ACCESS : Gas.COLD_ACCOUNT_ACCESS;
    }

    Result run() {
      try {
        return loop();
      } catch (HaltException h) {
        return Result.halt(h.halt);
      }
    }

    private Result loop() {
      int pc = 0;
      while (pc < code.length) {
        int op = code[pc] & 0xFF;
        if (tracer != null) {
          tracer.step(depth, pc, op, gas, sp);
        }
        switch (op) {
          case 0x00 -> {
            return new Result(Status.SUCCESS, gas, new byte[0], null, null);
          }
          case 0x01 -> binary(Gas.VERY_LOW, (a, b) -> a.add(b));
          case 0x02 -> binary(Gas.LOW, (a, b) -> a.mul(b));
          case 0x03 -> binary(Gas.VERY_LOW, (a, b) -> a.sub(b));
          case 0x04 -> binary(Gas.LOW, (a, b) -> a.div(b));
          case 0x05 -> binary(Gas.LOW, (a, b) -> a.sdiv(b));
          case 0x06 -> binary(Gas.LOW, (a, b) -> a.mod(b));
          case 0x07 -> binary(Gas.LOW, (a, b) -> a.smod(b));
          case 0x08 -> {
            need(3, 1);
            use(Gas.MID);
            UInt256 a = pop();
            UInt256 b = pop();
            push(a.addmod(b, pop()));
          }
          case 0x09 -> {
            need(3, 1);
            use(Gas.MID);
            UInt256 a = pop();
            UInt256 b = pop();
            push(a.mulmod(b, pop()));
          }
          case 0x0a -> {
            need(2, 1);
            UInt256 base = stack[sp - 1];
            UInt256 exponent = stack[sp - 2];
            use(Gas.EXP + Gas.EXP_BYTE * exponent.byteLength());
            sp -= 2;
            push(base.exp(exponent));
          }
          case 0x0b -> binary(Gas.LOW, (b, x) -> x.signExtend(b));
          case 0x10 -> binary(Gas.VERY_LOW, (a, b) -> bool(a.compareTo(b) < 0));
          case 0x11 -> binary(Gas.VERY_LOW, (a, b) -> bool(a.compareTo(b) > 0));
          case 0x12 -> binary(Gas.VERY_LOW, (a, b) -> bool(a.compareSigned(b) < 0));
          case 0x13 -> binary(Gas.VERY_LOW, (a, b) -> bool(a.compareSigned(b) > 0));
          case 0x14 -> binary(Gas.VERY_LOW, (a, b) -> bool(a.equals(b)));
          case 0x15 -> {
            need(1, 1);
            use(Gas.VERY_LOW);
            push(bool(pop().isZero()));
          }
          case 0x16 -> binary(Gas.VERY_LOW, (a, b) -> a.and(b));
          case 0x17 -> binary(Gas.VERY_LOW, (a, b) -> a.or(b));
          case 0x18 -> binary(Gas.VERY_LOW, (a, b) -> a.xor(b));
          case 0x19 -> {
            need(1, 1);
            use(Gas.VERY_LOW);
            push(pop().not());
          }
          case 0x1a -> binary(Gas.VERY_LOW, (i, x) -> x.byteAt(i));
          case 0x1b -> binary(Gas.VERY_LOW, (n, x) -> x.shl(UInt256.shiftAmount(n)));
          case 0x1c -> binary(Gas.VERY_LOW, (n, x) -> x.shr(UInt256.shiftAmount(n)));
          case 0x1d -> binary(Gas.VERY_LOW, (n, x) -> x.sar(UInt256.shiftAmount(n)));
          case 0x20 -> {
            need(2, 1);
            long len = memArg(stack[sp - 2]);
            long off = offArg(stack[sp - 1], len);
            use(Gas.KECCAK + Gas.KECCAK_WORD * Gas.words(len));
            expand(off, len);
            sp -= 2;
            push(UInt256.fromBytes(Keccak.hash(read(off, len))));
          }
          case 0x30 -> nullary(address.toWord());
          case 0x31 -> {
            need(1, 1);
            Address a = Address.of(pop());
            use(accessCost(a));
            push(state.balance(a));
          }
          case 0x32 -> nullary(tx.origin().toWord());
          case 0x33 -> nullary(caller.toWord());
          case 0x34 -> nullary(value);
          case 0x35 -> {
            need(1, 1);
            use(Gas.VERY_LOW);
            UInt256 off = pop();
            push(off.fitsLong() ? UInt256.fromPadded(data, off.longValue()) : UInt256.ZERO);
          }
          case 0x36 -> nullary(UInt256.of(data.length));
          case 0x37 -> copy(data);
          case 0x38 -> nullary(UInt256.of(code.length));
          case 0x39 -> copy(code);
          case 0x3a -> nullary(tx.gasPrice());
          case 0x3b -> {
            need(1, 1);
            Address a = Address.of(pop());
            use(accessCost(a));
            push(UInt256.of(state.code(a).length));
          }
          case 0x3c -> {
            need(4, 0);
            Address a = Address.of(stack[sp - 1]);
            long len = memArg(stack[sp - 4]);
            long memOff = offArg(stack[sp - 2], len);
            UInt256 srcOff = stack[sp - 3];
            use(Gas.COPY_WORD * Gas.words(len));
            use(accessCost(a));
            expand(memOff, len);
            sp -= 4;
            writePadded(memOff, state.code(a), srcOff.clampedLong(), len);
          }
          case 0x3d -> nullary(UInt256.of(returnData.length));
          case 0x3e -> {
            need(3, 0);
            UInt256 srcOff = stack[sp - 2];
            UInt256 lenWord = stack[sp - 3];
            long memOff = offArg(stack[sp - 1], lenWord.isZero() ? 0 : 1);
            if (!srcOff.fitsLong()
                || !lenWord.fitsLong()
                || srcOff.longValue() + lenWord.longValue() > returnData.length) {
              throw halt(Halt.RETURNDATA_OUT_OF_BOUNDS);
            }
            long len = lenWord.longValue();
            use(Gas.VERY_LOW + Gas.COPY_WORD * Gas.words(len));
            expand(memOff, len);
            sp -= 3;
            writePadded(memOff, returnData, srcOff.longValue(), len);
          }
          case 0x3f -> {
            need(1, 1);
            Address a = Address.of(pop());
            use(accessCost(a));
            if (state.isDead(a)) {
              push(UInt256.ZERO);
            } else {
              push(UInt256.fromBytes(Keccak.hash(state.code(a))));
            }
          }
          case 0x40 -> {
            need(1, 1);
            use(Gas.BLOCKHASH);
            UInt256 n = pop();
            long current = block.number();
            if (n.fitsLong() && n.longValue() < current && n.longValue() >= current - 256) {
              push(block.blockHash().apply(n.longValue()));
            } else {
              push(UInt256.ZERO);
            }
          }
          case 0x41 -> nullary(block.coinbase().toWord());
          case 0x42 -> nullary(UInt256.of(block.timestamp()));
          case 0x43 -> nullary(UInt256.of(block.number()));
          case 0x44 -> nullary(block.prevRandao());
          case 0x45 -> nullary(UInt256.of(block.gasLimit()));
          case 0x46 -> nullary(block.chainId());
          case 0x47 -> {
            need(0, 1);
            use(Gas.SELFBALANCE);
            push(state.balance(address));
          }
          case 0x48 -> nullary(block.baseFee());
          case 0x49 -> {
            need(1, 1);
            use(Gas.VERY_LOW);
            UInt256 i = pop();
            List<UInt256> hashes = tx.blobHashes();
            push(
                i.fitsInt() && i.longValue() < hashes.size()
                    ? hashes.get((int) i.longValue())
                    : UInt256.ZERO);
          }
          case 0x4a -> nullary(block.blobBaseFee());
          case 0x50 -> {
            need(1, 0);
            use(Gas.BASE);
            sp--;
          }
          case 0x51 -> {
            need(1, 1);
            long off = memArg(stack[sp - 1]);
            use(Gas.VERY_LOW);
            expand(off, 32);
            ensureCapacity();
            stack[sp - 1] = UInt256.fromBytes(memory, (int) off, 32);
          }
          case 0x52 -> {
            need(2, 0);
            long off = memArg(stack[sp - 1]);
            use(Gas.VERY_LOW);
            expand(off, 32);
            ensureCapacity();
            stack[sp - 2].into(memory, (int) off);
            sp -= 2;
          }
          case 0x53 -> {
            need(2, 0);
            long off = memArg(stack[sp - 1]);
            use(Gas.VERY_LOW);
            expand(off, 1);
            ensureCapacity();
            memory[(int) off] = (byte) stack[sp - 2].longValue();
            sp -= 2;
          }
          case 0x54 -> {
            need(1, 1);
            UInt256 key = pop();
            use(state.warmSlot(address, key) ? Gas.WARM_ACCESS : Gas.COLD_SLOAD);
            push(state.storage(address, key));
          }
          case 0x55 -> sstore();
          case 0x56 -> {
            need(1, 0);
            use(Gas.MID);
            pc = jumpTarget(pop());
            continue;
          }
          case 0x57 -> {
            need(2, 0);
            use(Gas.HIGH);
            UInt256 dest = pop();
            UInt256 cond = pop();
            if (!cond.isZero()) {
              pc = jumpTarget(dest);
              continue;
            }
          }
          case 0x58 -> nullary(UInt256.of(pc));
          case 0x59 -> nullary(UInt256.of(memWords * 32));
          case 0x5a -> {
            need(0, 1);
            use(Gas.BASE);
            push(UInt256.of(gas));
          }
          case 0x5b -> use(Gas.JUMPDEST);
          case 0x5c -> {
            need(1, 1);
            use(Gas.TRANSIENT);
            push(state.transientStorage(address, pop()));
          }
          case 0x5d -> {
            need(2, 0);
            if (isStatic) {
              throw halt(Halt.STATIC_STATE_CHANGE);
            }
            use(Gas.TRANSIENT);
            UInt256 key = pop();
            state.setTransientStorage(address, key, pop());
          }
          case 0x5e -> {
            need(3, 0);
            long len = memArg(stack[sp - 3]);
            long dst = offArg(stack[sp - 1], len);
            long src = offArg(stack[sp - 2], len);
            use(Gas.VERY_LOW + Gas.COPY_WORD * Gas.words(len));
            expand(Math.max(dst, src), len);
            sp -= 3;
            if (len > 0) {
              ensureCapacity();
              System.arraycopy(memory, (int) src, memory, (int) dst, (int) len);
            }
          }
          case 0x5f -> nullary(UInt256.ZERO);
          case 0xf0, 0xf5 -> create(op == 0xf5);
          case 0xf1, 0xf2, 0xf4, 0xfa -> call(op);
          case 0xf3, 0xfd -> {
            need(2, 0);
            long len = memArg(stack[sp - 2]);
            long off = offArg(stack[sp - 1], len);
            expand(off, len);
            sp -= 2;
            byte[] out = read(off, len);
            return new Result(op == 0xf3 ? Status.SUCCESS : Status.REVERT, gas, out, null, null);
          }
          case 0xff -> {
            selfDestruct();
            return new Result(Status.SUCCESS, gas, new byte[0], null, null);
          }
          default -> {
            if (op >= 0x60 && op <= 0x7f) {
              int n = op - 0x5f;
              need(0, 1);
              use(Gas.VERY_LOW);
              int start = pc + 1;
              int available = Math.max(0, Math.min(n, code.length - start));
              UInt256 v = UInt256.fromBytes(code, start, available);
              if (available < n) {
                v = v.shl(8 * (n - available));
              }
              push(v);
              pc += n;
            } else if (op >= 0x80 && op <= 0x8f) {
              int n = op - 0x7f;
              need(n, n + 1);
              use(Gas.VERY_LOW);
              push(stack[sp - n]);
            } else if (op >= 0x90 && op <= 0x9f) {
              int n = op - 0x8f;
              need(n + 1, n + 1);
              use(Gas.VERY_LOW);
              UInt256 t = stack[sp - 1];
              stack[sp - 1] = stack[sp - 1 - n];
              stack[sp - 1 - n] = t;
            } else if (op >= 0xa0 && op <= 0xa4) {
              log(op - 0xa0);
            } else {
              throw halt(Halt.INVALID_OPCODE);
            }
          }
        }
        pc++;
      }
      return new Result(Status.SUCCESS, gas, new byte[0], null, null);
    }

    private void nullary(UInt256 v) {
      need(0, 1);
      use(Gas.BASE);
      push(v);
    }

    private void binary(long cost, java.util.function.BinaryOperator<UInt256> f) {
      need(2, 1);
      use(cost);
      UInt256 a = pop();
      UInt256 b = pop();
      push(f.apply(a, b));
    }

    private void copy(byte[] src) {
      need(3, 0);
      long len = memArg(stack[sp - 3]);
      long memOff = offArg(stack[sp - 1], len);
      UInt256 srcOff = stack[sp - 2];
      use(Gas.VERY_LOW + Gas.COPY_WORD * Gas.words(len));
      expand(memOff, len);
      sp -= 3;
      writePadded(memOff, src, srcOff.clampedLong(), len);
    }

    private int jumpTarget(UInt256 dest) {
      if (jumps == null) {
        jumps = BitSetJumps.analyse(code);
      }
      if (!dest.fitsInt() || !jumps.valid((int) dest.longValue())) {
        throw halt(Halt.INVALID_JUMP);
      }
      return (int) dest.longValue();
    }

    private void sstore() {
      need(2, 0);
      if (isStatic) {
        throw halt(Halt.STATIC_STATE_CHANGE);
      }
      if (gas <= Gas.SSTORE_SENTRY) {
        throw halt(Halt.OUT_OF_GAS);
      }
      UInt256 key = pop();
      UInt256 now = pop();
      long cost = state.warmSlot(address, key) ? 0 : Gas.COLD_SLOAD;
      UInt256 current = state.storage(address, key);
      UInt256 original = state.originalStorage(address, key);
      long refund = 0;
      if (current.equals(now)) {
        cost += Gas.WARM_ACCESS;
      } else if (original.equals(current)) {
        if (original.isZero()) {
          cost += Gas.SSTORE_SET;
        } else {
          cost += Gas.SSTORE_RESET;
          if (now.isZero()) {
            refund += Gas.SSTORE_CLEARS_REFUND;
          }
        }
      } else {
        cost += Gas.WARM_ACCESS;
        if (!original.isZero()) {
          if (current.isZero()) {
            refund -= Gas.SSTORE_CLEARS_REFUND;
          } else if (now.isZero()) {
            refund += Gas.SSTORE_CLEARS_REFUND;
          }
        }
        if (original.equals(now)) {
          refund +=
              original.isZero()
                  ? Gas.SSTORE_SET - Gas.WARM_ACCESS
                  : Gas.SSTORE_RESET - Gas.WARM_ACCESS;
        }
      }
      use(cost);
      if (refund != 0) {
        state.addRefund(refund);
      }
      state.setStorage(address, key, now);
    }

    private void log(int topics) {
      need(2 + topics, 0);
      if (isStatic) {
        throw halt(Halt.STATIC_STATE_CHANGE);
      }
      long len = memArg(stack[sp - 2]);
      long off = offArg(stack[sp - 1], len);
      use(Gas.LOG + Gas.LOG_TOPIC * topics + Gas.LOG_BYTE * len);
      expand(off, len);
      sp -= 2;
      List<UInt256> t = new ArrayList<>(topics);
      for (int i = 0; i < topics; i++) {
        t.add(pop());
      }
      state.log(new TxState.Log(address, List.copyOf(t), read(off, len)));
    }

    private void selfDestruct() {
      need(1, 0);
      if (isStatic) {
        throw halt(Halt.STATIC_STATE_CHANGE);
      }
      Address beneficiary = Address.of(stack[sp - 1]);
      long cost = Gas.SELFDESTRUCT;
      if (!state.warmAddress(beneficiary)) {
        cost += Gas.COLD_ACCOUNT_ACCESS;
      }
      UInt256 balance = state.balance(address);
      if (!balance.isZero() && state.isDead(beneficiary)) {
        cost += Gas.NEW_ACCOUNT;
      }
      use(cost);
      sp--;
      if (state.createdInThisTx(address)) {
        state.subBalance(address, balance);
        if (!beneficiary.equals(address)) {
          state.addBalance(beneficiary, balance);
        }
        state.markDestructed(address);
      } else if (!beneficiary.equals(address)) {
        state.transfer(address, beneficiary, balance);
      }
    }

    private void create(boolean two) {
      need(two ? 4 : 3, 1);
      if (isStatic) {
        throw halt(Halt.STATIC_STATE_CHANGE);
      }
      UInt256 value = stack[sp - 1];
      long len = memArg(stack[sp - 3]);
      long off = offArg(stack[sp - 2], len);
      if (len > Gas.MAX_INITCODE_SIZE) {
        throw halt(Halt.INITCODE_TOO_LARGE);
      }
      long words = Gas.words(len);
      use(Gas.CREATE + Gas.INITCODE_WORD * words + (two ? Gas.KECCAK_WORD * words : 0));
      expand(off, len);
      UInt256 salt = two ? stack[sp - 4] : null;
      sp -= two ? 4 : 3;
      byte[] initCode = read(off, len);
      returnData = new byte[0];
      long nonce = state.nonce(address);
      if (depth + 1 > Gas.MAX_CALL_DEPTH
          || state.balance(address).compareTo(value) < 0
          || nonce == -1L >>> 1) {
        push(UInt256.ZERO);
        return;
      }
      long childGas = Gas.allButOne64th(gas);
      use(childGas);
      state.setNonce(address, nonce + 1);
      Address target =
          two ? create2Address(address, salt, initCode) : createAddress(address, nonce);
      Result r = createMessage(address, target, value, initCode, childGas, depth + 1);
      gas += r.gasLeft();
      if (r.status() == Status.SUCCESS) {
        push(target.toWord());
      } else {
        if (r.status() == Status.REVERT) {
          returnData = r.output();
        }
        push(UInt256.ZERO);
      }
    }

    private void call(int op) {
      need(op == 0xf1 || op == 0xf2 ? 7 : 6, 1);
      UInt256 gasWord = stack[sp - 1];
      Address to = Address.of(stack[sp - 2]);
      boolean hasValue = op == 0xf1 || op == 0xf2;
      UInt256 value = hasValue ? stack[sp - 3] : UInt256.ZERO;
      int a = hasValue ? 4 : 3;
      long inLen = memArg(stack[sp - a - 1]);
      long inOff = offArg(stack[sp - a], inLen);
      long outLen = memArg(stack[sp - a - 3]);
      long outOff = offArg(stack[sp - a - 2], outLen);
      if (op == 0xf1 && isStatic && !value.isZero()) {
        throw halt(Halt.STATIC_STATE_CHANGE);
      }
      long cost = 0;
      long words = memWords;
      if (inLen > 0 || outLen > 0) {
        long end = Math.max(inLen == 0 ? 0 : inOff + inLen, outLen == 0 ? 0 : outOff + outLen);
        words = Math.max(memWords, Gas.words(end));
        cost += Gas.memory(words) - Gas.memory(memWords);
      }
      cost += state.warmAddress(to) ? Gas.WARM_ACCESS : Gas.COLD_ACCOUNT_ACCESS;
      if (!value.isZero()) {
        cost += Gas.CALL_VALUE;
        if (op == 0xf1 && state.isDead(to)) {
          cost += Gas.NEW_ACCOUNT;
        }
      }
      use(cost);
      memWords = words;
      sp -= hasValue ? 7 : 6;
      long childGas = Math.min(gasWord.clampedLong(), Gas.allButOne64th(gas));
      use(childGas);
      if (!value.isZero()) {
        childGas += Gas.CALL_STIPEND;
      }
      byte[] input = read(inOff, inLen);
      returnData = new byte[0];
      if (depth + 1 > Gas.MAX_CALL_DEPTH
          || (hasValue && state.balance(address).compareTo(value) < 0)) {
        gas += childGas; // the stipend included, as every client does
        push(UInt256.ZERO);
        return;
      }
      Result r =
          switch (op) {
            case 0xf1 ->
                callMessage(
                    address, to, to, value, value, input, childGas, depth + 1, isStatic, true);
            case 0xf2 ->
                callMessage(
                    address, address, to, value, value, input, childGas, depth + 1, isStatic, true);
            case 0xf4 ->
                callMessage(
                    caller,
                    address,
                    to,
                    this.value,
                    this.value,
                    input,
                    childGas,
                    depth + 1,
                    isStatic,
                    false);
            default ->
                callMessage(
                    address,
                    to,
                    to,
                    UInt256.ZERO,
                    UInt256.ZERO,
                    input,
                    childGas,
                    depth + 1,
                    true,
                    true);
          };
      gas += r.gasLeft();
      returnData = r.output();
      if (outLen > 0 && returnData.length > 0) {
        ensureCapacity();
        System.arraycopy(
            returnData, 0, memory, (int) outOff, (int) Math.min(outLen, returnData.length));
      }
      push(bool(r.success()));
    }
  }

  private static UInt256 bool(boolean b) {
    return b ? UInt256.ONE : UInt256.ZERO;
  }
}
