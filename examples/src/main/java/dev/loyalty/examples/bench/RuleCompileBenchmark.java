package dev.loyalty.examples.bench;

import static dev.loyalty.examples.bench.BenchReport.commandLine;
import static dev.loyalty.examples.bench.BenchReport.jvm;
import static dev.loyalty.examples.bench.BenchReport.osAndCpu;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compile time and peak memory of rule sets of 10, 100 and 1000 generated rules ({@link
 * GeneratedRules}: category points from invoice lines, thresholds on partner figures, accumulates,
 * multipliers and caps over the award, multiply and cap stages), and of the shipped
 * sample-program.drl for comparison. Target of issue 5 for 1000 rules: under 30 s and 1.5 GB.
 *
 * <p>Each rule set is measured in a fresh JVM ({@link RuleCompileChild}, {@value #CHILD_HEAP}, the
 * JVM's other settings at their defaults) so that the first compile pays for class loading and JIT
 * warm-up as an application's would, and the peak resident set (VmHWM) is that of one compile: the
 * wall time of {@code DroolsRuleEngine.of} (our checks and the Drools build), its CPU time (every
 * thread: JIT, GC, Drools' fork-join code generation), the peak RSS then, the heap after full GCs
 * with the engine alive; then {@code DroolsRuleEngine.validate} of the same rule set (the second
 * compile in that JVM, with the first engine alive), and sales evaluated through the engine for a
 * few seconds after a warm-up, to show whether evaluation slows down as rules are added.
 *
 * <p>Run it from the repository root (about 5 minutes on 2 cores; {@code --quick}: the sample, 10
 * and 100 rules, shorter evaluations, about 1 minute):
 * <pre>
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.RuleCompileBenchmark
 * mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.bench.RuleCompileBenchmark -Dexec.args="--quick"
 * </pre>
 * Extra JVM options for the children (to try a flag) go in the system property {@value
 * #CHILD_OPTIONS_PROPERTY}, e.g. {@code -Dbench.childJvmOptions="-XX:TieredStopAtLevel=1"}.
 */
public final class RuleCompileBenchmark {

  private static final String COMMAND = "mvn -q test-compile exec:java -Ddemo.main="
      + RuleCompileBenchmark.class.getName();
  static final String CHILD_HEAP = "-Xmx2g";
  static final String CHILD_OPTIONS_PROPERTY = "bench.childJvmOptions";
  private static final int TARGET_RULES = 1000;
  private static final double TARGET_SECONDS = 30;
  private static final long TARGET_RSS_MIB = 1536;

  /** How much each run does. */
  private record Settings(String name, List<String> ruleSets, int warmupSeconds, int measureSeconds) {
    static final Settings FULL = new Settings("full", List.of(RuleCompileChild.SAMPLE, "10", "100", "1000"), 5, 10);
    static final Settings QUICK = new Settings("quick", List.of(RuleCompileChild.SAMPLE, "10", "100"), 2, 3);
  }

  /**
   * What one child measured. Times in milliseconds, memory in MiB.
   *
   * @param others the share of all processors other processes used during the compile, 0 to 1; NaN if unknown
   */
  record Figures(String ruleSet, int rules, long drlKib, long compileMs, long compileCpuMs, long compileGcMs,
      long peakRssCompileMib, long heapAfterGcMib, long metaspaceMib, long codeCacheMib, Optional<Long> validateMs,
      long peakRssMib, Optional<Double> evaluationsPerSecond, Optional<Double> firedPerEvaluation,
      Optional<Double> awardsPerEvaluation, Optional<Long> warmupMs, double others) {

    static Figures parse(String ruleSet, Map<String, String> m) {
      return new Figures(ruleSet, Integer.parseInt(m.get("rules")), Long.parseLong(m.get("drlKb")),
          Long.parseLong(m.get("compileMs")), Long.parseLong(m.get("compileCpuMs")),
          Long.parseLong(m.get("compileGcMs")), Long.parseLong(m.get("peakRssCompileMb")),
          Long.parseLong(m.get("heapAfterGcMb")), Long.parseLong(m.get("metaspaceMb")),
          Long.parseLong(m.get("codeCacheMb")), Optional.ofNullable(m.get("validateMs")).map(Long::parseLong),
          Long.parseLong(m.get("peakRssMb")), Optional.ofNullable(m.get("evaluations")).map(n -> Long.parseLong(n)
          * 1000.0 / Math.max(1, Long.parseLong(m.get("evaluationMs")))),
          Optional.ofNullable(m.get("firedPerEvaluation")).map(Double::parseDouble),
          Optional.ofNullable(m.get("awardsPerEvaluation")).map(Double::parseDouble),
          Optional.ofNullable(m.get("warmupMs")).map(Long::parseLong),
          Double.parseDouble(m.get("othersDuringCompile")));
    }
  }

  private final PrintStream out;
  private final Settings settings;
  private final String command;
  private final List<String> childOptions;

  private RuleCompileBenchmark(PrintStream out, Settings settings, String command, List<String> childOptions) {
    this.out = out;
    this.settings = settings;
    this.command = command;
    this.childOptions = childOptions;
  }

  /** Arguments: {@code --quick} for a run of about a minute without the 1000 rules; {@code --help}. */
  public static void main(String[] args) {
    Optional<Boolean> quick = BenchReport.quickOrFull(args, COMMAND, "about 1 minute: the sample, 10 and 100 rules",
        "the default: the sample, 10, 100 and 1000 rules, about 5 minutes on 2 cores");
    if (quick.isEmpty()) {
      return;
    }
    String extra = System.getProperty(CHILD_OPTIONS_PROPERTY, "").trim();
    List<String> childOptions = new ArrayList<>(List.of(CHILD_HEAP));
    if (!extra.isEmpty()) {
      childOptions.addAll(List.of(extra.split("\\s+")));
    }
    String shown = commandLine(COMMAND, args);
    if (!extra.isEmpty()) {
      shown = shown.replace("exec:java", "exec:java -D" + CHILD_OPTIONS_PROPERTY + "=\"" + extra + "\"");
    }
    new RuleCompileBenchmark(System.out, quick.get() ? Settings.QUICK : Settings.FULL, shown, childOptions).run();
  }

  private void run() {
    out.println("Rule compile benchmark (" + settings.name() + " run)");
    out.println("  JVM        " + jvm());
    out.println("  machine    " + Runtime.getRuntime().availableProcessors() + " available processors; "
        + osAndCpu());
    out.println("  children   java " + String.join(" ", childOptions) + " (a fresh JVM per rule set)");
    out.println("  command    " + command);
    out.println("  load       " + LoadAverage.all() + " (1, 5, 15 min) at the start");
    List<Figures> rows = new ArrayList<>();
    for (String ruleSet : settings.ruleSets()) {
      out.printf(Locale.ROOT, "%n%s: compiling in a fresh JVM ...%n", label(ruleSet));
      Figures f = runChild(ruleSet, childOptions, settings.warmupSeconds(), settings.measureSeconds());
      out.printf(Locale.ROOT, "  %d rules (%,d KiB of DRL): compile %.1f s (CPU %.1f s, GC %.1f s), peak RSS %,d MiB, "
              + "then heap after GC %,d MiB, metaspace %,d MiB, code cache %,d MiB; validate %s s; %s evaluations/s "
              + "(%s rules fired, %s awards each, after a warm-up of %s s); other processes used %s of the processors "
              + "during the compile%n",
          f.rules(), f.drlKib(), f.compileMs() / 1e3, f.compileCpuMs() / 1e3, f.compileGcMs() / 1e3,
          f.peakRssCompileMib(), f.heapAfterGcMib(), f.metaspaceMib(), f.codeCacheMib(),
          f.validateMs().map(RuleCompileBenchmark::seconds).orElse("-"), rate(f), one(f.firedPerEvaluation()),
          one(f.awardsPerEvaluation()), f.warmupMs().map(RuleCompileBenchmark::seconds).orElse("-"),
          BenchReport.percent(f.others()));
      rows.add(f);
    }
    printSummary(rows);
  }

  private void printSummary(List<Figures> rows) {
    out.println();
    out.println("== Summary (Markdown)");
    out.println();
    out.println("| Rule set | Rules | DRL KiB | compile s | compile CPU s | validate s | peak RSS MiB (compile) "
        + "| peak RSS MiB (whole run) | heap after GC MiB | evaluations/s | rules fired per evaluation "
        + "| CPU used by others during compile |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Figures f : rows) {
      out.printf(Locale.ROOT, "| %s | %d | %,d | %.1f | %.1f | %s | %,d | %,d | %,d | %s | %s | %s |%n",
          label(f.ruleSet()), f.rules(), f.drlKib(), f.compileMs() / 1e3, f.compileCpuMs() / 1e3,
          f.validateMs().map(RuleCompileBenchmark::seconds).orElse("-"), f.peakRssCompileMib(), f.peakRssMib(),
          f.heapAfterGcMib(), rate(f), one(f.firedPerEvaluation()), BenchReport.percent(f.others()));
    }
    out.println();
    rows.stream().filter(f -> f.ruleSet().equals(Integer.toString(TARGET_RULES))).findFirst().ifPresentOrElse(f -> {
      boolean time = f.compileMs() / 1e3 < TARGET_SECONDS;
      boolean memory = f.peakRssCompileMib() < TARGET_RSS_MIB;
      out.printf(Locale.ROOT, "- Target for %d rules: compile < %.0f s: %s (%.1f s); peak RSS < 1.5 GiB: %s (%,d MiB "
              + "during the compile, %,d MiB over the whole run with validate's second compile)%n", TARGET_RULES,
          TARGET_SECONDS, time ? "MET" : "MISSED", f.compileMs() / 1e3, memory ? "MET" : "MISSED",
          f.peakRssCompileMib(), f.peakRssMib());
    }, () -> out.println("- Target for " + TARGET_RULES + " rules: not measured in this run (--full measures it)"));
    out.println("- compile: wall time of DroolsRuleEngine.of (our checks + the Drools executable-model build + the "
        + "session pool), the first compile in a fresh JVM; compile CPU: the process's CPU time meanwhile (all "
        + "threads); validate: DroolsRuleEngine.validate of the same rule set afterwards in the same JVM (a second, "
        + "warmer compile); peak RSS: VmHWM of /proc/self/status; heap after GC: used heap after full GCs with the "
        + "compiled engine alive; evaluations/s: one thread, sales of 1-5 lines through the compiled engine over "
        + settings.measureSeconds() + " s, after a warm-up of at least " + settings.warmupSeconds() + " s that goes on "
        + "(up to 6 times as long) until two one-second slices differ by at most 10%.");
    out.println("- Children: java " + String.join(" ", childOptions) + "; parent JVM " + jvm());
    out.println("- Machine: " + Runtime.getRuntime().availableProcessors() + " processors; " + osAndCpu()
        + "; load average at the end " + LoadAverage.all());
    out.println("- Command: `" + command + "`");
  }

  /**
   * Runs {@link RuleCompileChild} on {@code ruleSet} in a fresh JVM with {@code jvmOptions} and
   * this JVM's class path; evaluations for {@code measureSeconds} after {@code warmupSeconds} (0:
   * neither evaluations nor validate).
   *
   * @throws IllegalStateException if the child fails, with the end of its output
   */
  static Figures runChild(String ruleSet, List<String> jvmOptions, int warmupSeconds, int measureSeconds) {
    List<String> commandLine = new ArrayList<>();
    commandLine.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    commandLine.addAll(jvmOptions);
    commandLine.add("-cp");
    commandLine.add(classPath());
    commandLine.add(RuleCompileChild.class.getName());
    commandLine.add(ruleSet);
    commandLine.add(Integer.toString(warmupSeconds));
    commandLine.add(Integer.toString(measureSeconds));
    List<String> output = new ArrayList<>();
    Map<String, String> result = null;
    int exit;
    try {
      Process child = new ProcessBuilder(commandLine).redirectErrorStream(true).start();
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          if (line.startsWith(RuleCompileChild.RESULT + " ")) {
            result = new HashMap<>();
            for (String pair : line.substring(RuleCompileChild.RESULT.length() + 1).split(" ")) {
              int eq = pair.indexOf('=');
              result.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
          } else {
            output.add(line);
          }
        }
      }
      exit = child.waitFor();
    } catch (IOException e) {
      throw new IllegalStateException("could not run the child JVM for rule set " + ruleSet + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rule set " + ruleSet + " compiled", e);
    }
    if (exit != 0 || result == null) {
      throw new IllegalStateException("the child JVM for rule set " + ruleSet + " ended with " + exit
          + (result == null ? " and no result" : "") + "; its last output:\n  "
          + String.join("\n  ", output.subList(Math.max(0, output.size() - 40), output.size())));
    }
    return Figures.parse(ruleSet, result);
  }

  /**
   * This JVM's application class path: under {@code exec:java} the classes come from the plugin's
   * class loader and {@code java.class.path} is Maven's own, so the loader's URLs are used where
   * there are any.
   */
  static String classPath() {
    if (RuleCompileBenchmark.class.getClassLoader() instanceof URLClassLoader loader
        && loader.getURLs().length > 0) {
      List<String> entries = new ArrayList<>();
      for (URL url : loader.getURLs()) {
        try {
          entries.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
          throw new IllegalStateException("class path entry " + url + " is not a file", e);
        }
      }
      return String.join(File.pathSeparator, entries);
    }
    return System.getProperty("java.class.path");
  }

  private static String label(String ruleSet) {
    return ruleSet.equals(RuleCompileChild.SAMPLE) ? "sample-program.drl" : "generated, " + ruleSet + " rules";
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f", millis / 1e3);
  }

  private static String rate(Figures f) {
    return f.evaluationsPerSecond().map(r -> String.format(Locale.ROOT, "%,.0f", r)).orElse("-");
  }

  private static String one(Optional<Double> value) {
    return value.map(v -> String.format(Locale.ROOT, "%.1f", v)).orElse("-");
  }
}
