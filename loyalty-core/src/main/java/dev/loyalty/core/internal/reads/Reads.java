package dev.loyalty.core.internal.reads;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.internal.Journal;
import dev.loyalty.core.internal.ParticipantFigures;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.performance.EarnedPoints;
import dev.loyalty.core.performance.PerformanceFigures;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.spi.JournalEntry;
import dev.loyalty.core.spi.PerformanceStore;
import dev.loyalty.core.tier.TierEvaluator;
import dev.loyalty.core.tier.TierProgress;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Balance;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The reads capability: receipts, balances, statements, figures and tier progress. Reads never
 * write and take no partner lock; "now" is the engine's clock. Thread-safe.
 */
public final class Reads {
  private final Program program;
  private final Ledger ledger;
  private final Journal journal;
  private final ParticipantFigures figures;
  private final PerformanceStore performance;
  private final TierEvaluator tiers;
  private final Clock clock;

  /** Reads of {@code program}'s stores. */
  public Reads(Program program, Ledger ledger, Journal journal, ParticipantFigures figures,
      PerformanceStore performance, Clock clock) {
    this.program = requireNonNull(program, "program");
    this.ledger = requireNonNull(ledger, "ledger");
    this.journal = requireNonNull(journal, "journal");
    this.figures = requireNonNull(figures, "figures");
    this.performance = requireNonNull(performance, "performance");
    this.tiers = new TierEvaluator(program);
    this.clock = requireNonNull(clock, "clock");
  }

  /** The receipt of {@code activity}, if it was recorded. */
  public Optional<Receipt> receipt(ActivityId activity) {
    return journal.find(requireNonNull(activity, "activity")).map(JournalEntry::receipt);
  }

  /** The participant's points; zero if it never earned. */
  public Balance balance(ParticipantId participant) {
    AccountId wallet = program.accounts().wallet(requireNonNull(participant, "participant"));
    return ledger.account(wallet).isPresent() ? ledger.balance(wallet) : new Balance(wallet, 0, 0, 0);
  }

  /** The participant's statement for {@code [from, to)}. */
  public Statement statement(ParticipantId participant, Instant from, Instant to) {
    AccountId wallet = program.accounts().wallet(requireNonNull(participant, "participant"));
    if (ledger.account(wallet).isEmpty()) {
      return new Statement(wallet, from, to, 0, List.of(), 0);
    }
    return ledger.statement(wallet, from, to);
  }

  /** The participant's figures now. */
  public PerformanceFigures figures(ParticipantId participant) {
    return figures.of(requireNonNull(participant, "participant"), clock.instant());
  }

  /** What the participant had earned in the periods of {@code at}, per rule and campaign. */
  public EarnedPoints earned(ParticipantId participant, Instant at) {
    requireNonNull(participant, "participant");
    return figures.earned(participant, figures.currencyOf(participant), requireNonNull(at, "at"));
  }

  /** The participant's tier progress now. */
  public TierProgress progress(ParticipantId participant) {
    return tiers.progress(participant, performance.standing(participant), figures(participant));
  }
}
