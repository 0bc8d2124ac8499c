package dev.loyalty.examples;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramLoader;
import dev.loyalty.core.access.Actor;
import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.Roles;
import dev.loyalty.core.access.Scope;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.claims.Claim;
import dev.loyalty.core.claims.ClaimId;
import dev.loyalty.core.claims.ClaimStatus;
import dev.loyalty.core.claims.ClaimSubmission;
import dev.loyalty.core.claims.InvoiceRecord;
import dev.loyalty.core.claims.Proof;
import dev.loyalty.core.insights.DateRange;
import dev.loyalty.core.insights.Insights;
import dev.loyalty.core.insights.Leaderboard;
import dev.loyalty.core.insights.LeaderboardQuery;
import dev.loyalty.core.insights.LeaderboardQuery.Kind;
import dev.loyalty.core.insights.LeaderboardQuery.Metric;
import dev.loyalty.core.insights.ParticipantFilter;
import dev.loyalty.core.insights.ProgramKpis;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.rewards.Catalog;
import dev.loyalty.core.rewards.CatalogItem;
import dev.loyalty.core.rewards.CatalogLoader;
import dev.loyalty.core.rewards.Offer;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rewards.RedemptionRequest;
import dev.loyalty.core.rewards.RewardKind;
import dev.loyalty.core.rewards.Rewards;
import dev.loyalty.core.rewards.Shipment;
import dev.loyalty.core.simulation.ActivityGenerator;
import dev.loyalty.core.simulation.Channel;
import dev.loyalty.core.simulation.ChannelGenerator;
import dev.loyalty.core.simulation.ChannelShape;
import dev.loyalty.core.simulation.Redeeming;
import dev.loyalty.core.simulation.Simulation;
import dev.loyalty.core.simulation.SimulationReport;
import dev.loyalty.core.simulation.Simulator;
import dev.loyalty.core.simulation.WhatIfReport;
import dev.loyalty.core.spi.InMemoryInvoiceRegistry;
import dev.loyalty.core.spi.InvoiceRegistry;
import dev.loyalty.examples.cli.ReportText;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.rules.DroolsRuleEngine;
import dev.loyalty.rules.RuleSource;
import dev.loyalty.rules.standard.StandardRules;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A year of a whole channel program, in memory, for a person to read (the README's first command,
 * and {@code loyalty.jar demo}): a manufacturer's program built from the ready-made rules plus one
 * custom DRL; a channel of 2 distributors, 12 dealers and 30 reps in 3 regions; a generated year of
 * their activity run through the engine with its monthly closes; receipts with their explanations;
 * tier progress with what is missing; a rep's redemption shipped and delivered (reps redeem from the
 * catalog at every month's end); a dealer's claim paid, and the same invoice claimed again blocked by
 * fraud scoring; the year's report; the leaderboards, key figures and liability {@code
 * engine.insights()} gives, reconciled with the report; a what-if of raising a multiplier; and the
 * books.
 *
 * <p>Each part is one method, in the order {@link #run()} calls them.
 */
public final class ProgramDemo {
  /** The seed of the demo's channel and year: the same story every time. */
  static final long SEED = 2026;
  private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
  private static final Currency INR = Currency.getInstance("INR");
  /** The salt the engine hashes identities with; a host keeps its own out of the program definition. */
  private static final byte[] SALT = "volta-demo-salt-2026".getBytes(StandardCharsets.UTF_8);

  private final PrintStream out;
  private final Program program;
  private final DroolsRuleEngine rules;
  private final Channel channel;
  private final ActivityGenerator year;
  private final Catalog catalog;
  /** The manufacturer's own record of its dealers' sales, which claims are checked against. */
  private final InMemoryInvoiceRegistry records = InvoiceRegistry.inMemory();
  private Simulation simulation;
  private SimulationReport report;
  /** The points part 4's order took and part 5's claims paid, after the year's report was made. */
  private long ordered;
  private long claimed;
  private PartnerId claimant;

  /** A demo that prints to {@code out}. */
  public ProgramDemo(PrintStream out) {
    this.out = out;
    this.program = ProgramLoader.fromJson(new InputStreamReader(resource(
        "dev/loyalty/rules/samples/standard-program.json"), StandardCharsets.UTF_8));
    // the ready-made rules, switched on by the program's parameters, and one rule of our own
    this.rules = DroolsRuleEngine.of(StandardRules.ruleSet("volta-2026", Instant.MIN,
        RuleSource.fromClasspath("demo/festive-fans.drl", ProgramDemo.class.getClassLoader())));
    this.channel = ChannelGenerator.seeded(SEED).generate(new ChannelShape(2, 12, 0, 30,
        List.of("north", "south", "west")));
    this.year = ActivityGenerator.of(channel, SEED).zone(program.zone()).perPartnerYear(120);
    this.catalog = CatalogLoader.fromJson(new InputStreamReader(resource("demo/catalog.json"), StandardCharsets.UTF_8),
        program);
  }

  /** Runs the demo. */
  public static void main(String[] args) {
    new ProgramDemo(System.out).run();
  }

  /** Every part, in order. */
  public void run() {
    introduce();
    receipts();
    progress();
    redemption();
    claims();
    yearInFigures();
    insights();
    whatIf();
    books();
  }

  /** The year's run (after {@link #run()}). */
  Simulation simulation() {
    return simulation;
  }

  /** The year's report, made before parts 4 and 5 (after {@link #run()}). */
  SimulationReport report() {
    return report;
  }

  Channel channel() {
    return channel;
  }

  /** The points part 4's order took. */
  long ordered() {
    return ordered;
  }

  /** The points part 5's claims paid, and the dealer that claimed. */
  long claimed() {
    return claimed;
  }

  PartnerId claimant() {
    return claimant;
  }

  private static InputStream resource(String name) {
    return Objects.requireNonNull(ProgramDemo.class.getClassLoader().getResourceAsStream(name), name);
  }

  private void introduce() {
    out.println("Loyalty SDK: a year of " + program.name() + " (in memory, nothing to start)");
    out.println("Rules: the " + StandardRules.NAMES.size() + " ready-made rule files, switched on by the program's "
        + "parameters, plus one custom DRL (festive-fans.drl: fans earn extra in October and November)");
    section("1. The channel: a manufacturer's 2 distributors, 12 dealers and 30 reps in 3 regions");
    for (Partner p : channel.partners()) {
      if (p.type().equals(PartnerType.DISTRIBUTOR)) {
        out.printf("  %s %s (%s)%n", p.id(), p.name(), p.region());
        for (Partner dealer : channel.partners()) {
          if (dealer.parent().filter(p.id()::equals).isPresent()) {
            out.printf("    %s %-24s %d reps%n", dealer.id(), dealer.name(), channel.membersOf(dealer.id()).size());
          }
        }
      }
    }
  }

  /** Records the year, showing the first receipts of interest as they come. */
  private void receipts() {
    section("2. Receipts say why: the first invoice of a rep, and the custom rule at work in October");
    // reps redeem at month ends, one in five each month, what they can afford of the catalog
    // the manufacturer's records and the identity salt are for the claims of part 5, made on this run's engine
    simulation = simulator().engines(engine -> engine.invoiceRegistry(records).identitySalt(SALT))
        .start(program, rules);
    boolean repShown = false;
    boolean festiveShown = false;
    for (Activity a : year) {
      Optional<Receipt> receipt;
      try {
        receipt = simulation.record(a);
      } catch (dev.loyalty.core.LoyaltyException refused) {
        continue;   // counted by the run; the report lists it
      }
      if (receipt.isEmpty() || !(a instanceof Sale sale)) {
        continue;
      }
      if (!repShown && sale.member().isPresent() && receipt.get().totalPoints() > 0) {
        repShown = true;
        explain(sale, receipt.get());
      }
      if (!festiveShown && receipt.get().awards().stream().anyMatch(w -> w.rule().ruleId().equals("festive-fans"))) {
        festiveShown = true;
        explain(sale, receipt.get());
      }
    }
    report = simulation.finish();
  }

  private void explain(Sale sale, Receipt receipt) {
    out.printf("%n  %s: %s invoiced %s%s on %s%n", sale.id(), sale.partner(), sale.total().formatted(),
        sale.member().map(m -> " through rep " + m).orElse(""), sale.occurredAt().atZone(IST).toLocalDate());
    receipt.explanation().forEach(line -> out.println("    " + line));
  }

  private void progress() {
    section("3. Tier progress at the end of the year: where each stands and what is missing");
    LoyaltyEngine engine = simulation.engine();
    int shown = 0;
    for (Partner p : channel.partners()) {
      if (p.type().equals(PartnerType.DEALER) && shown++ < 4) {
        out.println("  " + p.id() + " " + p.name() + ": " + engine.progress(p.id()).summary());
      }
    }
    Member rep = channel.members().get(0);
    out.println("  " + rep.id() + " " + rep.name() + ": " + engine.progress(rep.id()).summary());
  }

  private Simulator simulator() {
    return Simulator.of(channel).topPartners(5).redemptions(new Redeeming(catalog, 20, SEED));
  }

  /** A dealer claims a sale to its customer: paid; then claims the same invoice again: blocked. */
  private void claims() {
    section("5. Claims: a dealer's sale to its customer is paid; the same invoice claimed again is blocked");
    LoyaltyEngine engine = simulation.engine();
    Partner dealer = channel.partners().stream().filter(p -> p.type().equals(PartnerType.DEALER)).findFirst()
        .orElseThrow();
    claimant = dealer.id();
    LocalDate sold = LocalDate.of(2026, 12, 18);
    List<InvoiceLine> lines = List.of(InvoiceLine.of("smart-switches-112", "smart-switches", 40, "1500"),
        InvoiceLine.of("wires-120", "wires", 100, "250"));
    records.put(new InvoiceRecord(dealer.id(), "SO-7781", sold, INR, lines, Set.of("SN-A1", "SN-A2")));
    Actor owner = Actor.of(ActorId.of("owner@" + dealer.id().value()), Roles.CLAIMANT)
        .withScope(Scope.partners(dealer.id()));
    for (String id : List.of("C-2026-0001", "C-2026-0002")) {
      Claim claim = engine.submitClaim(owner, new ClaimSubmission(ClaimId.of(id), dealer.id(), Optional.empty(),
          "SO-7781", sold, INR, lines, Proof.of("DOC-7781", "SN-A1", "SN-A2")));
      if (claim.status() == ClaimStatus.PAID) {
        claimed = Math.addExact(claimed, claim.points());   // a blocked claim's points say what it asked for
      }
      out.println();
      claim.explanation().stream().limit(6).forEach(line -> out.println("  " + line));
    }
  }

  /** The rep with the most points orders the dearest goods that ship and that it can pay for. */
  private void redemption() {
    section("4. A rep redeems goods from the catalog: ordered (points held), shipped (paid), delivered");
    LoyaltyEngine engine = simulation.engine();
    Rewards rewards = engine.rewards();
    Member richest = channel.members().stream()
        .max(Comparator.comparingLong((Member m) -> engine.balance(m.id()).available()).thenComparing(m -> m.id().value()))
        .orElseThrow();
    long available = engine.balance(richest.id()).available();
    Optional<CatalogItem> goods = rewards.offers(richest.id()).stream().map(Offer::item)
        .filter(i -> i.kind() instanceof RewardKind.Merchandise m && m.shipping() && i.points() <= available)
        .max(Comparator.comparingLong(CatalogItem::points));
    out.println("  " + richest.id() + " " + richest.name() + " has " + available + " points; the catalog offers "
        + rewards.offers(richest.id()).stream().map(o -> o.text().name() + " (" + o.item().points() + ")").toList());
    if (goods.isEmpty()) {
      out.println("  nothing that ships is within reach");
      return;
    }
    RedemptionId order = RedemptionId.of("ORD-2027-0001");
    Redemption r = rewards.redeem(RedemptionRequest.byMember(order, richest.id(), goods.get().id()));
    ordered = r.points();
    out.println("  " + r.status() + ": " + r.points() + " points held; available now "
        + engine.balance(richest.id()).available());
    rewards.ship(order, Shipment.of("Blue Dart", "BD123456789IN"));
    Redemption delivered = rewards.deliver(order);
    delivered.history().forEach(h -> out.println("    " + h.status() + " " + h.at().atZone(IST).toLocalDate() + ": "
        + h.note()));
    out.println("  " + richest.id() + " now has " + engine.balance(richest.id()).posted() + " points");
  }

  private void yearInFigures() {
    section("6. The year in figures (Simulator.simulate)");
    out.print(ReportText.simulation(report, program.zone()).indent(2));
  }

  /**
   * The leaderboards and key figures {@code engine.insights()} gives over the run's days, parts 4
   * and 5 included, and the liability reconciled with the year's report.
   */
  private void insights() {
    DateRange run = runDays();
    section("7. Leaderboards and key figures, " + run.from() + " to " + run.to() + " (engine.insights())");
    Insights insights = simulation.engine().insights();
    for (Kind kind : Kind.values()) {
      Leaderboard board = insights.leaderboard(LeaderboardQuery.of(kind, Metric.POINTS, run, 3));
      out.printf("  Top %s by points, of %d ranked:%n", kind == Kind.PARTNERS ? "partners" : "reps", board.ranked());
      board.entries().forEach(e -> out.println("    " + place(e)));
    }
    ProgramKpis kpis = insights.kpis(run, ParticipantFilter.everyone());
    out.printf(Locale.ROOT, "  Partners: %d enrolled, %d active (%s); reps: %d enrolled, %d active (%s)%n",
        kpis.partners().enrolled(), kpis.partners().active(), percent(kpis.partners().rate()),
        kpis.members().enrolled(), kpis.members().active(), percent(kpis.members().rate()));
    ProgramKpis.PointsFlow p = kpis.points();
    out.printf(Locale.ROOT, "  Points: %,d issued, %,d taken back by returns, %,d redeemed, %,d expired; "
        + "redemption rate %s, breakage rate %s%n", p.issued(), p.takenBack() + p.shortfall(), p.redeemed(),
        p.expired(), percent(p.redemptionRate()), percent(p.breakageRate()));
    ProgramKpis.Liability owed = kpis.liability();
    for (ProgramKpis.CurrencyLiability c : owed.byCurrency()) {
      out.printf(Locale.ROOT, "  Liability: %,d points, worth %s %s at the point value, %s %s net of the "
          + "breakage history expects (%s)%n", c.points(), Money.formatAmount(c.gross()), c.currency(),
          Money.formatAmount(c.netOfBreakage()), c.currency(), percent(owed.expectedBreakageRate()));
    }
    out.printf(Locale.ROOT, "  The year's report said %,d points outstanding; part 5's claim paid %,d and part 4's "
        + "order took %,d since: %,d%n", report.points().outstanding(), claimed, ordered, owed.points());
  }

  /** The run's days in the program's zone: its first activity's to its last close's. */
  DateRange runDays() {
    return DateRange.of(report.firstActivity().orElseThrow().atZone(program.zone()).toLocalDate(),
        report.asOf().atZone(program.zone()).toLocalDate());
  }

  /** A leaderboard's place as the demo prints it. */
  static String place(Leaderboard.Entry e) {
    return String.format(Locale.ROOT, "%d. %-10s %-28s %,10d points", e.rank(), e.participant().value(), e.name(),
        e.value().toBigIntegerExact());
  }

  private static String percent(Optional<BigDecimal> ratio) {
    return ratio.map(r -> r.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + "%").orElse("n/a");
  }

  private void whatIf() {
    section("8. What if smart switches earned 3x instead of 2x? (Simulator.whatIf)");
    Map<String, String> parameters = new HashMap<>(program.parameters());
    parameters.put("multiplier.category.smart-switches", "3");
    Program richer = new Program(program.id(), program.name(), program.zone(), program.pointValue(), program.tiers(),
        program.tierPolicy(), program.campaigns(), program.earnSplit(), program.expiry(), program.accounts(),
        parameters, program.reviewAbovePoints());
    WhatIfReport change = simulator().whatIf(program, rules, richer, rules, year);
    out.print(ReportText.whatIf(change, program.zone()).indent(2));
  }

  private void books() {
    section("9. The books");
    Ledger ledger = simulation.engine().ledger();
    out.println("  trial balance balanced: " + ledger.trialBalance().isBalanced());
    ledger.seal();
    out.println("  hash chain intact: " + ledger.verify().intact() + " (" + ledger.verify().checked()
        + " transactions)");
  }

  private void section(String title) {
    out.println();
    out.println(title);
  }
}
