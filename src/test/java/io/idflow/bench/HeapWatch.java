package io.idflow.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The peak heap use of a phase. Two sources, because the heap is fullest just before a collection:
 * a sampler reading {@link MemoryMXBean} every 5 ms, and the collector's own notifications, which
 * report the use before and after each collection. Peak = the larger of the sampled maximum and the
 * largest use-before-GC; live = the largest use-after-GC (what the phase really held; 0 when no GC
 * ran).
 */
final class HeapWatch implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peak = new AtomicLong();
  private final AtomicLong live = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;

  HeapWatch() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (n, h) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    n.getType())) {
                  var info =
                      GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData())
                          .getGcInfo();
                  peak.accumulateAndGet(used(info.getMemoryUsageBeforeGc()), Math::max);
                  live.accumulateAndGet(used(info.getMemoryUsageAfterGc()), Math::max);
                }
              },
              null,
              null);
    }
    sampler =
        new Thread(
            () -> {
              while (running) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private static long used(Map<String, MemoryUsage> pools) {
    // Heap pools only: code cache and metaspace are not heap.
    return pools.entrySet().stream()
        .filter(
            e ->
                !e.getKey().contains("Code")
                    && !e.getKey().contains("Metaspace")
                    && !e.getKey().contains("Class"))
        .mapToLong(e -> e.getValue().getUsed())
        .sum();
  }

  /** Starts a new phase: collects, then forgets the previous peaks. */
  void reset() {
    System.gc();
    settle(); // the notification of that collection arrives late: it must not count for the new
    // phase
    peak.set(memory.getHeapMemoryUsage().getUsed());
    live.set(0);
  }

  /** Ends a phase: waits for pending collection notifications, then takes the peak. */
  long peakBytes() {
    settle();
    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    return peak.get();
  }

  private static void settle() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  long liveBytes() {
    return live.get();
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
