package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The answer of {@code GET /blocks?limit=N}: the newest block headers, newest first. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BlockList(List<Header> blocks) {
  public BlockList {
    blocks = Copies.list(blocks);
  }
}
