package io.idflow.bench;

import io.idflow.core.local.DefinitionLoader;
import io.idflow.core.local.DefinitionValidator;
import io.idflow.core.model.Kind;
import io.idflow.core.model.LocalDefinitions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where the core's offline time goes, no server needed: reading and parsing the files,
 * conductor-common's constraints on task definitions and on workflows, and the checks across
 * definitions (references, sub-workflow cycles), for the benchmark's generated definitions. Each
 * step runs {@code rounds} times in this JVM; the first round (cold: class loading, the validator's
 * start-up, no JIT yet) and the best are printed. {@code sync-tasks} and {@code upload-workflows}
 * each do all of it once.
 *
 * <p>Run: {@code ./mvnw -B -Pbench verify -Dbench.main=io.idflow.bench.LocalBreakdown
 * -Dbench.args="n=5000"}. Arguments: {@code n=5000} (workflows, and as many task definitions),
 * {@code rounds=6}, {@code out=target/bench} (the definitions are written to {@code
 * out/breakdown-<n>/} once and kept).
 */
public final class LocalBreakdown {

  public static void main(String[] args) throws Exception {
    Opts opts = Opts.parse(args);
    int n = opts.integer("n", 5000);
    int rounds = opts.integer("rounds", 6);
    Path idflow = opts.path("out", "target/bench").resolve("breakdown-" + n);
    if (!Files.isDirectory(idflow)) {
      new Generator("bd", n, idflow).writeAll();
    }
    DefinitionValidator validator = new DefinitionValidator(false);
    String[] steps = {
      "read and parse the files",
      "checks across definitions",
      "constraints on task definitions",
      "constraints on workflows"
    };
    long[] first = new long[steps.length];
    long[] best = new long[steps.length];
    java.util.Arrays.fill(best, Long.MAX_VALUE);
    for (int round = 0; round < rounds; round++) {
      long[] t = new long[steps.length];
      LocalDefinitions defs = timed(t, 0, () -> DefinitionLoader.load(idflow));
      long across = time(() -> validator.validate(defs, Set.of()));
      t[1] = across;
      t[2] = time(() -> validator.validate(defs, EnumSet.of(Kind.TASK))) - across;
      t[3] = time(() -> validator.validate(defs, EnumSet.of(Kind.WORKFLOW))) - across;
      LocalDefinitions checked = validator.validate(defs);
      if (checked.hasErrors()) {
        throw new IllegalStateException(
            "The generated definitions are not valid: " + checked.errors());
      }
      for (int i = 0; i < steps.length; i++) {
        if (round == 0) {
          first[i] = t[i];
        }
        best[i] = Math.min(best[i], t[i]);
      }
    }
    System.out.printf(
        "N = %,d workflows and %,d task definitions, %d rounds in one JVM (%s, load %.2f)%n%n",
        n, n, rounds, Runtime.version(), Benchmark.loadAverage());
    System.out.println("| step (once per goal) | first round | best |");
    System.out.println("|---|---:|---:|");
    long firstSum = 0;
    long bestSum = 0;
    for (int i = 0; i < steps.length; i++) {
      System.out.printf(
          "| %s | %,d ms | %,d ms |%n", steps[i], first[i] / 1_000_000, best[i] / 1_000_000);
      firstSum += first[i];
      bestSum += best[i];
    }
    System.out.printf("| total | %,d ms | %,d ms |%n", firstSum / 1_000_000, bestSum / 1_000_000);
  }

  private static <T> T timed(long[] into, int step, Supplier<T> work) {
    long began = System.nanoTime();
    T result = work.get();
    into[step] = System.nanoTime() - began;
    return result;
  }

  private static long time(Runnable work) {
    long began = System.nanoTime();
    work.run();
    return System.nanoTime() - began;
  }
}
