package io.idflow.core.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.Call;
import okhttp3.EventListener;

/**
 * Rides on each request (an OkHttp tag): whether it may be sent again with the same effect, how
 * many attempts the retry interceptor made, so the final error can say so, and how far the current
 * attempt got, so a failure can tell "never sent" and "a connection the far end had closed" from
 * "sent".
 */
final class CallTag {
  /** Records, on the tag of each call, how far its current attempt got. */
  static final EventListener.Factory EVENTS =
      call -> {
        CallTag tag = call.request().tag(CallTag.class);
        return tag == null ? EventListener.NONE : tag.new Progress();
      };

  final boolean idempotent;
  volatile int attempts;

  /** This attempt began to write the request: from here on, the server may have read it. */
  volatile boolean sent;

  /** This attempt opened a new connection rather than one kept from an earlier exchange. */
  volatile boolean newConnection;

  /** This attempt got the head of an answer: the server read the request. */
  volatile boolean answered;

  CallTag(boolean idempotent) {
    this.idempotent = idempotent;
  }

  void newAttempt() {
    sent = false;
    newConnection = false;
    answered = false;
  }

  /**
   * The attempt failed, before any answer came, on a connection kept from an earlier exchange,
   * because the far end had closed it (an idle timeout, a gateway without keep-alive): the stream
   * ended before a single byte of an answer. The request never reached the server. A timeout or a
   * reset is not that: the server may have read the request first.
   */
  boolean failedOnStaleConnection(IOException e) {
    if (!sent || newConnection || answered || e instanceof InterruptedIOException) {
      return false;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EOFException) {
        return true;
      }
    }
    return false;
  }

  private final class Progress extends EventListener {
    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
      newConnection = true;
    }

    @Override
    public void requestHeadersStart(Call call) {
      sent = true;
    }

    @Override
    public void responseHeadersEnd(Call call, okhttp3.Response response) {
      answered = true;
    }
  }
}
