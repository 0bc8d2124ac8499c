package dev.loyalty.examples.cli;

import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramDefinitionException;
import dev.loyalty.core.simulation.Simulation;
import dev.loyalty.core.simulation.SimulationReport;
import dev.loyalty.core.simulation.Simulator;
import dev.loyalty.rules.DroolsRuleEngine;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loyalty simulate}: a program and its rules over a file of activities, with the period closes. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Runs the activities through a fresh in-memory engine of the program and its rules, closing "
        + "each month (tier reviews, expiry) as the dates pass, and reports the points issued by rule and campaign, "
        + "taken back, expired and outstanding, the liability, tiers and their moves, budgets and caps hit, regions "
        + "and the top partners.",
        "Bad lines (malformed, or refused by the engine) are reported on standard error with their numbers and "
        + "skipped; the exit code is then 3."})
final class SimulateCommand implements Callable<Integer> {
  @Option(names = "--program", required = true, paramLabel = "P", description = "the program (JSON), or 'standard'")
  String program;

  @Option(names = "--rules", required = true, arity = "1..*", paramLabel = "R",
      description = "the rule set: DRL files, directories, decision tables, 'standard' or 'standard:NAME'")
  List<String> rules;

  @Mixin
  RunOptions run;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Program p = Inputs.program(program);
    DroolsRuleEngine engine = Inputs.rules("rules", rules);
    EventFeed feed = new EventFeed(run.events);
    Simulation simulation = start(run.simulator(feed, p), p, engine);
    feed.forEach(new Progress(err, feed.path().toFile().length(), !run.noProgress), (line, activity) -> {
      try {
        simulation.record(activity);
      } catch (LoyaltyException refused) {
        feed.bad(line, "refused", refused.getMessage());
      }
    });
    SimulationReport report = simulation.finish();
    out.print(run.json ? ReportJson.simulation(report, feed) : ReportText.simulation(report, p.zone()));
    out.flush();
    feed.printBadLines(err);
    return feed.badCount() > 0 ? LoyaltyCli.BAD_LINES : LoyaltyCli.OK;
  }

  /** A run of {@code p}; a program whose parameters its rules do not read is an input that cannot be used. */
  static Simulation start(Simulator simulator, Program p, DroolsRuleEngine engine) {
    try {
      return simulator.start(p, engine);
    } catch (ProgramDefinitionException e) {
      throw new InputException("the program " + p.id() + " does not fit its rules", e.problems().stream()
          .map(Object::toString).toList());
    }
  }
}
