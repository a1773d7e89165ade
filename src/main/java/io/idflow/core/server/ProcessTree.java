package io.idflow.core.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ends a process and everything it started. */
final class ProcessTree {
  private static final Duration AFTER_KILL = Duration.ofSeconds(10);

  private ProcessTree() {}

  /**
   * Asks the process and its descendants to stop (SIGTERM), waits up to {@code grace}, then kills
   * what is left. Returns true when it had to kill.
   */
  static boolean terminate(ProcessHandle root, Duration grace) {
    List<ProcessHandle> tree = snapshot(root);
    tree.forEach(ProcessHandle::destroy);
    if (awaitExit(tree, grace)) {
      return false;
    }
    kill(tree);
    return true;
  }

  /**
   * Kills the process and its descendants at once (SIGKILL). Used for a server that never got
   * ready: a polite stop would let the JVM write a half-filled AppCDS archive that every later
   * start would use.
   */
  static void kill(ProcessHandle root) {
    kill(snapshot(root));
  }

  private static void kill(List<ProcessHandle> tree) {
    tree.forEach(ProcessHandle::destroyForcibly);
    awaitExit(tree, AFTER_KILL);
  }

  /**
   * Descendants are collected before anything is signalled: once the parent dies they are
   * re-parented.
   */
  private static List<ProcessHandle> snapshot(ProcessHandle root) {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(root);
    root.descendants().forEach(tree::add);
    return tree;
  }

  private static boolean awaitExit(List<ProcessHandle> tree, Duration timeout) {
    CompletableFuture<?>[] exits =
        tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return tree.stream().noneMatch(ProcessHandle::isAlive);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return tree.stream().noneMatch(ProcessHandle::isAlive);
    }
  }
}
