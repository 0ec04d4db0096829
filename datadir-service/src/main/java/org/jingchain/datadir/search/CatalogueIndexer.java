package org.jingchain.datadir.search;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jingchain.datadir.DataAsset;
import org.jingchain.datadir.Datadir;
import org.jingchain.datadir.DatadirCalls;
import org.jingchain.datadir.DatadirLimits;
import org.jingchain.execution.StateReader;
import org.jingchain.types.Event;

/**
 * Keeps a {@link CatalogueIndex} equal to the catalogue in chain state (docs/spec/datadir.md,
 * search): entry by entry from the events of committed blocks, or from scratch by reading every
 * asset. Both give the same index, so a node may always throw its index away and rebuild it.
 */
public final class CatalogueIndexer {
  private CatalogueIndexer() {}

  /** What the index keeps of {@code a}. */
  public static CatalogueDoc doc(DataAsset a) {
    return new CatalogueDoc(
        a.id(),
        a.owner(),
        a.metadata().title(),
        a.metadata().description(),
        a.metadata().sector().label(),
        a.metadata().tags(),
        a.metadata().format(),
        a.policy().kind().label(),
        a.status().name().toLowerCase(Locale.ROOT),
        a.metadata().licence());
  }

  /** Empties {@code index} and indexes every asset in {@code state}, as of {@code height}. */
  public static long rebuild(StateReader state, CatalogueIndex index, long height) {
    index.clear();
    long total = Datadir.assetCount(state);
    long n = 0;
    for (long from = 0; from < total; from += DatadirLimits.MAX_PAGE) {
      for (String id : Datadir.assets(state, from, DatadirLimits.MAX_PAGE)) {
        Datadir.asset(state, id).ifPresent(a -> index.put(doc(a)));
        n++;
      }
    }
    index.commit(height);
    return n;
  }

  /** The assets a block's events touched: every data-directory event names its asset. */
  public static SortedSet<String> touched(List<Event> events) {
    SortedSet<String> ids = new TreeSet<>();
    for (Event e : events) {
      if (e.contract().equals(DatadirCalls.CONTRACT)) {
        e.attribute("asset").filter(id -> !id.isEmpty()).ifPresent(ids::add);
      }
    }
    return ids;
  }

  /** Re-reads {@code ids} from {@code state} (after a block) and commits the index at it. */
  public static void apply(
      StateReader state, CatalogueIndex index, Collection<String> ids, long height) {
    for (String id : ids) {
      Optional<DataAsset> a = Datadir.asset(state, id);
      if (a.isPresent()) {
        index.put(doc(a.get()));
      } else {
        index.delete(id);
      }
    }
    index.commit(height);
  }
}
