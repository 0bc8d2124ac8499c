package dev.loyalty.examples.cli;

import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.simulation.Simulation;
import dev.loyalty.core.simulation.SimulationReport;
import dev.loyalty.core.simulation.Simulator;
import dev.loyalty.core.simulation.WhatIfReport;
import dev.loyalty.rules.DroolsRuleEngine;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loyalty whatif}: the same activities under rule set (or program) A and B, and what differs. */
@Command(name = "whatif", mixinStandardHelpOptions = true,
    description = {"Runs the activities under A and under B, each on its own fresh engine (at the same time, on two "
        + "threads), and reports the differences: overall, per rule, per tier, and the partners most affected. "
        + "A and B share the program unless --program-b names another.",
        "Lines bad under either are reported on standard error with their numbers and skipped; the exit code is "
        + "then 3."})
final class WhatIfCommand implements Callable<Integer> {
  private static final Item END = new Item(0, null);

  @Option(names = "--program", required = true, paramLabel = "P", description = "program A (JSON), or 'standard'")
  String program;

  @Option(names = "--program-b", paramLabel = "P", description = "program B, when it differs from A")
  String programB;

  @Option(names = "--rules-a", required = true, arity = "1..*", paramLabel = "R", description = "rule set A")
  List<String> rulesA;

  @Option(names = "--rules-b", required = true, arity = "1..*", paramLabel = "R", description = "rule set B")
  List<String> rulesB;

  @Mixin
  RunOptions run;

  @Spec
  CommandSpec spec;

  /** A line for side B's thread. */
  private record Item(int line, Activity activity) {
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Program a = Inputs.program(program);
    Program b = programB != null ? Inputs.program(programB) : a;
    DroolsRuleEngine engineA = Inputs.rules("a", rulesA);
    DroolsRuleEngine engineB = Inputs.rules("b", rulesB);
    EventFeed feed = new EventFeed(run.events);
    Simulator simulator = run.simulator(feed, a);
    Simulation runA = SimulateCommand.start(simulator, a, engineA);
    Simulation runB = SimulateCommand.start(simulator, b, engineB);

    // B records on its own thread, fed the lines A's thread reads, so the file is read once
    BlockingQueue<Item> lines = new ArrayBlockingQueue<>(10_000);
    Map<Integer, String> refusedB = new ConcurrentHashMap<>();
    ExecutorService sideB = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "loyalty-whatif-b");
      t.setDaemon(true);
      return t;
    });
    Future<SimulationReport> reportB = sideB.submit(() -> {
      for (Item item = lines.take(); item != END; item = lines.take()) {
        try {
          runB.record(item.activity());
        } catch (LoyaltyException refused) {
          refusedB.put(item.line(), refused.getMessage());
        }
      }
      return runB.finish();
    });
    Set<Integer> refusedA = ConcurrentHashMap.newKeySet();
    try {
      feed.forEach(new Progress(err, feed.path().toFile().length(), !run.noProgress), (line, activity) -> {
        put(lines, new Item(line, activity), reportB);
        try {
          runA.record(activity);
        } catch (LoyaltyException refused) {
          refusedA.add(line);
          feed.bad(line, "refused under A", refused.getMessage());
        }
      });
    } finally {
      put(lines, END, reportB);
    }
    SimulationReport reportA = runA.finish();
    WhatIfReport report;
    try {
      report = WhatIfReport.compare(reportA, reportB.get(), run.top);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      sideB.shutdownNow();
    }
    new TreeMap<>(refusedB).forEach((line, message) -> {
      if (!refusedA.contains(line)) {
        feed.bad(line, "refused under B", message);
      }
    });
    out.print(run.json ? ReportJson.whatIf(report, feed) : ReportText.whatIf(report, a.zone()));
    out.flush();
    feed.printBadLines(err);
    return feed.badCount() > 0 ? LoyaltyCli.BAD_LINES : LoyaltyCli.OK;
  }

  /** Hands B a line, unless B's thread already failed (then its failure is what the run reports). */
  private static void put(BlockingQueue<Item> lines, Item item, Future<SimulationReport> b) {
    try {
      while (!lines.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        if (b.isDone()) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while feeding run B", e);
    }
  }
}
