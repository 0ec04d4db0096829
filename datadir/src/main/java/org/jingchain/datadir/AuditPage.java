package org.jingchain.datadir;

import java.util.List;

/** Entries {@code from .. from + entries.size() - 1} of an audit index of {@code total}. */
public record AuditPage(List<AuditEntry> entries, long from, long total) {
  public AuditPage {
    entries = List.copyOf(entries);
  }

  public boolean hasMore() {
    return from + entries.size() < total;
  }
}
