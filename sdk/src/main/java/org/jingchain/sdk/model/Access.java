package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /access}: who may read what on the chain (docs/spec/api-access.md).
 *
 * @param height the height whose state the rules were read in
 * @param families each family of routes with its read rule: {@code public}, {@code members}, or
 *     roles such as {@code admin,auditor}
 * @param caller who the request's token proved the caller is; null for an anonymous request
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Access(long height, Map<String, String> families, Caller caller) {
  public Access {
    families = Copies.map(families);
  }

  /**
   * A caller.
   *
   * @param org its organisation, or null when it holds no role on the chain
   * @param roles its roles there
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Caller(String account, String org, List<String> roles) {
    public Caller {
      roles = Copies.list(roles);
    }
  }
}
