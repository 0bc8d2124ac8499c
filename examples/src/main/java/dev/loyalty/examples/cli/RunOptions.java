package dev.loyalty.examples.cli;

import dev.loyalty.core.program.Program;
import dev.loyalty.core.rewards.CatalogDefinitionException;
import dev.loyalty.core.rewards.CatalogLoader;
import dev.loyalty.core.simulation.Redeeming;
import dev.loyalty.core.simulation.Channel;
import dev.loyalty.core.simulation.Simulator;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/** The options simulate and whatif share: the events, the channel, the end and the output. */
final class RunOptions {
  @Option(names = "--events", required = true, paramLabel = "E.jsonl",
      description = "the activities, JSON Lines (docs/FORMATS.md), in date order")
  String events;

  @Option(names = "--channel", paramLabel = "C.jsonl", description = "the partners and members (as generate writes "
      + "them); without it, every partner and member the events name is enrolled as seen (a dealer in region "
      + "'unassigned')")
  String channel;

  @Option(names = "--json", description = "a machine-readable report (every participant's balance, tier and "
      + "expired points) instead of the readable one")
  boolean json;

  @Option(names = "--as-of", paramLabel = "T", description = "end the run at T (an instant, 2026-12-31T18:30:00Z, "
      + "or a day, 2026-12-31: its end in the program's zone); later activities are left out. Default: the start of "
      + "the month after the last activity")
  String asOf;

  @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "how many top (or most affected) "
      + "partners to list (default: ${DEFAULT-VALUE})")
  int top;

  @Option(names = "--no-progress", description = "no progress bar, even in a terminal")
  boolean noProgress;

  @Option(names = "--catalog", paramLabel = "CATALOG.json", description = "the program's reward catalog "
      + "(docs/REWARDS.md): members then redeem at each month's close, and the report counts what they paid")
  String catalog;

  @Option(names = "--redeem-percent", paramLabel = "P", defaultValue = "10", description = "with --catalog, the "
      + "chance in a hundred that a member redeems at a month's close (default: ${DEFAULT-VALUE})")
  int redeemPercent;

  /** The simulator over the channel file, or the channel the events name. */
  Simulator simulator(EventFeed feed, Program program) {
    Channel c = channel != null ? ChannelFile.read(channel) : ChannelFile.fromEvents(feed.path(), program);
    if (top < 0 || top > 10_000) {
      throw new InputException("--top must be 0 to 10000, got " + top);
    }
    // the CLI reports figures, never a stored receipt: keep receipts without their decisions
    Simulator simulator = Simulator.of(c).topPartners(top).lean();
    if (catalog != null) {
      simulator = simulator.redemptions(redeeming(program));
    }
    return asOf == null ? simulator : simulator.asOf(asOf(program));
  }

  private Redeeming redeeming(Program program) {
    Path file = Inputs.existing(catalog, "catalog");
    try {
      return new Redeeming(CatalogLoader.fromPath(file, program), redeemPercent, 1);
    } catch (CatalogDefinitionException e) {
      throw new InputException("the catalog " + catalog + " is not valid", e.problems().stream()
          .map(p -> catalog + ": " + p).toList());
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
  }

  private Instant asOf(Program program) {
    try {
      if (asOf.length() == 10) {
        return LocalDate.parse(asOf).plusDays(1).atStartOfDay(program.zone()).toInstant();
      }
      return Instant.parse(asOf);
    } catch (DateTimeParseException e) {
      throw new InputException("--as-of must be an instant (2026-12-31T18:30:00Z) or a day (2026-12-31), got '"
          + asOf + "'");
    }
  }
}
