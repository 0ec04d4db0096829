package org.jingchain.sdk.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jingchain.types.Hash;

/**
 * Shards as files under one directory: {@code shards/<object id>/<index>} when committed (with its
 * leaf hashes in {@code <index>.leaves}), {@code <index>.part} while being written. A commit forces
 * the part to disk and renames it, so a crash leaves either the part or the shard; appends are not
 * forced one by one (a crash that shortens a part only makes the client resend its tail).
 */
public final class LocalShardStore implements ShardStore {
  private final Path root;

  public LocalShardStore(Path dir) throws IOException {
    this.root = dir.resolve("shards");
    Files.createDirectories(root);
  }

  private Path dir(ShardId id) {
    return root.resolve(id.object().toHex());
  }

  private Path shard(ShardId id) {
    return dir(id).resolve(Integer.toString(id.shard()));
  }

  private Path part(ShardId id) {
    return dir(id).resolve(id.shard() + ".part");
  }

  /** Where a part is written (another store that stages parts here reads it from there). */
  Path partPath(ShardId id) {
    return part(id);
  }

  @Override
  public long partLength(ShardId id) throws IOException {
    Path p = part(id);
    return Files.exists(p) ? Files.size(p) : 0;
  }

  @Override
  public void append(ShardId id, byte[] b, int off, int len) throws IOException {
    Files.createDirectories(dir(id));
    try (FileChannel ch =
        FileChannel.open(
            part(id),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
      OutputStream out = Channels.newOutputStream(ch);
      out.write(b, off, len);
      out.flush();
      // not forced: a crash that loses the tail of a part shortens it, the node reports the
      // shorter length, and the client resends from there; the part is forced before it is kept
    }
  }

  @Override
  public InputStream openPart(ShardId id) throws IOException {
    return Files.newInputStream(part(id));
  }

  private Path leaves(ShardId id) {
    return dir(id).resolve(id.shard() + ".leaves");
  }

  @Override
  public void commit(ShardId id, byte[] leafHashes) throws IOException {
    try (FileChannel ch = FileChannel.open(part(id), StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Path tmp = dir(id).resolve(id.shard() + ".leaves.part");
    Files.write(tmp, leafHashes);
    Files.move(
        tmp, leaves(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Files.move(
        part(id), shard(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public byte[] leafHashes(ShardId id) throws IOException {
    return Files.readAllBytes(leaves(id));
  }

  @Override
  public void discardPart(ShardId id) throws IOException {
    Files.deleteIfExists(part(id));
  }

  @Override
  public boolean has(ShardId id) {
    return Files.isRegularFile(shard(id));
  }

  @Override
  public long length(ShardId id) throws IOException {
    return Files.size(shard(id));
  }

  @Override
  public InputStream open(ShardId id, long offset) throws IOException {
    FileChannel ch = FileChannel.open(shard(id), StandardOpenOption.READ);
    ch.position(offset);
    return Channels.newInputStream(ch);
  }

  @Override
  public void delete(ShardId id) throws IOException {
    Files.deleteIfExists(shard(id));
    Files.deleteIfExists(part(id));
    Files.deleteIfExists(leaves(id));
  }

  @Override
  public List<ShardId> list() throws IOException {
    List<ShardId> out = new ArrayList<>();
    try (DirectoryStream<Path> objects = Files.newDirectoryStream(root)) {
      for (Path o : objects) {
        Hash object;
        try {
          object = Hash.fromHex(o.getFileName().toString());
        } catch (IllegalArgumentException e) {
          continue;
        }
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(o)) {
          for (Path s : shards) {
            String name = s.getFileName().toString();
            if (name.matches("\\d{1,3}")) {
              out.add(new ShardId(object, Integer.parseInt(name)));
            }
          }
        }
      }
    }
    out.sort(java.util.Comparator.comparing(ShardId::toString));
    return out;
  }

  /** The directory shards live under (for operators and tests). */
  public Path root() {
    return root;
  }
}
