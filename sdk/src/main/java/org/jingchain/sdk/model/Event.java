package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * An event a contract emitted, in a receipt: its contract, type and attributes in the order the
 * contract gave them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Event(String contract, String type, Map<String, String> attributes) {
  public Event {
    attributes = Copies.map(attributes);
  }
}
