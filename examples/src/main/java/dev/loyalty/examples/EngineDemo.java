package dev.loyalty.examples;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.PeriodCloseReport;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.imports.ActivityImport;
import dev.loyalty.core.imports.ImportReport;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramLoader;
import dev.loyalty.core.spi.PartnerRegistry;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.rules.DroolsRuleEngine;
import dev.loyalty.rules.standard.StandardRules;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * A season of a channel program for a person to read: a manufacturer's program loaded from JSON,
 * dealers and reps earning on invoices (split between dealer and rep), a DMS export imported with a
 * bad line and an unknown dealer, a replayed invoice, a campaign budget running out, a partial
 * return, a tier upgrade, a downgrade after the grace period, points expiring, and the events a
 * host would receive. In memory, on a clock the demo moves by hand; {@link PostgresDemo} runs the
 * same season with every store in PostgreSQL and a restart in the middle.
 *
 * <p>Run it with {@code mvn -q test-compile exec:java -Ddemo.main=dev.loyalty.examples.EngineDemo} from
 * the repository root. The rules are the
 * sample program's DRL shipped in {@code loyalty-rules}, run by Drools.
 */
public final class EngineDemo {
  private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
  private static final Currency INR = Currency.getInstance("INR");
  private static final PartnerId SHARMA = PartnerId.of("sharma");
  private static final PartnerId GUPTA = PartnerId.of("gupta");
  private static final MemberId RAVI = MemberId.of("ravi");

  private final PrintStream out;
  private final String where;
  private final ManualClock clock = new ManualClock(at("2026-07-01T09:00"));
  private final List<LoyaltyEvent> events = new ArrayList<>();
  private final Program program;
  private final DroolsRuleEngine rules;
  private final BiFunction<LoyaltyEngine.Builder, Clock, LoyaltyEngine.Builder> stores;
  private LoyaltyEngine engine;
  private Ledger ledger;

  /** The season in memory. */
  EngineDemo(PrintStream out) {
    this(out, "in memory", (builder, clock) -> builder.ledger(Ledger.inMemory(clock))
        .directory(enrol(PartnerDirectory.inMemory())));
  }

  /**
   * The season on the stores {@code stores} gives a builder, {@code where} says where they are;
   * the partners must be enrolled in the directory (see {@link #enrol}).
   */
  EngineDemo(PrintStream out, String where, BiFunction<LoyaltyEngine.Builder, Clock, LoyaltyEngine.Builder> stores) {
    this.out = out;
    this.where = where;
    this.stores = stores;
    this.program = ProgramLoader.fromJson(resource("demo/program.json"));
    // the ready-made rules shipped in loyalty-rules, switched on by the program's parameters: no DRL to write
    this.rules = DroolsRuleEngine.of(StandardRules.ruleSet("volta-1", Instant.MIN));
    start();
  }

  public static void main(String[] args) {
    new EngineDemo(System.out).run();
  }

  /**
   * Builds an engine on the stores (what a host does at every start): on durable stores the new
   * engine goes on where the last one stopped, listener positions included.
   */
  LoyaltyEngine start() {
    engine = stores.apply(LoyaltyEngine.builder(program, rules), clock).listener("demo-notifications", events::add)
        .build();
    ledger = engine.ledger();
    return engine;
  }

  /**
   * What a host does before it stops: hands the listeners what is still pending and writes their
   * positions ({@link LoyaltyEngine#deliverEvents()}), so the next engine hands nothing twice.
   */
  void stop() {
    engine.deliverEvents();
  }

  private static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(IST).toInstant();
  }

  private static Reader resource(String name) {
    return new InputStreamReader(bytes(name), StandardCharsets.UTF_8);
  }

  private static InputStream bytes(String name) {
    return Objects.requireNonNull(EngineDemo.class.getClassLoader().getResourceAsStream(name), name);
  }

  /** Enrols the demo's distributor, dealers, retailer and reps in {@code directory}, in one call; returns it. */
  static PartnerRegistry enrol(PartnerRegistry directory) {
    LocalDate enrolled = LocalDate.of(2026, 1, 1);
    PartnerId distributor = PartnerId.of("volta-north");
    Locale india = Locale.forLanguageTag("en-IN");
    return directory.enrol(List.of(
        Partner.of(distributor, "Volta North Distribution", PartnerType.DISTRIBUTOR, "north", "IN", INR, enrolled),
        Partner.of(SHARMA, "Sharma Electricals", PartnerType.DEALER, "north", "IN", INR, enrolled)
            .withParent(distributor),
        Partner.of(GUPTA, "Gupta Traders", PartnerType.DEALER, "north", "IN", INR, enrolled).withParent(distributor),
        Partner.of(PartnerId.of("new-retailer"), "Lakshmi Lights", PartnerType.RETAILER, "north", "IN", INR,
            enrolled)),
        List.of(Member.of(RAVI, SHARMA, "Ravi Kumar", MemberRole.SALES_REP, india, enrolled),
            Member.of(MemberId.of("meena"), SHARMA, "Meena Iyer", MemberRole.TECHNICIAN, india, enrolled)));
  }

  void run() {
    header();
    firstHalf();
    secondHalf();
  }

  void header() {
    out.println("Loyalty SDK engine walk-through: " + program.name() + " (" + where + ")");
    out.println("tiers " + program.tiers().stream().map(t -> t.name()).toList() + ", campaign "
        + program.campaigns().get(0).name() + " with a budget of " + program.campaigns().get(0).budget() + " points");
  }

  /** July: earning, an import, a replay, a budget running out, a return. */
  void firstHalf() {
    section("1. Ravi sells 10,000 INR of cables for Sharma Electricals");
    Sale first = new Sale(new ActivityHeader(ActivityId.of("INV-1001"), SHARMA, Optional.of(RAVI),
        at("2026-07-02T10:00")), INR, List.of(InvoiceLine.of("CAB-25", "cables", 10, "1000")));
    Receipt receipt = record(first, first.occurredAt());
    explain(receipt);

    section("2. The DMS export for July is imported");
    clock.moveTo(at("2026-07-10T18:00"));
    List<String> lines = new ArrayList<>();
    ImportReport report = ActivityImport.into(engine).onResult(r -> {
      String what = r.isApplied() ? r.receipt().orElseThrow().totalPoints() + " points"
          : r.problems().get(0).toString();
      lines.add("  line " + r.lineNumber() + " " + r.outcome() + r.activity().map(id -> " " + id).orElse("") + ": "
          + what);
    }).jsonLines(bytes("demo/july-export.jsonl"));
    out.println(report.summary());
    lines.forEach(out::println);

    section("3. INV-1001 arrives again (a retry)");
    Receipt again = engine.record(first);
    out.println("same receipt: " + again.equals(receipt) + "; Sharma still has " + engine.balance(SHARMA).posted()
        + " points");

    section("4. The campaign budget runs out");
    out.println("budget left: " + budgetLeft());
    Receipt cut = record(new Sale(new ActivityHeader(ActivityId.of("INV-1020"), GUPTA, Optional.empty(),
        at("2026-07-20T11:00")), INR, List.of(InvoiceLine.of("CAB-25", "cables", 60, "1000"))), at("2026-07-20T11:00"));
    cut.awards().stream().filter(a -> a.budgetNote().isPresent())
        .forEach(a -> out.println("  " + a.budgetNote().get()));
    out.println("budget left: " + budgetLeft());

    section("5. Gupta returns 10 of the 30 cables of INV-1003");
    clock.moveTo(at("2026-07-25T10:00"));
    explain(engine.record(new SaleReturn(new ActivityHeader(ActivityId.of("RET-1003"), GUPTA, Optional.empty(),
        at("2026-07-25T10:00")), ActivityId.of("INV-1003"), List.of(new ReturnLine("CAB-25", 10)))));
    out.println("budget left after the return: " + budgetLeft());
  }

  /** August to the next year: Gold, reviews and a downgrade, expiry, the events, the books. */
  void secondHalf() {
    section("6. Sharma passes 500,000 INR in August: Gold at once");
    Receipt big = record(new Sale(new ActivityHeader(ActivityId.of("INV-1101"), SHARMA, Optional.of(RAVI),
        at("2026-08-12T15:00")), INR, List.of(InvoiceLine.of("CAB-25", "cables", 420, "1000"),
        InvoiceLine.of("SW-SMART", "smart-switches", 40, "1500"))), at("2026-08-12T15:00"));
    big.tierChanges().forEach(c -> out.println("  " + c.reason()));
    out.println("  Sharma: " + engine.progress(SHARMA).summary());
    out.println("  Gupta:  " + engine.progress(GUPTA).summary());

    section("7. Reviews: Sharma's sales stop; short in October, Silver when the grace month is over");
    for (String review : List.of("2026-10-01T00:00", "2026-11-01T00:00", "2026-12-01T00:00")) {
      clock.moveTo(at(review));
      PeriodCloseReport close = engine.closePeriod(clock.instant());
      out.println("  review " + review.substring(0, 10) + ": short " + close.nowShort() + ", changes "
          + close.tierChanges().stream().map(c -> c.reason()).toList());
    }

    section("8. A year later: points expiring soon, then expired");
    clock.moveTo(at("2027-07-10T00:00"));
    engine.closePeriod(clock.instant()).expiringSoon().forEach(e -> out.println("  notice: " + e.points()
        + " points of " + e.participant().value() + " expire by " + e.by()));
    clock.moveTo(at("2027-08-01T00:00"));
    out.println("  expiry run on 2027-08-01 moved " + engine.closePeriod(clock.instant()).expiredPoints()
        + " points to breakage");
    for (ParticipantId p : List.<ParticipantId>of(SHARMA, RAVI, GUPTA)) {
      out.println("  " + p.value() + ": " + engine.balance(p).posted() + " points");
    }

    section("9. What the host's listener received");
    Map<String, Integer> byType = new TreeMap<>();
    events.forEach(e -> byType.merge(e.getClass().getSimpleName(), 1, Integer::sum));
    out.println("  " + byType);

    section("10. The books");
    out.println("  trial balance balanced: " + ledger.trialBalance().isBalanced());
    ledger.seal();
    out.println("  hash chain intact: " + ledger.verify().intact() + " (" + ledger.verify().checked()
        + " transactions)");
  }

  private Receipt record(Sale sale, Instant now) {
    clock.moveTo(now);
    return engine.record(sale);
  }

  /** What the demo's stores hold for the partners and the campaign now, in one line. */
  String holdings() {
    return "Sharma " + engine.balance(SHARMA).posted() + " points (" + engine.progress(SHARMA).summary()
        + "), Ravi " + engine.balance(RAVI).posted() + ", Gupta " + engine.balance(GUPTA).posted()
        + ", monsoon budget " + budgetLeft() + " left";
  }

  /** The events the demo's listener received so far. */
  List<LoyaltyEvent> events() {
    return events;
  }

  private long budgetLeft() {
    return ledger.balance(program.accounts().budget(CampaignId.of("monsoon"))).posted();
  }

  private void explain(Receipt receipt) {
    receipt.explanation().forEach(line -> out.println("  " + line));
  }

  private void section(String title) {
    out.println();
    out.println(title);
  }
}
