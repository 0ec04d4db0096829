package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Packets sent through a client and not yet acknowledged or timed out ({@code GET
 * /xchain/packets/{client}}), by sequence.
 *
 * @param client the sending client
 * @param nextSequence the sequence the next packet will get
 * @param pending the packets whose commitment is still in state
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record XchainPackets(String client, long nextSequence, List<Packet> pending) {
  public XchainPackets {
    pending = Copies.list(pending);
  }

  /**
   * One packet (docs/spec/xchain.md section 1.3).
   *
   * @param sequence its sequence through the client, from 1
   * @param sourceClient the sending client
   * @param destClient the receiving client on the other chain
   * @param app the application: {@code transfer} or {@code nft}
   * @param timeoutHeight the destination height it must be received below (0: none)
   * @param timeoutMillis the destination time it must be received before (0: none)
   * @param content the application data decoded ({@code denom}, {@code amount}, {@code sender},
   *     {@code receiver} for a transfer)
   * @param bytes the packet's canonical bytes (hex), as committed
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Packet(
      long sequence,
      String sourceClient,
      String destClient,
      String app,
      long timeoutHeight,
      long timeoutMillis,
      Map<String, Object> content,
      String bytes) {
    public Packet {
      content = Copies.map(content);
    }
  }
}
