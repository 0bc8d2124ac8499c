package dev.loyalty.core.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.UnknownMemberException;
import dev.loyalty.core.UnknownPartnerException;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.performance.Contribution;
import dev.loyalty.core.performance.EarnedPoints;
import dev.loyalty.core.performance.PerformanceFigures;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.Tier;
import dev.loyalty.core.spi.JournalEntry;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.spi.PerformanceStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine knows about participants: their figures over the program's window, their tier,
 * their currency (their partner's), the points they earned per period (kept by {@link
 * PointsCounter}), and how an activity adds to all of these. Thread-safe as its stores are;
 * callers hold the partner's lock when they contribute or count.
 */
public final class ParticipantFigures {
  private final Program program;
  private final PartnerDirectory directory;
  private final PerformanceStore performance;
  private final Journal journal;
  private final PointsCounter points;

  /** Figures of {@code program}'s participants, kept in {@code performance}. */
  public ParticipantFigures(Program program, PartnerDirectory directory, PerformanceStore performance,
      Journal journal) {
    this.program = requireNonNull(program, "program");
    this.directory = requireNonNull(directory, "directory");
    this.performance = requireNonNull(performance, "performance");
    this.journal = requireNonNull(journal, "journal");
    this.points = new PointsCounter(program, directory, performance, journal);
  }

  /** The participant's figures as of {@code asOf}, kept in {@code currency}. */
  public PerformanceFigures of(ParticipantId participant, Currency currency, Instant asOf) {
    return performance.figures(participant, currency, asOf, program.zone(), program.tierPolicy().windowMonths());
  }

  /** The participant's figures as of {@code asOf}, in its partner's currency. */
  public PerformanceFigures of(ParticipantId participant, Instant asOf) {
    return of(participant, currencyOf(participant), asOf);
  }

  /**
   * What the participant had earned in the day, month, quarter and program year of {@code at}
   * (for a partner: its organisation's), per rule and campaign.
   */
  public EarnedPoints earned(ParticipantId participant, Currency currency, Instant at) {
    return points.earned(participant, currency, at);
  }

  /**
   * Counts the points that finishing {@code planned} (the entry before its ledger step) into
   * {@code written} posted, held, released or took back, each step once.
   */
  public void countPoints(JournalEntry planned, JournalEntry written) {
    points.count(planned, written);
  }

  /** The participant's current tier, if it has one the program still defines. */
  public Optional<Tier> tierOf(ParticipantId participant) {
    return performance.standing(participant).tier().flatMap(program::tier);
  }

  /** The currency the participant's figures are kept in: its partner's. */
  public Currency currencyOf(ParticipantId participant) {
    PartnerId partner = partnerOf(participant).orElseThrow(() -> participant instanceof PartnerId
        ? new UnknownPartnerException("partner " + participant.value() + " is not enrolled")
        : new UnknownMemberException("member " + participant.value() + " is not enrolled"));
    return directory.partner(partner).orElseThrow(() -> new UnknownPartnerException("partner " + partner
        + " is not enrolled")).currency();
  }

  /** The partner the participant is or works for, if enrolled. */
  public Optional<PartnerId> partnerOf(ParticipantId participant) {
    return participant instanceof PartnerId p ? directory.partner(p).map(Partner::id)
        : directory.member((MemberId) participant).map(Member::partner);
  }

  /** Adds {@code activity} to the figures of its partner and member (a return subtracts), once. */
  public void contribute(Activity activity) {
    Currency currency = directory.partner(activity.partner()).map(Partner::currency)
        .orElseThrow(() -> new UnknownPartnerException("partner " + activity.partner() + " left the directory"));
    Contribution c = contributionOf(activity, currency);
    performance.apply(activity.partner(), currency, c);
    activity.member().ifPresent(m -> performance.apply(m, currency, c));
  }

  private Contribution contributionOf(Activity activity, Currency currency) {
    YearMonth month = YearMonth.from(points.dayOf(activity.occurredAt()));
    Money sales = Money.zero(currency);
    Map<String, Money> byCategory = Map.of();
    int orders = 0;
    Optional<Contribution.Certification> certification = Optional.empty();
    // Other activities only move "last activity".
    if (activity instanceof Sale sale) {
      if (sale.lines().size() == 1) {
        // immutable already, so the contribution keeps it without a copy
        InvoiceLine line = sale.lines().get(0);
        byCategory = Map.of(line.category(), Money.of(line.amount(), currency));
      } else {
        byCategory = new HashMap<>();
        for (InvoiceLine line : sale.lines()) {
          byCategory.merge(line.category(), Money.of(line.amount(), currency), Money::plus);
        }
      }
      sales = sale.total();
      orders = 1;
    } else if (activity instanceof SaleReturn r) {
      JournalEntry invoice = journal.find(r.invoice()).orElseThrow();
      ReturnPlanner.Outcome outcome = ReturnPlanner.plan(r, invoice, journal.returnsOf(r.invoice()));
      sales = outcome.salesDrop().times(BigDecimal.ONE.negate());
      Map<String, Money> back = new HashMap<>();
      outcome.byCategory().forEach((c, amount) -> back.put(c, amount.times(BigDecimal.ONE.negate())));
      byCategory = back;
    } else if (activity instanceof CertificationEarned c) {
      certification = Optional.of(new Contribution.Certification(c.certification(), c.validUntil()));
    }
    return new Contribution(activity.id(), activity.occurredAt(), month, sales, byCategory, orders, certification);
  }
}
