package dev.loyalty.core.performance;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.ParticipantId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything recorded about one participant: its figures by month, and the points it earned by
 * period. Immutable; {@link #plus(Contribution)} and {@link #plus(PointsContribution)} return a new
 * history.
 *
 * @param participant    never null
 * @param currency       the currency its sales are kept in (its partner's); never null
 * @param months         figures per calendar month; never null
 * @param certifications certification code to its last valid day (empty: does not lapse); never null
 * @param lastActivity   the latest activity time seen; never null
 * @param earned         the points earned per day, month, quarter and program year, per rule and
 *                       campaign (for a partner: its organisation's, see {@link EarnedPoints});
 *                       never null
 */
public record ParticipantHistory(
    ParticipantId participant,
    Currency currency,
    NavigableMap<YearMonth, MonthFigures> months,
    Map<String, Optional<LocalDate>> certifications,
    Optional<Instant> lastActivity,
    EarningHistory earned) {
  public ParticipantHistory {
    requireNonNull(participant, "participant");
    requireNonNull(currency, "currency");
    months = java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(requireNonNull(months, "months")));
    certifications = Map.copyOf(requireNonNull(certifications, "certifications"));
    requireNonNull(lastActivity, "lastActivity");
    requireNonNull(earned, "earned");
  }

  /** A participant nothing is known about yet. */
  public static ParticipantHistory empty(ParticipantId participant, Currency currency) {
    return new ParticipantHistory(participant, currency, new TreeMap<>(), Map.of(), Optional.empty(),
        EarningHistory.empty());
  }

  /** This history with {@code c} added. */
  public ParticipantHistory plus(Contribution c) {
    requireCurrency(participant, currency, c);
    TreeMap<YearMonth, MonthFigures> newMonths = new TreeMap<>(months);
    Map<String, Optional<LocalDate>> newCertifications = new HashMap<>(certifications);
    addFigures(currency, newMonths, newCertifications, c);
    return new ParticipantHistory(participant, currency, newMonths, newCertifications, latest(lastActivity, c),
        earned);
  }

  /**
   * Adds {@code c}'s sales to its month of {@code months} and its certification to {@code
   * certifications}, in place: what {@link #plus(Contribution)} and {@link RunningHistory} add.
   */
  static void addFigures(Currency currency, Map<YearMonth, MonthFigures> months,
      Map<String, Optional<LocalDate>> certifications, Contribution c) {
    MonthFigures month = months.get(c.month());
    months.put(c.month(), (month == null ? new MonthFigures(Money.zero(currency), Map.of(), 0) : month).plus(c));
    addCertification(certifications, c);
  }

  /** Adds {@code c}'s certification, if any, to {@code certifications}, in place. */
  static void addCertification(Map<String, Optional<LocalDate>> certifications, Contribution c) {
    c.certification().ifPresent(cert -> certifications.merge(cert.code(), cert.validUntil(),
        ParticipantHistory::longerValidity));
  }

  /** The later of {@code lastActivity} and {@code c}'s time. */
  static Optional<Instant> latest(Optional<Instant> lastActivity, Contribution c) {
    return lastActivity.filter(t -> !t.isBefore(c.occurredAt())).or(() -> Optional.of(c.occurredAt()));
  }

  /**
   * This history with {@code c}'s points added to its earned points (figures, certifications and
   * the last activity unchanged).
   *
   * @throws ArithmeticException if a total overflows a {@code long}
   */
  public ParticipantHistory plus(PointsContribution c) {
    return new ParticipantHistory(participant, currency, months, certifications, lastActivity, earned.plus(c));
  }

  /**
   * Refuses {@code c} unless it is in {@code currency}, the currency {@code participant}'s figures
   * are kept in.
   *
   * @throws IllegalArgumentException naming both
   */
  public static void requireCurrency(ParticipantId participant, Currency currency, Contribution c) {
    if (!c.sales().currency().equals(currency)) {
      throw new IllegalArgumentException("Currency mismatch: figures of " + participant.kind() + " "
          + participant.value() + " are kept in " + currency + ", contribution of " + c.activity() + " is "
          + c.sales());
    }
  }

  private static Optional<LocalDate> longerValidity(Optional<LocalDate> a, Optional<LocalDate> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Optional.empty();
    }
    return a.get().isAfter(b.get()) ? a : b;
  }
}
