package org.jingchain.vc;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jingchain.identity.StatusListContract;

/**
 * A credential's place in one of its issuer's on-chain status lists (W3C Bitstring Status List
 * entry). The list is named by a DID URL under the issuer: {@code did:jing:<id>/status/<listId>}.
 */
public record StatusEntry(StatusListContract.Purpose purpose, String listId, int index) {
  public StatusEntry {
    if (index < 0) {
      throw new IllegalArgumentException("status index must be >= 0");
    }
    if (!listId.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("list id must be 1..64 of A-Z a-z 0-9 . _ -");
    }
  }

  /** The DID URL of {@code issuerDid}'s list {@code listId}. */
  public static String listUrl(String issuerDid, String listId) {
    return issuerDid + "/status/" + listId;
  }

  /** The JSON of a {@code BitstringStatusListEntry} for {@code issuerDid}. */
  Map<String, Object> toJson(String issuerDid) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", listUrl(issuerDid, listId) + "#" + index);
    m.put("type", "BitstringStatusListEntry");
    m.put("statusPurpose", purpose.name().toLowerCase(java.util.Locale.ROOT));
    m.put("statusListIndex", Integer.toString(index));
    m.put("statusListCredential", listUrl(issuerDid, listId));
    return m;
  }

  /** Parses an entry and checks it names a list of {@code issuerDid} [VC-7]. */
  static StatusEntry fromJson(Object json, String issuerDid) throws VcException {
    if (!(json instanceof Map<?, ?> m)) {
      throw invalid("a credentialStatus entry is not an object");
    }
    if (!"BitstringStatusListEntry".equals(m.get("type"))) {
      throw invalid("credentialStatus type must be BitstringStatusListEntry");
    }
    StatusListContract.Purpose purpose;
    if ("revocation".equals(m.get("statusPurpose"))) {
      purpose = StatusListContract.Purpose.REVOCATION;
    } else if ("suspension".equals(m.get("statusPurpose"))) {
      purpose = StatusListContract.Purpose.SUSPENSION;
    } else {
      throw invalid("statusPurpose must be revocation or suspension");
    }
    if (!(m.get("statusListCredential") instanceof String url)
        || !url.startsWith(issuerDid + "/status/")) {
      throw invalid(
          "statusListCredential must be a list of the issuer, " + issuerDid + "/status/…");
    }
    String listId = url.substring(issuerDid.length() + "/status/".length());
    int index;
    try {
      index = Integer.parseInt(String.valueOf(m.get("statusListIndex")));
      return new StatusEntry(purpose, listId, index);
    } catch (IllegalArgumentException e) {
      throw invalid("bad statusListIndex or list id: " + e.getMessage());
    }
  }

  /** The state key of this entry's list record. */
  String listKey(String issuerDid) {
    return StatusListContract.listKey(issuerDid, listId);
  }

  String pageKey(String issuerDid) {
    return StatusListContract.pageKey(issuerDid, listId, index / StatusListContract.PAGE_BITS);
  }

  private static VcException invalid(String message) {
    return new VcException(VcException.Reason.STATUS_INVALID, message);
  }
}
