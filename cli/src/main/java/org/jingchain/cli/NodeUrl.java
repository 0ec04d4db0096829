package org.jingchain.cli;

import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A node's API address as a user types it ({@code --api} and the options naming another node):
 * {@code 127.0.0.1:8645} means {@code http://127.0.0.1:8645}; a trailing {@code /} or {@code
 * /api/v1} is dropped; anything that is not an http(s) URL with a host is refused with an example,
 * before anything is sent.
 */
final class NodeUrl implements ITypeConverter<String> {
  @Override
  public String convert(String value) {
    return normalise(value);
  }

  static String normalise(String value) {
    String v = value.strip();
    if (!v.contains("://")) {
      v = "http://" + v;
    }
    URI u;
    try {
      u = new URI(v);
    } catch (URISyntaxException e) {
      throw refused(value);
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || u.getHost() == null
        || u.getQuery() != null
        || u.getFragment() != null) {
      throw refused(value);
    }
    while (v.endsWith("/")) {
      v = v.substring(0, v.length() - 1);
    }
    if (v.endsWith("/api/v1")) {
      v = v.substring(0, v.length() - "/api/v1".length());
    }
    return v;
  }

  private static TypeConversionException refused(String value) {
    return new TypeConversionException(
        "'" + value + "' is not a node's address: give one like http://127.0.0.1:8645");
  }
}
