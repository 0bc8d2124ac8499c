package dev.loyalty.core.performance;

import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.ParticipantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sums behind one participant's {@link PerformanceFigures} as of a day (window and prior window,
 * best month, streak, valid certifications), computed once from the monthly history and then kept
 * up to date by the contributions dated in the current month, so that a {@link RunningHistory}
 * read on every activity (for the rules' facts and again for the tier check) does not sum the
 * months again. The sums hold for every day of their month on which the same certifications are
 * valid. {@link PerformanceFigures#of} computes every figure through one of these, so both
 * ways agree by construction: a window that cannot take a contribution in place (another month)
 * says so and is computed afresh.
 *
 * <p>Not thread-safe: its {@link RunningHistory} guards it with the history's own lock. The
 * figures it gives out are immutable and stay what they were after later additions.
 */
final class FiguresWindow {
  private final Currency currency;
  private final ZoneId zone;
  private final int windowMonths;
  private final LocalDate today;
  /** When {@link #today} starts and ends in {@link #zone}: a read within it needs no zoned date. */
  private final Instant todayFrom;
  private final Instant todayUntil;
  private final YearMonth current;
  private final YearMonth windowStart;
  private final Money prior;
  private final Money best;
  private final int monthsWithSales;
  /** Net sales per category in the window, zero and negative sums included, for adding to in place. */
  private final Map<String, BigDecimal> sums = new HashMap<>();
  private BigDecimal window;
  private long windowOrders;
  private long lifetimeOrders;
  private BigDecimal monthSales;
  private long monthOrders;
  /**
   * {@link #window} and {@link #monthSales} as money, made when figures are first read after a
   * change (a {@code Money} normalises its amount when made): the rules read a participant's
   * figures before its activity and the tier check after, and an activity reads its partner's too.
   */
  private Money windowMoney;
  private Money monthSalesMoney;
  private int streak;
  private Set<String> certifications;
  /**
   * The days around {@link #today} on which the same certifications are valid: from the day after
   * the latest validity that ended by today, to the day after the earliest that has not.
   */
  private LocalDate sameCertificationsFrom;
  private LocalDate sameCertificationsBefore;
  /** The positive {@link #sums} as money, immutable; replaced when a contribution changes them. */
  private CategoryTotals byCategory;

  private FiguresWindow(Currency currency, ZoneId zone, int windowMonths, LocalDate today, Money prior, Money best,
      int monthsWithSales) {
    this.currency = currency;
    this.zone = zone;
    this.windowMonths = windowMonths;
    this.today = today;
    this.todayFrom = today.atStartOfDay(zone).toInstant();
    this.todayUntil = today.plusDays(1).atStartOfDay(zone).toInstant();
    this.current = YearMonth.from(today);
    this.windowStart = current.minusMonths(windowMonths - 1L);
    this.prior = prior;
    this.best = best;
    this.monthsWithSales = monthsWithSales;
  }

  /** Sums {@code months} and {@code certifications} as of {@code asOf}, months counted in {@code zone}. */
  static FiguresWindow of(Currency currency, NavigableMap<YearMonth, ? extends MonthSums> months,
      Map<String, Optional<LocalDate>> certifications, Instant asOf, ZoneId zone, int windowMonths) {
    LocalDate today = asOf.atZone(zone).toLocalDate();
    YearMonth current = YearMonth.from(today);
    YearMonth windowStart = current.minusMonths(windowMonths - 1L);
    YearMonth priorStart = windowStart.minusMonths(windowMonths);
    // summed as BigDecimal and made Money once: every Money normalises its amount
    BigDecimal window = BigDecimal.ZERO;
    BigDecimal prior = BigDecimal.ZERO;
    long windowOrders = 0;
    long lifetimeOrders = 0;
    Money best = Money.zero(currency);
    int monthsWithSales = 0;
    Map<String, BigDecimal> sums = new HashMap<>();
    for (Map.Entry<YearMonth, ? extends MonthSums> e : months.entrySet()) {
      YearMonth month = e.getKey();
      MonthSums f = e.getValue();
      lifetimeOrders += f.orders();
      if (month.isAfter(current)) {
        continue; // activities recorded late but dated ahead of asOf do not count yet
      }
      BigDecimal sales = f.salesAmount();
      if (month.isBefore(current) && sales.signum() > 0) {
        monthsWithSales++;
        best = sales.compareTo(best.amount()) > 0 ? f.sales() : best;
      }
      if (!month.isBefore(windowStart)) {
        window = window.add(sales);
        windowOrders += f.orders();
        f.forEachCategoryAmount((category, amount) -> sums.merge(category, amount, BigDecimal::add));
      } else if (!month.isBefore(priorStart)) {
        prior = prior.add(sales);
      }
    }
    FiguresWindow w = new FiguresWindow(currency, zone, windowMonths, today, Money.of(prior, currency), best,
        monthsWithSales);
    w.window = window;
    w.windowOrders = windowOrders;
    w.lifetimeOrders = lifetimeOrders;
    w.sums.putAll(sums);
    w.byCategory = CategoryTotals.positiveOf(sums, currency);
    w.thisMonth(months);
    w.certifications(certifications);
    return w;
  }

  /**
   * Whether these sums are the ones {@link #of} would compute as of {@code asOf} from the same
   * history: the same window and month, and a day on which the same certifications are valid.
   */
  boolean isFor(Instant asOf, ZoneId zone, int windowMonths) {
    if (windowMonths != this.windowMonths || !zone.equals(this.zone)) {
      return false;
    }
    if (!asOf.isBefore(todayFrom) && asOf.isBefore(todayUntil)) {
      // today: in the current month, and within the days of today's certifications by construction
      return true;
    }
    LocalDate day = asOf.atZone(zone).toLocalDate();
    return YearMonth.from(day).equals(current) && !day.isBefore(sameCertificationsFrom)
        && day.isBefore(sameCertificationsBefore);
  }

  /**
   * Takes in {@code c}, just added to {@code months} and {@code certifications}, if it is dated in
   * the current month (what an activity recorded in date order is); otherwise changes nothing and
   * returns false, and the caller computes the sums afresh. Months before the current one (best
   * month, months with sales, prior window) do not change for the current month's activities.
   */
  boolean absorb(Contribution c, NavigableMap<YearMonth, ? extends MonthSums> months,
      Map<String, Optional<LocalDate>> certifications) {
    if (!c.month().equals(current)) {
      return false;
    }
    window = window.add(c.sales().amount());
    windowMoney = null;
    windowOrders += c.orders();
    lifetimeOrders += c.orders();
    if (!c.byCategory().isEmpty()) {
      // the figures given out keep their map: the changed categories go into a new one, which
      // shares the categories' array when none comes or goes
      String[] changed = new String[c.byCategory().size()];
      Money[] now = new Money[changed.length];
      int i = 0;
      for (Map.Entry<String, Money> e : c.byCategory().entrySet()) {
        BigDecimal sum = sums.merge(e.getKey(), e.getValue().amount(), BigDecimal::add);
        changed[i] = e.getKey();
        now[i++] = sum.signum() > 0 ? Money.of(sum, currency) : null;
      }
      byCategory = byCategory.with(changed, now);
    }
    // orders never go down, so the streak changes only when the month gets its first invoice
    boolean firstOrder = monthOrders == 0 && c.orders() > 0;
    MonthSums f = months.get(current);
    monthSales = f.salesAmount();
    monthSalesMoney = null;
    monthOrders = f.orders();
    if (firstOrder) {
      streak = streak(months, current);
    }
    if (c.certification().isPresent()) {
      certifications(certifications);
    }
    return true;
  }

  /** The figures these sums give as of {@code asOf} (a time on their day or in their month). */
  PerformanceFigures figures(ParticipantId participant, Instant asOf, Optional<Instant> lastActivity) {
    if (windowMoney == null) {
      windowMoney = Money.of(window, currency);
    }
    if (monthSalesMoney == null) {
      monthSalesMoney = Money.of(monthSales, currency);
    }
    return new PerformanceFigures(participant, asOf, windowMonths, windowMoney, prior, byCategory,
        windowOrders, monthSalesMoney, monthOrders, streak, lifetimeOrders, lastActivity, certifications, best,
        monthsWithSales);
  }

  private void thisMonth(NavigableMap<YearMonth, ? extends MonthSums> months) {
    MonthSums f = months.get(current);
    monthSales = f == null ? BigDecimal.ZERO : f.salesAmount();
    monthSalesMoney = null;
    monthOrders = f == null ? 0 : f.orders();
    streak = streak(months, current);
  }

  /** The certifications valid {@link #today}, and the days around it on which the same are. */
  private void certifications(Map<String, Optional<LocalDate>> all) {
    sameCertificationsFrom = LocalDate.MIN;
    sameCertificationsBefore = LocalDate.MAX;
    if (all.isEmpty()) {
      certifications = Set.of();
      return;
    }
    Set<String> valid = new TreeSet<>();
    all.forEach((code, until) -> {
      if (until.isEmpty() || until.get().equals(LocalDate.MAX)) {
        valid.add(code);
        return;
      }
      // valid through its last day: the set changes the day after
      LocalDate changes = until.get().plusDays(1);
      if (changes.isAfter(today)) {
        valid.add(code);
        sameCertificationsBefore = changes.isBefore(sameCertificationsBefore) ? changes : sameCertificationsBefore;
      } else {
        sameCertificationsFrom = changes.isAfter(sameCertificationsFrom) ? changes : sameCertificationsFrom;
      }
    });
    certifications = Set.copyOf(valid);
  }

  private static int streak(NavigableMap<YearMonth, ? extends MonthSums> months, YearMonth current) {
    YearMonth month = hasOrders(months, current) ? current : current.minusMonths(1);
    int streak = 0;
    while (hasOrders(months, month)) {
      streak++;
      month = month.minusMonths(1);
    }
    return streak;
  }

  private static boolean hasOrders(NavigableMap<YearMonth, ? extends MonthSums> months, YearMonth month) {
    MonthSums f = months.get(month);
    return f != null && f.orders() > 0;
  }
}
