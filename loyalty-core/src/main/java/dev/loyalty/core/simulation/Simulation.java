package dev.loyalty.core.simulation;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.simulation.internal.Redeemer;
import dev.loyalty.core.simulation.internal.SimulationClock;
import dev.loyalty.core.simulation.internal.Tally;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

/**
 * One simulation run, activity by activity: a fresh engine with in-memory stores on a clock that
 * follows the activities, and the period closes the program implies: one at the start of every
 * month (in the program's zone) before the first activity dated in it, and one at the end; after
 * each close, the members' redemptions when the simulator was given a catalog. Start
 * one with {@link Simulator#start}; {@link Simulator#simulate} runs a whole stream through one.
 *
 * <p>Give activities in date order, as history happened: each is judged as of its own date against
 * what was recorded before it, and a month is closed when the first activity after it arrives (an
 * activity dated before a close already run is still recorded at its date, like a late import).
 *
 * <p>Not thread-safe: one thread records into a run. Nothing accepts or returns null.
 */
public final class Simulation {
  private final Program program;
  private final Optional<Instant> asOf;
  private final SimulationClock clock;
  private final LoyaltyEngine engine;
  private final Tally tally;
  private final Optional<Redeemer> redeemer;
  private Instant nextClose;
  private Instant lastClose;
  private int closes;
  private SimulationReport report;

  Simulation(Program program, LoyaltyEngine engine, SimulationClock clock, Tally tally, Optional<Instant> asOf,
      Optional<Redeemer> redeemer) {
    this.program = program;
    this.engine = engine;
    this.clock = clock;
    this.tally = tally;
    this.asOf = asOf;
    this.redeemer = redeemer;
  }

  /**
   * Records {@code activity}, after closing every month that ended since the last one.
   *
   * @return its receipt (for an activity recorded before, the engine's first receipt, which the
   *         report counts once); empty if it is dated after the run's as-of instant (left out, and
   *         counted as such)
   * @throws LoyaltyException      the engine's refusal (counted as refused in the report; the run
   *                               goes on)
   * @throws IllegalStateException if the run is finished
   */
  public Optional<Receipt> record(Activity activity) {
    requireNonNull(activity, "activity");
    if (report != null) {
      throw new IllegalStateException("the simulation of " + program.id() + " is finished");
    }
    Instant at = activity.occurredAt();
    if (asOf.isPresent() && at.isAfter(asOf.get())) {
      tally.afterAsOf();
      return Optional.empty();
    }
    tally.seen(activity);
    if (nextClose == null) {
      nextClose = monthAfter(at);
    }
    while (!nextClose.isAfter(at)) {
      close(nextClose);
      nextClose = monthAfter(nextClose);
    }
    clock.advanceTo(at);
    if (engine.receipt(activity.id()).isPresent()) {
      Receipt again = engine.record(activity);   // the same receipt, or a refusal of other content
      tally.replayed();
      return Optional.of(again);
    }
    Receipt receipt;
    try {
      receipt = engine.record(activity);
    } catch (LoyaltyException e) {
      tally.refused(e.getMessage());
      throw e;
    }
    tally.receipt(activity, receipt, engine);
    return Optional.of(receipt);
  }

  /**
   * Closes the remaining months and the run at its as-of instant (the one the simulator was given,
   * or else the start of the month after the last activity's) and reports. Calling it again returns
   * the same report.
   */
  public SimulationReport finish() {
    if (report == null) {
      Instant end = asOf.orElseGet(() -> nextClose != null ? nextClose : clock.instant());
      if (nextClose != null) {
        while (nextClose.isBefore(end)) {
          close(nextClose);
          nextClose = monthAfter(nextClose);
        }
      }
      if (!end.equals(lastClose)) {
        close(end);
      }
      report = tally.report(engine, end);
    }
    return report;
  }

  /**
   * The run's engine, to read receipts, balances, progress and the ledger during or after the run.
   * Recording into it directly bypasses the run's counts.
   */
  public LoyaltyEngine engine() {
    return engine;
  }

  /** The program simulated. */
  public Program program() {
    return program;
  }

  private void close(Instant at) {
    clock.advanceTo(at);
    tally.closed(engine.closePeriod(at));
    lastClose = at;
    redeemer.ifPresent(r -> r.monthEnd(closes++, tally));
  }

  private Instant monthAfter(Instant at) {
    LocalDate day = LocalDate.ofInstant(at, program.zone());
    return YearMonth.from(day).plusMonths(1).atDay(1).atStartOfDay(program.zone()).toInstant();
  }
}
