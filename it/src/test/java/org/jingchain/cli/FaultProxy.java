package org.jingchain.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One directed link of a test network, validator {@code i} dialing validator {@code j}: a TCP proxy
 * on 127.0.0.1 that forwards to {@code j}'s p2p port and can cut the link (open connections closed,
 * new ones refused), stall one direction (bytes held back: the receiver hears nothing until the
 * stall ends) or slow both (a delay before every chunk). The faults of the simulator's network, on
 * real sockets between real node processes.
 */
final class FaultProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Object stallLock = new Object();
  private volatile boolean cut;
  private volatile boolean stalled;
  private volatile long delayMillis;

  FaultProxy(int targetPort) throws IOException {
    this.target = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("fault-proxy-" + targetPort).start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Cuts the link (closing what is open) or restores it. */
  void cut(boolean on) {
    cut = on;
    synchronized (stallLock) {
      stallLock.notifyAll(); // a pump held by a stall sees the cut
    }
    if (on) {
      for (Socket s : open) {
        closeQuietly(s);
      }
    }
  }

  /** Holds back the bytes from the dialing side to the dialed one, or lets them go. */
  void stall(boolean on) {
    synchronized (stallLock) {
      stalled = on;
      stallLock.notifyAll();
    }
  }

  /** A delay before every chunk forwarded, both ways; 0 for none. */
  void delay(long millis) {
    delayMillis = millis;
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket in;
      try {
        in = server.accept();
      } catch (IOException e) {
        return;
      }
      if (cut) {
        closeQuietly(in);
        continue;
      }
      Socket out;
      try {
        out = new Socket(InetAddress.getLoopbackAddress(), target);
      } catch (IOException e) {
        closeQuietly(in);
        continue;
      }
      open.add(in);
      open.add(out);
      Thread.ofVirtual().start(() -> pump(in, out, true));
      Thread.ofVirtual().start(() -> pump(out, in, false));
    }
  }

  private void pump(Socket from, Socket to, boolean forward) {
    byte[] buf = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buf)) > 0) {
        if (forward) {
          synchronized (stallLock) {
            while (stalled && !cut) {
              stallLock.wait(); // the bytes wait; the sender's buffers fill up behind them
            }
          }
        }
        long d = delayMillis;
        if (d > 0) {
          Thread.sleep(d); // the fault itself: a slow link
        }
        if (cut) {
          break;
        }
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // the link is gone; both sockets close below
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    cut(true);
    stall(false);
    closeQuietly(server);
  }

  private static void closeQuietly(ServerSocket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
