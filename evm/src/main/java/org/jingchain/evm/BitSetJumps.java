package org.jingchain.evm;

import java.util.BitSet;

/** The valid JUMP targets of a piece of code: JUMPDEST bytes that are not inside PUSH data. */
final class BitSetJumps {
  private final BitSet dests;

  private BitSetJumps(BitSet dests) {
    this.dests = dests;
  }

  static BitSetJumps analyse(byte[] code) {
    BitSet d = new BitSet(code.length);
    for (int pc = 0; pc < code.length; pc++) {
      int op = code[pc] & 0xFF;
      if (op == 0x5b) {
        d.set(pc);
      } else if (op >= 0x60 && op <= 0x7f) {
        pc += op - 0x5f;
      }
    }
    return new BitSetJumps(d);
  }

  boolean valid(int pc) {
    return dests.get(pc);
  }
}
