package org.jingchain.datadir.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Full-text and faceted search over the data catalogue (docs/spec/datadir.md, search): a Lucene
 * index that the node keeps from committed blocks and can rebuild from the chain's state at any
 * time, because the chain is the only source of truth. Not part of consensus: nothing on chain
 * reads it. Thread-safe.
 */
public final class CatalogueIndex implements AutoCloseable {
  /** Most hits one search returns. */
  public static final int MAX_LIMIT = 100;

  /** Longest query text accepted. */
  public static final int MAX_QUERY_CHARS = 512;

  /** Facet values returned per facet. */
  public static final int MAX_FACET_VALUES = 20;

  private static final String ID = "id";
  private static final String TEXT_TITLE = "title";
  private static final String TEXT_DESCRIPTION = "description";
  private static final String TEXT_TAGS = "tagsText";
  private static final String HEIGHT = "jing.height";
  private static final List<String> FACETS = List.of("sector", "tag", "owner", "policy", "status");

  private final Directory dir;
  private final IndexWriter writer;

  /** Searchers over the last commit, refreshed by {@link #commit}: a query never flushes. */
  private final org.apache.lucene.search.SearcherManager searchers;

  private final StandardAnalyzer analyzer = new StandardAnalyzer();

  private CatalogueIndex(Directory dir) throws IOException {
    this.dir = dir;
    this.writer =
        new IndexWriter(
            dir,
            new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
    this.searchers = new org.apache.lucene.search.SearcherManager(writer, null);
  }

  /** An index on disk under {@code path} (created when absent). */
  public static CatalogueIndex open(Path path) {
    try {
      return new CatalogueIndex(FSDirectory.open(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the catalogue index in " + path, e);
    }
  }

  /** An index in memory (tests, rebuild comparisons). */
  public static CatalogueIndex inMemory() {
    try {
      return new CatalogueIndex(new ByteBuffersDirectory());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds or replaces the entry of {@code doc.id()}. */
  public void put(CatalogueDoc doc) {
    Document d = new Document();
    d.add(new StringField(ID, doc.id(), Field.Store.YES));
    d.add(new SortedDocValuesField(ID, new BytesRef(doc.id())));
    d.add(new TextField(TEXT_TITLE, doc.title(), Field.Store.NO));
    d.add(new TextField(TEXT_DESCRIPTION, doc.description(), Field.Store.NO));
    d.add(new TextField(TEXT_TAGS, String.join(" ", doc.tags()), Field.Store.NO));
    facet(d, "sector", doc.sector());
    facet(d, "owner", doc.owner());
    facet(d, "policy", doc.policy());
    facet(d, "status", doc.status());
    for (String t : doc.tags()) {
      facet(d, "tag", t);
    }
    d.add(new StoredField("doc", CatalogueDoc.encode(doc)));
    try {
      writer.updateDocument(new Term(ID, doc.id()), d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void facet(Document d, String name, String value) {
    d.add(new StringField(name, value, Field.Store.NO));
    d.add(new SortedSetDocValuesField(name, new BytesRef(value)));
  }

  public void delete(String id) {
    try {
      writer.deleteDocuments(new Term(ID, id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Drops every entry (before a rebuild). */
  public void clear() {
    try {
      writer.deleteAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes the changes so far durable and visible, as of chain height {@code height}. */
  public void commit(long height) {
    try {
      writer.setLiveCommitData(Map.of(HEIGHT, Long.toString(height)).entrySet());
      writer.commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The chain height of the last commit, or -1 for an index never committed. */
  public long indexedHeight() {
    try {
      if (!DirectoryReader.indexExists(dir)) {
        return -1;
      }
      try (DirectoryReader r = DirectoryReader.open(dir)) {
        String h = r.getIndexCommit().getUserData().get(HEIGHT);
        return h == null ? -1 : Long.parseLong(h);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A search: free text (may be empty: everything) and exact facet filters (all must match). */
  public record SearchRequest(String text, Map<String, String> filters, int offset, int limit) {
    public SearchRequest {
      Objects.requireNonNull(text, "text");
      filters = new TreeMap<>(filters);
      if (text.length() > MAX_QUERY_CHARS) {
        throw new IllegalArgumentException(
            "the query is longer than " + MAX_QUERY_CHARS + " characters");
      }
      for (String f : filters.keySet()) {
        if (!FACETS.contains(f)) {
          throw new IllegalArgumentException("unknown filter '" + f + "'; filters are " + FACETS);
        }
      }
      if (offset < 0 || offset > 10_000) {
        throw new IllegalArgumentException("offset must be 0..10000");
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
      }
    }
  }

  /** One page of hits, best first (ties by id), the total, and facet counts over all hits. */
  public record SearchResult(
      long total, List<CatalogueDoc> hits, Map<String, Map<String, Long>> facets) {}

  public SearchResult search(SearchRequest req) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    String text = req.text().strip();
    if (text.isEmpty()) {
      b.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
    } else {
      SimpleQueryParser p =
          new SimpleQueryParser(
              analyzer, Map.of(TEXT_TITLE, 3.0f, TEXT_TAGS, 2.0f, TEXT_DESCRIPTION, 1.0f));
      p.setDefaultOperator(BooleanClause.Occur.MUST);
      b.add(p.parse(text), BooleanClause.Occur.MUST);
    }
    for (var f : req.filters().entrySet()) {
      b.add(new TermQuery(new Term(f.getKey(), f.getValue())), BooleanClause.Occur.FILTER);
    }
    Query q = b.build();
    IndexSearcher s = acquire();
    try {
      Sort sort = new Sort(SortField.FIELD_SCORE, new SortField(ID, SortField.Type.STRING));
      TopDocs top = s.search(q, req.offset() + req.limit(), sort);
      List<CatalogueDoc> hits = new ArrayList<>();
      for (int i = req.offset(); i < top.scoreDocs.length; i++) {
        ScoreDoc sd = top.scoreDocs[i];
        hits.add(
            CatalogueDoc.decode(s.storedFields().document(sd.doc).getBinaryValue("doc").bytes));
      }
      return new SearchResult(s.count(q), hits, facets(s, q));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      release(s);
    }
  }

  /** Counts of each facet value over every hit, most frequent first (ties by value). */
  private static Map<String, Map<String, Long>> facets(IndexSearcher s, Query q)
      throws IOException {
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    for (String f : FACETS) {
      counts.put(f, new TreeMap<>());
    }
    Weight w = s.createWeight(s.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f);
    for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
      Scorer scorer = w.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      // count by ordinal within the segment; turn ordinals into values once per segment
      List<SortedSetDocValues> dv = new ArrayList<>();
      List<long[]> byOrd = new ArrayList<>();
      for (String f : FACETS) {
        SortedSetDocValues v = leaf.reader().getSortedSetDocValues(f);
        dv.add(v);
        byOrd.add(v == null ? new long[0] : new long[(int) v.getValueCount()]);
      }
      DocIdSetIterator it = scorer.iterator();
      var live = leaf.reader().getLiveDocs();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        for (int f = 0; f < dv.size(); f++) {
          SortedSetDocValues v = dv.get(f);
          if (v != null && v.advanceExact(doc)) {
            long[] c = byOrd.get(f);
            for (int i = 0; i < v.docValueCount(); i++) {
              c[(int) v.nextOrd()]++;
            }
          }
        }
      }
      for (int f = 0; f < dv.size(); f++) {
        long[] c = byOrd.get(f);
        for (int ord = 0; ord < c.length; ord++) {
          if (c[ord] > 0) {
            counts
                .get(FACETS.get(f))
                .merge(dv.get(f).lookupOrd(ord).utf8ToString(), c[ord], Long::sum);
          }
        }
      }
    }
    Map<String, Map<String, Long>> top = new TreeMap<>();
    for (var e : counts.entrySet()) {
      List<Map.Entry<String, Long>> sorted = new ArrayList<>(e.getValue().entrySet());
      sorted.sort(
          (a, b) ->
              !a.getValue().equals(b.getValue())
                  ? Long.compare(b.getValue(), a.getValue())
                  : a.getKey().compareTo(b.getKey()));
      Map<String, Long> kept = new java.util.LinkedHashMap<>();
      for (var x : sorted.subList(0, Math.min(MAX_FACET_VALUES, sorted.size()))) {
        kept.put(x.getKey(), x.getValue());
      }
      top.put(e.getKey(), kept);
    }
    return top;
  }

  /** Every entry, by id: what a rebuilt index is compared with. */
  public List<CatalogueDoc> snapshot() {
    IndexSearcher s = acquire();
    try {
      int n = Math.max(1, s.getIndexReader().numDocs());
      TopDocs all =
          s.search(new MatchAllDocsQuery(), n, new Sort(new SortField(ID, SortField.Type.STRING)));
      List<CatalogueDoc> out = new ArrayList<>();
      for (ScoreDoc sd : all.scoreDocs) {
        out.add(CatalogueDoc.decode(s.storedFields().document(sd.doc).getBinaryValue("doc").bytes));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      release(s);
    }
  }

  private IndexSearcher acquire() {
    try {
      return searchers.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void release(IndexSearcher s) {
    try {
      searchers.release(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
      dir.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
