package org.jingchain.p2p;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.PublicKey;

/**
 * A client on a plain {@link Socket}, no Netty: sends whatever a test wants, and can run the
 * initiator handshake from the spec to misbehave after authenticating.
 */
final class RawPeer implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  RawPeer(InetSocketAddress address) throws IOException {
    this(address, null);
  }

  /** Connects from {@code local} (e.g. 127.0.0.2: another source address on loopback). */
  RawPeer(InetSocketAddress address, java.net.InetAddress local) throws IOException {
    socket =
        local == null
            ? new Socket(address.getAddress(), address.getPort())
            : new Socket(address.getAddress(), address.getPort(), local, 0);
    socket.setSoTimeout((int) RecordingHandler.HANG_GUARD.toMillis());
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
  }

  /** Runs the initiator side of the handshake; returns the session it agreed. */
  Session handshake(KeyPair identity, String chainId, PublicKey responder) throws Exception {
    HandshakeInitiator initiator =
        new HandshakeInitiator(identity, null, chainId, responder, key -> true, new SecureRandom());
    writeFrame(initiator.hello());
    AwaitingConfirm awaiting = initiator.onResponse(readFrame());
    byte[] responderConfirm = readFrame();
    writeFrame(awaiting.toSend().getFirst());
    return awaiting.onConfirm(responderConfirm);
  }

  void writeFrame(byte[] body) throws IOException {
    out.writeInt(body.length);
    out.write(body);
    out.flush();
  }

  void writeRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  byte[] readFrame() throws IOException {
    byte[] body = new byte[in.readInt()];
    in.readFully(body);
    return body;
  }

  /**
   * True once the other side closed the connection (end of stream or reset), reading and dropping
   * whatever comes before; false if it stays open for the whole hang guard.
   */
  boolean closedByPeer() throws IOException {
    byte[] sink = new byte[4096];
    try {
      while (in.read(sink) >= 0) {
        // drain frames (a ping, a confirmation) until the end
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // connection reset: the node closed with our bytes unread
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
