package dev.loyalty.examples.bench;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.testing.SampleRules;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the heap an engine retains after {@link RecordCost}'s workload is made of, per class: a live
 * class histogram ({@code jcmd <pid> GC.class_histogram}) before and after recording the
 * activities on a fresh engine that is still reachable, the difference per class per activity,
 * largest first. For finding what to pack next; not a benchmark. Needs {@code jcmd} on the path.
 *
 * <pre>
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.RetainedByClass -Dexec.args="18000 30"
 * </pre>
 * Arguments: activities (default 18,000) and classes shown (default 30). One run per JVM.
 */
public final class RetainedByClass {
  private static final long SEED = 20_261_001L;
  private static final long LARGE_BUDGET = 1_000_000_000_000L;

  private RetainedByClass() {}

  /** Runs it; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException, InterruptedException {
    int activities = args.length > 0 ? Integer.parseInt(args[0]) : 18_000;
    int shown = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    PrintStream out = System.out;
    EngineChannel channel = new EngineChannel(200);
    Program program = EngineChannel.program(LARGE_BUDGET);
    List<Activity> stream = EngineWorkload.streams("large-1d", channel.dealers, 1, false, activities, SEED + 7)
        .get(0);
    // one engine recorded and dropped first, so that classes and caches loaded once are in "before"
    EngineChannel.Engine warm = channel.engine(program, new SampleRules());
    for (Activity a : EngineWorkload.streams("jit", channel.dealers, 1, false, 2_000, SEED - 1).get(0)) {
      warm.engine().record(a);
    }
    warm = null;
    Map<String, long[]> before = histogram();
    EngineChannel.Engine engine = channel.engine(program, new SampleRules());
    for (Activity a : stream) {
      engine.engine().record(a);
    }
    Map<String, long[]> after = histogram();
    List<Map.Entry<String, long[]>> diff = new ArrayList<>();
    long total = 0;
    for (Map.Entry<String, long[]> e : after.entrySet()) {
      long[] b = before.getOrDefault(e.getKey(), new long[2]);
      long[] d = {e.getValue()[0] - b[0], e.getValue()[1] - b[1]};
      total += d[1];
      diff.add(Map.entry(e.getKey(), d));
    }
    diff.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
    out.printf(Locale.ROOT, "retained per activity, %,d activities: %,.0f bytes%n", activities, (double) total / activities);
    out.printf(Locale.ROOT, "%12s %10s  %s%n", "bytes/act", "inst/act", "class");
    for (int i = 0; i < Math.min(shown, diff.size()); i++) {
      long[] d = diff.get(i).getValue();
      out.printf(Locale.ROOT, "%12.1f %10.3f  %s%n", (double) d[1] / activities, (double) d[0] / activities,
          diff.get(i).getKey());
    }
    // keeps the engine reachable until after the second histogram
    out.println(engine.engine().getClass().getSimpleName() + " kept");
  }

  /** Live instances and bytes per class name. */
  private static Map<String, long[]> histogram() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
        .redirectErrorStream(true).start();
    Map<String, long[]> h = new HashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 4 && f[0].endsWith(":")) {
          h.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
        }
      }
    }
    p.waitFor();
    return h;
  }
}
