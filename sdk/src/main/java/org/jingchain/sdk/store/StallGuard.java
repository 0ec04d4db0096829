package org.jingchain.sdk.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A shard's download that a storage node stops feeding without closing (a frozen process, a
 * half-dead link) ends in an {@link IOException} after {@code limit} without a byte, instead of
 * hanging the get for ever; the get then goes on from other shards. The guard interrupts the
 * reading thread (the JDK HTTP client's response stream waits interruptibly) and clears the
 * interrupt once the read has failed, so the reader carries on normally.
 */
final class StallGuard extends FilterInputStream {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("jing-store-stall-guard").daemon().unstarted(r));

  private final long limitNanos;
  private final String what;
  private final ScheduledFuture<?> check;
  private volatile Thread reader;
  private volatile long readSince;
  private volatile boolean stalled;

  StallGuard(InputStream in, Duration limit, String what) {
    super(in);
    this.limitNanos = limit.toNanos();
    this.what = what;
    long period = Math.max(10, limit.toMillis() / 4);
    this.check = TIMER.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  private synchronized void check() {
    Thread t = reader;
    if (t != null && !stalled && System.nanoTime() - readSince > limitNanos) {
      stalled = true;
      t.interrupt();
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (stalled) {
      throw stalledException(null);
    }
    synchronized (this) {
      readSince = System.nanoTime();
      reader = Thread.currentThread();
    }
    try {
      return super.read(b, off, len);
    } catch (IOException e) {
      throw stalled ? stalledException(e) : e;
    } finally {
      synchronized (this) {
        reader = null;
        if (stalled) {
          Thread.interrupted(); // ours, not the caller's: the read failed, the caller goes on
        }
      }
    }
  }

  private IOException stalledException(IOException cause) {
    return new IOException(
        what + " sent nothing for " + limitNanos / 1_000_000_000 + " s (stalled)", cause);
  }

  @Override
  public void close() throws IOException {
    check.cancel(false);
    super.close();
  }
}
