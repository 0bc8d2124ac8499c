package dev.loyalty.examples.cli;

import dev.loyalty.examples.ProgramDemo;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code loyalty demo}: the README's walk-through of a whole program, in memory. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Walks through a year of a channel program in memory, for a person to read: the ready-made rules "
        + "and one custom DRL, receipts with their explanations, tier progress with what is missing, and a what-if "
        + "of raising a multiplier. About a minute.")
final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    new ProgramDemo(out).run();
    out.flush();
    return LoyaltyCli.OK;
  }
}
