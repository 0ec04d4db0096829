package org.jingchain.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.jingchain.codec.DecodeException;
import org.jingchain.consensus.ConsensusMessage.Proposal;
import org.jingchain.consensus.ConsensusMessage.SyncRequest;
import org.jingchain.consensus.ConsensusMessage.SyncResponse;
import org.jingchain.consensus.ConsensusMessage.Timeout;
import org.jingchain.consensus.ConsensusMessage.Vote;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The wire format of docs/spec/consensus.md, decoded as strictly as docs/spec/encoding.md. */
class MessageCodecTest {
  static final TestValidators V = new TestValidators(CryptoSuites.intl(), 4);
  static final String CHAIN = "jing-test";

  static Block block() {
    Address proposer = V.set.address(1);
    BlockHeader h =
        new BlockHeader(
            CHAIN,
            3,
            5,
            Hash.fromHex("aa".repeat(32)),
            1_700_000_000_000L,
            proposer,
            Hash.ZERO,
            0,
            Hash.fromHex("bb".repeat(32)),
            Hash.ZERO);
    return new Block(h, List.of());
  }

  static List<ConsensusMessage> messages() {
    VoteData d = new VoteData(CHAIN, 4, 2, Hash.fromHex("aa".repeat(32)));
    QuorumCert qc = V.qc(d, 0, 1, 2);
    TimeoutCert tc = V.tc(CHAIN, 4, 3, 0, 1, 3);
    Bytes sig = Bytes.wrap(new byte[64]);
    return List.of(
        new Proposal(new ProposedBlock(block(), qc), null, 1, sig),
        new Proposal(new ProposedBlock(block(), qc), tc, 1, sig),
        new Vote(d, 2, sig),
        new Timeout(5, qc, tc, 3, sig),
        new Timeout(5, qc, null, 3, sig),
        new SyncRequest(7, 64, Hash.fromHex("cc".repeat(32))),
        new SyncResponse(List.of(new ProposedBlock(block(), qc)), qc),
        new SyncResponse(List.of(), null),
        // [GOV-8] an answer ending at an epoch's last block, with direct and indirect proofs
        new SyncResponse(
            List.of(new ProposedBlock(block(), qc)), null, new CommitProof(block().header(), qc)),
        new SyncResponse(
            List.of(new ProposedBlock(block(), qc)),
            qc,
            new CommitProof(block().header(), qc, List.of(block().header(), block().header()))));
  }

  // [GOV-8] the epoch-end flag is a strict bool: any other byte is refused
  @Test
  void aSyncResponseWithABadEpochEndFlagIsRefused() {
    byte[] plain = MessageCodec.encode(new SyncResponse(List.of(), null));
    byte[] bad = plain.clone();
    bad[bad.length - 1] = 2;
    assertThatThrownBy(() -> MessageCodec.decode(bad)).isInstanceOf(DecodeException.class);
  }

  // [GOV-9] a vote of epoch 1 signs other bytes than the same vote of epoch 0
  @Test
  void signaturesOfDifferentEpochsSignDifferentBytes() {
    VoteData d = new VoteData(CHAIN, 4, 2, Hash.fromHex("aa".repeat(32)));
    assertThat(d.signingBytes()).isEqualTo(d.signingBytes(0));
    assertThat(d.signingBytes(1)).isNotEqualTo(d.signingBytes(0));
    assertThat(d.signingBytes(1)).isNotEqualTo(d.signingBytes(2));
    assertThat(new TimeoutData(CHAIN, 4, 3).signingBytes(1))
        .isNotEqualTo(new TimeoutData(CHAIN, 4, 3).signingBytes(0));
    assertThat(Proposal.signingBytes(CHAIN, 1, 4, Hash.ZERO))
        .isNotEqualTo(Proposal.signingBytes(CHAIN, 4, Hash.ZERO));
  }

  @ParameterizedTest
  @MethodSource("messages")
  void everyMessageDecodesToItselfAndReencodesToTheSameBytes(ConsensusMessage m) {
    byte[] bytes = MessageCodec.encode(m);
    ConsensusMessage back = MessageCodec.decode(bytes);
    assertThat(MessageCodec.encode(back)).isEqualTo(bytes);
    assertThat(back.getClass()).isEqualTo(m.getClass());
  }

  // [ENC-1] [ENC-2]
  @ParameterizedTest
  @MethodSource("messages")
  void everyStrictPrefixAndAnyTrailingByteIsRejected(ConsensusMessage m) {
    byte[] bytes = MessageCodec.encode(m);
    for (int n = 0; n < bytes.length; n++) {
      byte[] prefix = Arrays.copyOf(bytes, n);
      assertThatThrownBy(() -> MessageCodec.decode(prefix)).isInstanceOf(DecodeException.class);
    }
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> MessageCodec.decode(longer)).isInstanceOf(DecodeException.class);
  }

  // [ENC-3] [ENC-4]
  @Test
  void unknownKindsAndCountsAboveTheirLimitsAreRejectedBeforeAllocating() {
    assertThatThrownBy(() -> MessageCodec.decode(new byte[] {0x7f}))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("unknown consensus message kind");
    byte[] hugeSync = {0x05, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    assertThatThrownBy(() -> MessageCodec.decode(hugeSync))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("exceeds the limit of " + MessageCodec.MAX_SYNC_BLOCKS);
    byte[] bigAsk = {0x04, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0x10, 0};
    // (the limit is checked before the target hash is even read)
    assertThatThrownBy(() -> MessageCodec.decode(bigAsk))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("maxBlocks");
  }

  @Test
  void aSafetyRecordSurvivesTheTripToDisk() {
    QuorumCert qc = V.qc(new VoteData(CHAIN, 4, 2, Hash.fromHex("aa".repeat(32))), 0, 1, 2);
    SafetyRecord r = new SafetyRecord(9, 4, qc, V.tc(CHAIN, 8, 4, 1, 2, 3));
    assertThat(MessageCodec.decodeSafetyRecord(MessageCodec.encode(r))).isEqualTo(r);
    SafetyRecord noTc = new SafetyRecord(5, 4, qc, null);
    assertThat(MessageCodec.decodeSafetyRecord(MessageCodec.encode(noTc))).isEqualTo(noTc);
  }
}
