package org.jingchain.datadir.search;

import java.util.List;
import java.util.Objects;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;

/**
 * What the search index keeps of a catalogue entry: the searchable text and the facets.
 *
 * @param policy public, approval or group
 * @param status active or retired
 */
public record CatalogueDoc(
    String id,
    String owner,
    String title,
    String description,
    String sector,
    List<String> tags,
    String format,
    String policy,
    String status,
    String licence) {
  public CatalogueDoc {
    Objects.requireNonNull(id, "id");
    tags = List.copyOf(tags);
  }

  static byte[] encode(CatalogueDoc d) {
    Encoder e = new Encoder(256 + d.description().length() * 4);
    e.string(d.id()).string(d.owner()).string(d.title()).string(d.description()).string(d.sector());
    e.u32(d.tags().size());
    for (String t : d.tags()) {
      e.string(t);
    }
    e.string(d.format()).string(d.policy()).string(d.status()).string(d.licence());
    return e.toByteArray();
  }

  static CatalogueDoc decode(byte[] b) {
    Decoder d = new Decoder(b);
    String id = d.string("id", 1 << 16);
    String owner = d.string("owner", 1 << 16);
    String title = d.string("title", 1 << 16);
    String description = d.string("description", 1 << 20);
    String sector = d.string("sector", 1 << 16);
    int n = d.count("tags", 1 << 12);
    java.util.ArrayList<String> tags = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tags.add(d.string("tag", 1 << 12));
    }
    CatalogueDoc doc =
        new CatalogueDoc(
            id,
            owner,
            title,
            description,
            sector,
            tags,
            d.string("format", 1 << 16),
            d.string("policy", 1 << 8),
            d.string("status", 1 << 8),
            d.string("licence", 1 << 16));
    d.finish("catalogue doc");
    return doc;
  }
}
