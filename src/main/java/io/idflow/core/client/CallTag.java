package io.idflow.core.client;

/**
 * Rides on each request (an OkHttp tag): whether it may be sent again with the same effect, and how
 * many attempts the retry interceptor made, so the final error can say so.
 */
final class CallTag {
  final boolean idempotent;
  volatile int attempts;

  CallTag(boolean idempotent) {
    this.idempotent = idempotent;
  }
}
