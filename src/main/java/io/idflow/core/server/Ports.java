package io.idflow.core.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free-port lookup and in-use checks on the loopback address, where the local server listens. */
final class Ports {
  private Ports() {}

  static InetAddress loopback() {
    return InetAddress.getLoopbackAddress();
  }

  /**
   * A port nobody listens on right now (another process could still take it before the server
   * does).
   */
  static int free() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, loopback())) {
      return socket.getLocalPort();
    }
  }

  static boolean inUse(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, loopback())) {
      return !socket.isBound();
    } catch (IOException e) {
      return true;
    }
  }
}
