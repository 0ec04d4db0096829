package org.jingchain.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * An optional JFR recording of the driven phase only, so that key generation, signing and the
 * verification baseline do not drown the node's profile.
 */
final class Profile implements AutoCloseable {
  private final Recording recording;
  private final Path file;

  private Profile(Recording recording, Path file) {
    this.recording = recording;
    this.file = file;
  }

  /** Starts recording with JFR's "profile" settings, or does nothing when {@code file} is null. */
  static Profile start(Path file) {
    if (file == null) {
      return new Profile(null, null);
    }
    try {
      Recording r = new Recording(Configuration.getConfiguration("profile"));
      r.start();
      return new Profile(r, file);
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("cannot start JFR: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (recording == null) {
      return;
    }
    recording.stop();
    try {
      recording.dump(file);
      System.err.println("bench: wrote the JFR profile " + file);
    } catch (IOException e) {
      System.err.println("bench: cannot write " + file + ": " + e.getMessage());
    } finally {
      recording.close();
    }
  }
}
