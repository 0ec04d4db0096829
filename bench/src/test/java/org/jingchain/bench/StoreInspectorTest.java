package org.jingchain.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scale benchmarks' disk accounting, which must survive RocksDB deleting files under it. */
class StoreInspectorTest {
  @Test
  void bytesAreCountedByKind(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("000012.sst"), new byte[100]);
    Files.write(dir.resolve("000013.log"), new byte[20]);
    Files.write(dir.resolve("LOG.old.1"), new byte[7]);
    Files.write(dir.resolve("MANIFEST-000005"), new byte[3]);
    var bytes = StoreInspector.directoryBytes(dir);
    assertThat(bytes)
        .containsEntry("sst", 100L)
        .containsEntry("wal", 20L)
        .containsEntry("infoLog", 7L)
        .containsEntry("other", 3L)
        .containsEntry("total", 130L);
  }

  @Test
  void aFileDeletedDuringTheWalkIsSkippedAndOtherFailuresAreNot(@TempDir Path dir)
      throws IOException {
    StoreInspector.Sizes sizes = new StoreInspector.Sizes();
    Path gone = dir.resolve("000013.log");
    // what the walk reports for a WAL file RocksDB deleted after listing the directory
    assertThat(sizes.visitFileFailed(gone, new NoSuchFileException(gone.toString())))
        .isEqualTo(FileVisitResult.CONTINUE);
    assertThat(sizes.bytes).containsEntry("total", 0L);
    assertThatThrownBy(() -> sizes.visitFileFailed(gone, new AccessDeniedException("x")))
        .isInstanceOf(AccessDeniedException.class);
  }
}
