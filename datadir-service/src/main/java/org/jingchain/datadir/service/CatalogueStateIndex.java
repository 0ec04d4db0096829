package org.jingchain.datadir.service;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import org.jingchain.datadir.search.CatalogueIndex;
import org.jingchain.datadir.search.CatalogueIndexer;
import org.jingchain.execution.StateReader;
import org.jingchain.service.CommittedBlock;
import org.jingchain.service.StateIndex;
import org.jingchain.types.Event;
import org.jingchain.types.Receipt;

/**
 * The catalogue search index as the node runs it (docs/spec/datadir.md [DD-21]): rebuilt from state
 * when behind, then updated with the assets each committed block touched.
 */
final class CatalogueStateIndex implements StateIndex {
  private final CatalogueIndex index;

  CatalogueStateIndex(CatalogueIndex index) {
    this.index = index;
  }

  @Override
  public long indexedHeight() {
    return index.indexedHeight();
  }

  @Override
  public void rebuild(StateReader state, long height) {
    CatalogueIndexer.rebuild(state, index, height);
  }

  @Override
  public void apply(CommittedBlock block, StateReader state) {
    List<Event> events = new ArrayList<>();
    for (Receipt r : block.receipts()) {
      events.addAll(r.events());
    }
    SortedSet<String> ids = CatalogueIndexer.touched(events);
    if (!ids.isEmpty()) { // a block without catalogue changes only advances the progress
      CatalogueIndexer.apply(state, index, ids, block.height());
    }
  }

  @Override
  public void flush(long height) {
    index.commit(height);
  }

  @Override
  public void close() {
    index.close();
  }
}
