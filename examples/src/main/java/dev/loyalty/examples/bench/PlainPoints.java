package dev.loyalty.examples.bench;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.ReportSubmission;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.Tier;
import dev.loyalty.core.program.TierCriteria;
import dev.loyalty.core.spi.PartnerDirectory;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine benchmark's baseline: the points core's {@code SampleRules} award, computed by hand
 * in plain Java with no engine, no ledger, no journal and no explanations. Balances live in a
 * {@code HashMap}, with only the state the rules need: per dealer its invoice count (first-order
 * bonus), its net sales per month (monthly threshold), its net sales per category in the tier
 * window (tier multiplier) and its tier; per invoice its lines, what was returned of them and what
 * each award posted (returns); what each campaign budget has left (budget cuts).
 *
 * <p>The arithmetic is the engine's, in whole paise instead of {@code BigDecimal}: base points
 * per 100 INR, the premium category's multiplier, the tier's multiplier, the campaign bonus (cut
 * to what the budget holds, in award order), the fixed bonuses, the partner/rep split (the rep's
 * share rounded down), tiers upgraded after each recorded activity by the sales of the window as
 * of the activity's own month (as the engine judges them), never down. A return takes back from every award of its invoice the
 * invoice's returned share so far rounded down, less what earlier returns took, and gives campaign
 * points back to the budget.
 *
 * <p>It reads its numbers from the program and refuses, when built, a program with rules it does
 * not reproduce (risk limits, growth or certification criteria, campaigns aimed at tiers). It
 * assumes invoice lines priced at quantity times unit price, as {@link InvoiceLine#of} makes them.
 * Thread-safe: one lock around each activity (the ledger benchmark's baseline does the same).
 */
final class PlainPoints {

  /** The sample program's currency; amounts are kept in its minor unit, paise. */
  private static final Currency INR = Currency.getInstance("INR");
  private static final long MINOR = 100;
  private static final long PER_HUNDRED = 100 * MINOR;

  /** One tier's criteria in paise; {@code minSales} is {@link Long#MAX_VALUE} where the tier is not offered in INR. */
  private record TierRule(long minSales, int minCategories, long extraNumerator, long extraDenominator) {}

  /** A campaign that pays a bonus percent of base points, between two instants. */
  private record CampaignRule(CampaignId id, Instant from, Instant until, long percentNumerator,
      long percentDenominator, Campaign campaign) {}

  /** What the rules need to know of one dealer. */
  private static final class Dealer {
    final boolean[] targeted;
    long orders;
    final Map<YearMonth, long[]> monthSales = new HashMap<>();
    final Map<YearMonth, Map<String, long[]>> monthByCategory = new HashMap<>();
    int rank = -1;

    Dealer(int campaigns) {
      targeted = new boolean[campaigns];
    }
  }

  /** What a return needs of its invoice: the lines, what came back of them, what each award posted. */
  private static final class Invoice {
    final Sale sale;
    final long[] amounts;
    final long total;
    final long[] returned;
    final ParticipantId[] beneficiaries;
    final long[] points;
    final int[] campaigns;
    final long[] taken;

    Invoice(Sale sale, long[] amounts, long total, Awards posted) {
      this.sale = sale;
      this.amounts = amounts;
      this.total = total;
      this.returned = new long[amounts.length];
      this.beneficiaries = Arrays.copyOf(posted.beneficiaries, posted.size);
      this.points = Arrays.copyOf(posted.points, posted.size);
      this.campaigns = Arrays.copyOf(posted.campaigns, posted.size);
      this.taken = new long[posted.size];
    }
  }

  /** Awards in the order the rules give them: beneficiary, points, paying campaign (-1: issuance). */
  private static final class Awards {
    ParticipantId[] beneficiaries = new ParticipantId[16];
    long[] points = new long[16];
    int[] campaigns = new int[16];
    int size;

    void add(ParticipantId beneficiary, long amount, int campaign) {
      if (size == points.length) {
        beneficiaries = Arrays.copyOf(beneficiaries, size * 2);
        points = Arrays.copyOf(points, size * 2);
        campaigns = Arrays.copyOf(campaigns, size * 2);
      }
      beneficiaries[size] = beneficiary;
      points[size] = amount;
      campaigns[size] = campaign;
      size++;
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final PartnerDirectory directory;
  private final ZoneId zone;
  private final long per100;
  private final Set<String> premium;
  private final long premiumMultiplier;
  private final long mixMinCategories;
  private final long mixPoints;
  private final long thresholdPaise;
  private final long thresholdPoints;
  private final long firstOrderPoints;
  private final long trainingPoints;
  private final long certificationPoints;
  private final long reportPoints;
  private final int memberPercent;
  private final TierRule[] tiers;
  private final CampaignRule[] campaigns;
  private final long[] budgetLeft;
  private final int windowMonths;

  private final Map<ParticipantId, long[]> balances = new HashMap<>();
  private final Map<PartnerId, Dealer> dealers = new HashMap<>();
  private final Map<ActivityId, Invoice> invoices = new HashMap<>();

  /**
   * A baseline for {@code program}'s sample rules, partners looked up in {@code directory} (once
   * per dealer, for campaign targets), tiers judged as of each activity's month.
   *
   * @throws IllegalArgumentException if the program has rules this baseline does not reproduce
   */
  PlainPoints(Program program, PartnerDirectory directory) {
    this.directory = directory;
    this.zone = program.zone();
    for (String unsupported : List.of("review-above", "max-line-quantity")) {
      if (program.parameter(unsupported).isPresent()) {
        throw new IllegalArgumentException("the baseline has no risk rules; program sets " + unsupported);
      }
    }
    per100 = parameter(program, "points-per-100", 1);
    Set<String> categories = new HashSet<>();
    for (String c : program.parameter("premium-categories").orElse("").split(",")) {
      if (!c.isBlank()) {
        categories.add(c.strip());
      }
    }
    premium = Set.copyOf(categories);
    premiumMultiplier = parameter(program, "premium-multiplier", 2);
    mixMinCategories = parameter(program, "mix-min-categories", 3);
    mixPoints = parameter(program, "mix-bonus-points", 0);
    thresholdPaise = Math.multiplyExact(parameter(program, "monthly-threshold", 500_000), MINOR);
    thresholdPoints = parameter(program, "threshold-bonus-points", 0);
    firstOrderPoints = parameter(program, "first-order-points", 0);
    trainingPoints = parameter(program, "training-points", 0);
    certificationPoints = parameter(program, "certification-points", 0);
    reportPoints = parameter(program, "report-points", 0);
    memberPercent = program.earnSplit().memberPercent();

    tiers = new TierRule[program.tiers().size()];
    for (int i = 0; i < tiers.length; i++) {
      Tier tier = program.tiers().get(i);
      TierCriteria c = tier.criteria();
      if (c.minGrowthPercent().isPresent() || c.minCertifications() > 0 || !c.requiredCertifications().isEmpty()) {
        throw new IllegalArgumentException("the baseline judges tiers by sales and categories only; tier "
            + tier.id() + " asks for growth or certifications");
      }
      long minSales = c.minSales().isEmpty() ? 0
          : Optional.ofNullable(c.minSales().get(INR)).map(PlainPoints::paise).orElse(Long.MAX_VALUE);
      BigDecimal extra = tier.earnMultiplier().subtract(BigDecimal.ONE).max(BigDecimal.ZERO);
      tiers[i] = new TierRule(minSales, c.minCategories(), extra.unscaledValue().longValueExact(),
          BigDecimal.ONE.scaleByPowerOfTen(Math.max(0, extra.scale())).longValueExact());
      if (extra.scale() < 0) {
        throw new IllegalArgumentException("tier multiplier " + tier.earnMultiplier() + " has a negative scale");
      }
    }

    List<CampaignRule> rules = new ArrayList<>();
    for (Campaign c : program.campaigns()) {
      if (!c.target().tiers().isEmpty()) {
        throw new IllegalArgumentException("the baseline does not aim campaigns at tiers; campaign " + c.id() + " is");
      }
      String percent = c.parameters().get("bonus-percent");
      if (percent != null) {
        BigDecimal p = new BigDecimal(percent);
        rules.add(new CampaignRule(c.id(), c.startsOn().atStartOfDay(zone).toInstant(),
            c.endsOn().plusDays(1).atStartOfDay(zone).toInstant(), p.unscaledValue().longValueExact(),
            BigDecimal.valueOf(100).scaleByPowerOfTen(Math.max(0, p.scale())).longValueExact(), c));
      }
    }
    campaigns = rules.toArray(new CampaignRule[0]);
    budgetLeft = new long[campaigns.length];
    for (int i = 0; i < campaigns.length; i++) {
      budgetLeft[i] = campaigns[i].campaign().budget();
    }
    windowMonths = program.tierPolicy().windowMonths();
  }

  private static long parameter(Program program, String name, long otherwise) {
    return program.parameter(name).map(Long::parseLong).orElse(otherwise);
  }

  /** Awards (or, for a return, takes back) the points of {@code activity}. */
  void apply(Activity activity) {
    lock.lock();
    try {
      if (activity instanceof Sale sale) {
        sale(sale);
      } else if (activity instanceof SaleReturn r) {
        saleReturn(r);
      } else {
        Dealer dealer = dealer(activity.partner());
        ParticipantId beneficiary = activity.member().<ParticipantId>map(m -> m).orElse(activity.partner());
        if (activity instanceof TrainingCompleted) {
          credit(beneficiary, trainingPoints);
        } else if (activity instanceof CertificationEarned) {
          credit(beneficiary, certificationPoints);
        } else if (activity instanceof ReportSubmission report) {
          LocalDate day = LocalDate.ofInstant(report.occurredAt(), zone);
          if (!day.isAfter(report.dueOn())) {
            credit(activity.partner(), reportPoints);
          }
        } else {
          throw new IllegalArgumentException("the baseline has no rule for a " + activity.kind());
        }
        upgrade(dealer, YearMonth.from(activity.occurredAt().atZone(zone)));
      }
    } finally {
      lock.unlock();
    }
  }

  private void sale(Sale sale) {
    if (!sale.currency().equals(INR)) {
      throw new IllegalArgumentException("the baseline counts in INR; invoice " + sale.id() + " is in "
          + sale.currency());
    }
    Dealer dealer = dealer(sale.partner());
    List<InvoiceLine> lines = sale.lines();
    long[] amounts = new long[lines.size()];
    long total = 0;
    long premiumPaise = 0;
    int distinct = 0;
    for (int i = 0; i < amounts.length; i++) {
      InvoiceLine line = lines.get(i);
      amounts[i] = paise(line.amount());
      total = Math.addExact(total, amounts[i]);
      if (premium.contains(line.category())) {
        premiumPaise += amounts[i];
      }
      boolean seen = false;
      for (int j = 0; j < i && !seen; j++) {
        seen = lines.get(j).category().equals(line.category());
      }
      distinct += seen ? 0 : 1;
    }
    YearMonth month = YearMonth.from(sale.occurredAt().atZone(zone));
    long[] monthSales = dealer.monthSales.computeIfAbsent(month, m -> new long[1]);
    long before = monthSales[0];

    PartnerId partner = sale.partner();
    Awards awards = new Awards();
    long base = total / PER_HUNDRED * per100;
    addIfPositive(awards, partner, base, -1);
    addIfPositive(awards, partner, premiumPaise / PER_HUNDRED * per100 * (premiumMultiplier - 1), -1);
    if (dealer.rank >= 0 && tiers[dealer.rank].extraNumerator() > 0) {
      TierRule tier = tiers[dealer.rank];
      addIfPositive(awards, partner, Math.multiplyExact(base, tier.extraNumerator()) / tier.extraDenominator(), -1);
    }
    Instant at = sale.occurredAt();
    for (int c = 0; c < campaigns.length; c++) {
      CampaignRule campaign = campaigns[c];
      if (dealer.targeted[c] && !at.isBefore(campaign.from()) && at.isBefore(campaign.until())) {
        addIfPositive(awards, partner, Math.multiplyExact(base, campaign.percentNumerator())
            / campaign.percentDenominator(), c);
      }
    }
    if (dealer.orders == 0) {
      addIfPositive(awards, partner, firstOrderPoints, -1);
    }
    if (distinct >= mixMinCategories) {
      addIfPositive(awards, partner, mixPoints, -1);
    }
    if (before < thresholdPaise && before + total >= thresholdPaise) {
      addIfPositive(awards, partner, thresholdPoints, -1);
    }

    Awards posted = awards;
    if (sale.member().isPresent()) {
      posted = new Awards();
      ParticipantId rep = sale.member().get();
      for (int i = 0; i < awards.size; i++) {
        long repShare = awards.points[i] * memberPercent / 100;
        long partnerShare = awards.points[i] - repShare;
        addIfPositive(posted, partner, partnerShare, awards.campaigns[i]);
        addIfPositive(posted, rep, repShare, awards.campaigns[i]);
      }
    }
    for (int i = 0; i < posted.size; i++) {
      int c = posted.campaigns[i];
      if (c >= 0) {
        long points = Math.min(budgetLeft[c], posted.points[i]);
        budgetLeft[c] -= points;
        posted.points[i] = points;
      }
      credit(posted.beneficiaries[i], posted.points[i]);
    }
    invoices.put(sale.id(), new Invoice(sale, amounts, total, posted));

    dealer.orders++;
    monthSales[0] += total;
    Map<String, long[]> byCategory = dealer.monthByCategory.computeIfAbsent(month, m -> new HashMap<>());
    for (int i = 0; i < amounts.length; i++) {
      byCategory.computeIfAbsent(lines.get(i).category(), c -> new long[1])[0] += amounts[i];
    }
    upgrade(dealer, month);
  }

  private void saleReturn(SaleReturn r) {
    Invoice invoice = invoices.get(r.invoice());
    if (invoice == null) {
      throw new IllegalStateException("return " + r.id() + " names invoice " + r.invoice() + ", which the baseline "
          + "has not seen");
    }
    List<InvoiceLine> lines = invoice.sale.lines();
    YearMonth month = YearMonth.from(r.occurredAt().atZone(zone));
    Dealer dealer = dealer(r.partner());
    Map<String, long[]> byCategory = dealer.monthByCategory.computeIfAbsent(month, m -> new HashMap<>());
    long drop = 0;
    for (ReturnLine back : r.lines()) {
      int i = 0;
      while (!lines.get(i).sku().equals(back.sku())) {
        i++;
      }
      invoice.returned[i] += back.quantity();
      long lineDrop = Math.multiplyExact(unitPaise(invoice, i), back.quantity());
      drop += lineDrop;
      byCategory.computeIfAbsent(lines.get(i).category(), c -> new long[1])[0] -= lineDrop;
    }
    // The share of the invoice returned so far: sum of unit price x units returned, over the total.
    long returnedPaise = 0;
    for (int i = 0; i < lines.size(); i++) {
      returnedPaise += Math.multiplyExact(unitPaise(invoice, i), invoice.returned[i]);
    }
    for (int k = 0; k < invoice.points.length; k++) {
      long target = returnedPaise >= invoice.total ? invoice.points[k]
          : Math.multiplyExact(invoice.points[k], returnedPaise) / invoice.total;
      long now = target - invoice.taken[k];
      if (now > 0) {
        invoice.taken[k] += now;
        long[] balance = balances.get(invoice.beneficiaries[k]);
        if (balance[0] < now) {
          throw new IllegalStateException("return " + r.id() + " takes back " + now + " points from "
              + invoice.beneficiaries[k] + ", who has " + balance[0] + "; the baseline books no shortfalls");
        }
        balance[0] -= now;
        if (invoice.campaigns[k] >= 0) {
          budgetLeft[invoice.campaigns[k]] += now;
        }
      }
    }
    dealer.monthSales.computeIfAbsent(month, m -> new long[1])[0] -= drop;
  }

  private static long unitPaise(Invoice invoice, int line) {
    return invoice.amounts[line] / invoice.sale.lines().get(line).quantity();
  }

  /**
   * Moves the dealer up to the highest tier its window meets, the window ending with {@code month}
   * (the activity's, as the engine judges an upgrade as of the activity's date); never down.
   */
  private void upgrade(Dealer dealer, YearMonth month) {
    long windowSales = 0;
    Map<String, Long> windowByCategory = new HashMap<>();
    for (YearMonth m = month.minusMonths(windowMonths - 1L); !m.isAfter(month); m = m.plusMonths(1)) {
      windowSales += dealer.monthSales.getOrDefault(m, new long[1])[0];
      dealer.monthByCategory.getOrDefault(m, Map.of()).forEach((c, amount) -> windowByCategory.merge(c, amount[0],
          Long::sum));
    }
    long positiveCategories = windowByCategory.values().stream().filter(amount -> amount > 0).count();
    for (int r = tiers.length - 1; r > dealer.rank; r--) {
      TierRule tier = tiers[r];
      if (tier.minSales() != Long.MAX_VALUE && windowSales >= tier.minSales()
          && positiveCategories >= tier.minCategories()) {
        dealer.rank = r;
        return;
      }
    }
  }

  private Dealer dealer(PartnerId id) {
    Dealer dealer = dealers.get(id);
    if (dealer == null) {
      Partner partner = directory.partner(id).orElseThrow(() -> new IllegalStateException("partner " + id
          + " is not in the directory"));
      dealer = new Dealer(campaigns.length);
      for (int c = 0; c < campaigns.length; c++) {
        dealer.targeted[c] = campaigns[c].campaign().target().includes(partner, Optional.empty());
      }
      dealers.put(id, dealer);
    }
    return dealer;
  }

  private static void addIfPositive(Awards awards, ParticipantId beneficiary, long points, int campaign) {
    if (points > 0) {
      awards.add(beneficiary, points, campaign);
    }
  }

  private void credit(ParticipantId participant, long points) {
    if (points > 0) {
      balances.computeIfAbsent(participant, p -> new long[1])[0] += points;
    }
  }

  private static long paise(BigDecimal amount) {
    return amount.movePointRight(2).longValueExact();
  }

  /** Every participant's points. */
  Map<ParticipantId, Long> balances() {
    lock.lock();
    try {
      Map<ParticipantId, Long> copy = new HashMap<>();
      balances.forEach((p, b) -> copy.put(p, b[0]));
      return copy;
    } finally {
      lock.unlock();
    }
  }

  /** What each campaign budget has left. */
  Map<CampaignId, Long> budgetsLeft() {
    lock.lock();
    try {
      Map<CampaignId, Long> left = new HashMap<>();
      for (int c = 0; c < campaigns.length; c++) {
        left.put(campaigns[c].id(), budgetLeft[c]);
      }
      return left;
    } finally {
      lock.unlock();
    }
  }
}
