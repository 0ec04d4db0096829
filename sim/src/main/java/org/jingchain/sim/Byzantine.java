package org.jingchain.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.jingchain.codec.Canonical;
import org.jingchain.consensus.ConsensusMessage;
import org.jingchain.consensus.ConsensusMessage.Proposal;
import org.jingchain.consensus.ConsensusMessage.Vote;
import org.jingchain.consensus.MessageCodec;
import org.jingchain.consensus.ProposedBlock;
import org.jingchain.consensus.VoteData;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;

/**
 * What a Byzantine validator does to its outgoing messages. It runs a real node underneath (so it
 * stays in step with the others) and signs its misbehaviour with its own key only.
 */
final class Byzantine {
  private final Simulation sim;
  private final Random random;
  private final Map<Long, Proposal> alternatives = new HashMap<>();

  Byzantine(Simulation sim, Random random) {
    this.sim = sim;
    this.random = random;
  }

  void send(SimNode n, int to, ConsensusMessage m) {
    switch (n.behaviour) {
      case WITHHOLD -> {
        if (!(m instanceof Vote) && !(m instanceof ConsensusMessage.Timeout)) {
          plain(n, to, m);
        }
      }
      case EQUIVOCATE -> {
        if (m instanceof Proposal p && p.proposer() == n.index && to % 2 == 1) {
          Proposal alt = alternatives.computeIfAbsent(p.round(), r -> alternative(n, p));
          plain(n, to, alt);
          int next = n.engine.core().validators().leader(p.round() + 1);
          plain(n, next, vote(n, alt.block().header()));
        } else {
          plain(n, to, m);
        }
      }
      case DOUBLE_VOTE -> {
        plain(n, to, m);
        if (m instanceof Vote v) {
          VoteData fake =
              new VoteData(v.data().chainId(), v.data().round(), v.data().height(), randomHash());
          plain(n, to, signed(n, fake));
        }
      }
      case GARBAGE -> {
        if (random.nextInt(10) < 4) {
          sim.network.send(n.index, to, garbage(MessageCodec.encode(m)));
        } else {
          plain(n, to, m);
        }
      }
      case HONEST -> plain(n, to, m);
    }
  }

  private void plain(SimNode n, int to, ConsensusMessage m) {
    if (to != n.index) {
      sim.network.send(n.index, to, MessageCodec.encode(m));
    }
  }

  /** The same block a second later: valid on its parent, and a different block. */
  private static Proposal alternative(SimNode n, Proposal p) {
    BlockHeader h = p.block().header();
    Block b = new Block(withTimestamp(h, h.timestampMillis() + 1), p.block().transactions());
    Hash hash = hashOf(b.header());
    byte[] sig =
        SimCrypto.signature(n.key, Proposal.signingBytes(h.chainId(), epoch(n), h.round(), hash));
    return new Proposal(new ProposedBlock(b, p.justify()), p.tc(), n.index, Bytes.wrap(sig));
  }

  private static long epoch(SimNode n) {
    return n.engine.core().epoch().number();
  }

  private static Hash hashOf(BlockHeader h) {
    return SimSuite.INSTANCE.hash(Canonical.encode(h));
  }

  private static BlockHeader withTimestamp(BlockHeader h, long ts) {
    return new BlockHeader(
        h.chainId(),
        h.height(),
        h.round(),
        h.parentHash(),
        ts,
        h.proposer(),
        h.txRoot(),
        h.txCount(),
        h.stateRoot(),
        h.resultsRoot());
  }

  private static Vote vote(SimNode n, BlockHeader h) {
    return signed(n, new VoteData(h.chainId(), h.round(), h.height(), hashOf(h)));
  }

  private static Vote signed(SimNode n, VoteData d) {
    return new Vote(d, n.index, Bytes.wrap(SimCrypto.signature(n.key, d.signingBytes(epoch(n)))));
  }

  private Hash randomHash() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Hash.wrap(b);
  }

  /** Random bytes, a truncation, a flipped bit, a huge count, or an unknown kind. */
  private byte[] garbage(byte[] valid) {
    return switch (random.nextInt(5)) {
      case 0 -> {
        byte[] b = new byte[1 + random.nextInt(200)];
        random.nextBytes(b);
        yield b;
      }
      case 1 -> java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
      case 2 -> {
        byte[] b = valid.clone();
        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        yield b;
      }
      case 3 -> new byte[] {0x05, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
      default -> new byte[] {(byte) 0x7f, 1, 2, 3};
    };
  }
}
