package dev.loyalty.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The integrators' command line: check a rule set, run a program over a file of activities, make a
 * synthetic channel's year, compare two rule sets or programs, or watch the demo, without writing
 * Java. Built by {@code mvn verify} as {@code examples/target/loyalty.jar}:
 *
 * <pre>
 * java -jar examples/target/loyalty.jar --help
 * java -jar examples/target/loyalty.jar validate rules/*.drl --program program.json
 * java -jar examples/target/loyalty.jar simulate --program program.json --rules standard --events events.jsonl
 * </pre>
 *
 * <p>Exit codes: {@value #OK} done; {@value #PROBLEMS} the rules or the program have problems
 * (validate); {@value #USAGE} the command line is wrong; {@value #BAD_LINES} done, but some lines
 * of the events were bad and skipped; {@value #BAD_INPUT} an input cannot be used (a missing file, an
 * invalid program or channel, rules that do not compile); {@value #FAILED} the tool itself failed.
 */
@Command(name = "loyalty", mixinStandardHelpOptions = true, versionProvider = LoyaltyCli.Version.class,
    description = "Check, simulate and compare loyalty programs built on the Loyalty SDK.",
    subcommands = {ValidateCommand.class, SimulateCommand.class, GenerateCommand.class, WhatIfCommand.class,
        DemoCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n")
public final class LoyaltyCli {
  /** Done. */
  public static final int OK = 0;
  /** The rules or the program have problems (validate). */
  public static final int PROBLEMS = 1;
  /** The command line is wrong. */
  public static final int USAGE = 2;
  /** Done, but some lines of the events were bad and skipped. */
  public static final int BAD_LINES = 3;
  /** An input cannot be used. */
  public static final int BAD_INPUT = 4;
  /** The tool itself failed. */
  public static final int FAILED = 5;

  /** The exit codes every command's help lists. */
  static final String[] EXIT_CODES = {
      "0:done",
      "1:the rules or the program have problems (validate)",
      "2:the command line is wrong",
      "3:done, but some lines of the events were bad and skipped",
      "4:an input cannot be used (missing file, invalid program or channel, rules that do not compile)",
      "5:the tool itself failed"};

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    // the report is the output: the libraries' progress notes (Drools compiling, budgets funded)
    // would only bury it; warnings and errors still reach standard error
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line, writing to {@code out} and {@code err}; returns the exit code. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new LoyaltyCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof InputException bad) {
        line.getErr().println("loyalty " + line.getCommandName() + ": " + bad.getMessage());
        bad.details().forEach(d -> line.getErr().println("  " + d));
        return BAD_INPUT;
      }
      line.getErr().println("loyalty " + line.getCommandName() + " failed: " + e);
      e.printStackTrace(line.getErr());
      return FAILED;
    });
    List<CommandLine> commands = new ArrayList<>(cli.getSubcommands().values());
    commands.add(cli);
    for (CommandLine command : commands) {
      command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n");
      command.getCommandSpec().usageMessage().exitCodeList(CommandLine.Model.UsageMessageSpec.keyValuesMap(EXIT_CODES));
    }
    return cli.execute(args);
  }

  /** The version of the SDK the jar was built from. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = LoyaltyCli.class.getPackage().getImplementationVersion();
      return new String[] {"loyalty " + (version != null ? version : "(development build)")};
    }
  }
}
