package org.jingchain.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a service's bundled text files (its OpenAPI document, its console script). */
public final class Resources {
  private Resources() {}

  /**
   * The UTF-8 text of {@code name} beside {@code owner} in its jar.
   *
   * @throws IllegalStateException when it is missing (a packaging error)
   */
  public static String text(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            name + " is missing beside " + owner.getName() + " in its jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name + " of " + owner.getName(), e);
    }
  }
}
