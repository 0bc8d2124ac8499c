package dev.loyalty.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.DuplicateActivityException;
import dev.loyalty.core.InvalidActivityException;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.StoreFailureException;
import dev.loyalty.core.UnknownActivityException;
import dev.loyalty.core.UnknownMemberException;
import dev.loyalty.core.UnknownPartnerException;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.jdbc.PostgresStores;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramLoader;
import dev.loyalty.core.rewards.Catalog;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.CatalogLoader;
import dev.loyalty.core.rewards.CatalogVersions;
import dev.loyalty.core.rewards.DuplicateRedemptionException;
import dev.loyalty.core.rewards.InsufficientPointsException;
import dev.loyalty.core.rewards.OutOfStockException;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rewards.RedemptionRequest;
import dev.loyalty.core.rewards.RewardsSetup;
import dev.loyalty.core.rewards.UnknownCatalogItemException;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.ledger.Balance;
import dev.loyalty.ledger.spi.Together;
import dev.loyalty.rules.DroolsRuleEngine;
import dev.loyalty.rules.standard.StandardRules;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An integrator's day on PostgreSQL, written from README.md ("to keep everything ... in one
 * PostgreSQL database"), docs/ENGINE.md ("Running on PostgreSQL") and docs/REWARDS.md alone,
 * through the public API, with the ready-made Drools rules: a database not migrated yet, bad
 * activities and redemptions (each refused as its documented exception, the balances unchanged),
 * two application instances racing one activity id and the last units of stock, and a restart.
 * Its own server, as a host would bring its own database; only the threads that race come from a
 * test helper (core's {@code testing.Race}).
 */
class PostgresOutsiderTest {
  private static final Currency INR = Currency.getInstance("INR");
  private static final Instant JULY = Instant.parse("2026-07-10T10:00:00Z");
  private static final PartnerId SHARMA = PartnerId.of("sharma");
  private static final MemberId RAVI = MemberId.of("ravi");

  private static final String PROGRAM = """
      { "id": "acme", "name": "Acme", "zone": "Asia/Kolkata",
        "pointValue": { "INR": "0.25" },
        "tierPolicy": { "windowMonths": 3, "grace": "P3M" },
        "earnSplit": { "partnerPercent": 70, "memberPercent": 30 },
        "expiry": { "policy": "after-months", "months": 24 },
        "accounts": { "prefix": "acme" },
        "parameters": { "earn.points": "1" } }
      """;
  private static final String CATALOG = """
      { "program": "acme", "version": "v1", "defaultLocale": "en-IN",
        "items": [
          { "id": "CASHBACK-500", "kind": "cashback", "points": 500,
            "texts": { "en": { "name": "Cashback" } } },
          { "id": "TREES-10", "kind": "donation", "points": 100, "stock": 2,
            "texts": { "en": { "name": "Trees" } }, "cause": "trees" } ] }
      """;

  private static EmbeddedPostgres server;
  private static Program program;
  private static RuleEngine rules;
  private static Catalog catalog;

  @BeforeAll
  static void start() throws IOException {
    server = EmbeddedPostgres.builder().start();
    program = ProgramLoader.fromJson(PROGRAM);
    rules = DroolsRuleEngine.of(StandardRules.ruleSet("2026-07", Instant.MIN));
    catalog = CatalogLoader.fromJson(CATALOG, program);
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  @Test
  void aDayOnPostgresWithTwoInstancesAndARestart() {
    DataSource database = server.getPostgresDatabase();
    assertThatThrownBy(() -> instance(database))
        .as("an engine on a database not migrated says what to do")
        .isInstanceOf(StoreFailureException.class)
        .hasMessageContaining("migrate()");

    PostgresStores stores = PostgresStores.on(database).migrate();
    PostgresStores.on(database).migrate();   // a second instance starting migrates nothing
    stores.directory().enrol(
        List.of(partner("sharma"), partner("gupta")),
        List.of(Member.of(RAVI, SHARMA, "Ravi", MemberRole.SALES_REP, Locale.forLanguageTag("en-IN"),
            LocalDate.of(2026, 1, 1))));
    LoyaltyEngine first = instance(database);
    LoyaltyEngine second = instance(server.getPostgresDatabase());
    first.recover();
    second.recover();

    Receipt invoice = first.record(sale("INV-1", JULY, 10));
    assertThat(invoice.explanation()).anySatisfy(line -> assertThat(line).contains("earn-rate"));
    List<Balance> before = balances(first);
    assertThat(before).extracting(Balance::posted).containsExactly(70L, 30L);

    refusedAndNothingChanged(first, before, UnknownPartnerException.class, () -> first.record(
        new Sale(ActivityHeader.of("INV-2", "nobody", JULY), INR, lines(1))));
    refusedAndNothingChanged(first, before, UnknownMemberException.class, () -> first.record(
        new Sale(ActivityHeader.of("INV-3", "gupta", "ravi", JULY), INR, lines(1))));
    refusedAndNothingChanged(first, before, DuplicateActivityException.class, () -> second.record(
        sale("INV-1", JULY, 11)));
    refusedAndNothingChanged(first, before, InvalidActivityException.class, () -> first.record(
        sale("INV-4", Instant.parse("2027-01-01T00:00:00Z"), 1)));
    refusedAndNothingChanged(first, before, InvalidActivityException.class, () -> first.record(
        new Sale(ActivityHeader.of("INV-5", "sharma", "ravi", JULY), Currency.getInstance("USD"), lines(1))));
    refusedAndNothingChanged(first, before, UnknownActivityException.class, () -> first.record(
        returnOf("RET-1", "sharma", "INV-404", JULY.plusSeconds(5), 1)));
    refusedAndNothingChanged(first, before, InvalidActivityException.class, () -> second.record(
        returnOf("RET-2", "sharma", "INV-1", JULY.plusSeconds(5), 11)));
    refusedAndNothingChanged(first, before, InvalidActivityException.class, () -> second.record(
        returnOf("RET-3", "gupta", "INV-1", JULY.plusSeconds(5), 1)));
    refusedAndNothingChanged(first, before, InvalidActivityException.class, () -> first.record(
        returnOf("RET-4", "sharma", "INV-1", JULY.minusSeconds(3600), 1)));
    refusedAndNothingChanged(first, before, InsufficientPointsException.class, () -> second.rewards().redeem(
        RedemptionRequest.byMember(RedemptionId.of("ORD-0"), RAVI, CatalogItemId.of("CASHBACK-500"))));
    refusedAndNothingChanged(first, before, UnknownCatalogItemException.class, () -> first.rewards().redeem(
        RedemptionRequest.byMember(RedemptionId.of("ORD-00"), RAVI, CatalogItemId.of("NOPE"))));

    // The two instances record one id at once: the same content gives one receipt to both, other
    // content is refused for exactly one of them.
    for (int round = 0; round < 10; round++) {
      String id = "RACE-" + round;
      boolean sameContent = round % 2 == 0;
      List<Together.Outcome<Receipt>> outcomes = Together.race(List.of(
          () -> first.record(sale(id, JULY.plusSeconds(60), 1)),
          () -> second.record(sameContent ? sale(id, JULY.plusSeconds(60), 1)
              : new Sale(ActivityHeader.of(id, "sharma", "ravi", JULY.plusSeconds(60)), INR,
                  List.of(InvoiceLine.of("CAB-B", "cables", 1, "1000"))))));
      if (sameContent) {
        assertThat(outcomes).allMatch(Together.Outcome::won);
        assertThat(outcomes.get(0).value()).isEqualTo(outcomes.get(1).value());
      } else {
        assertThat(outcomes).filteredOn(Together.Outcome::won).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.won()).singleElement()
            .satisfies(o -> assertThat(o.failure()).isInstanceOf(DuplicateActivityException.class));
      }
    }
    // 10 activities of 1,000 INR, whichever content won: 10 points each, 7 to the partner and 3 to the rep.
    assertThat(balances(second)).isEqualTo(balances(first))
        .extracting(Balance::posted).containsExactly(70L + 10 * 7, 30L + 10 * 3);

    first.record(sale("INV-BIG", JULY.plusSeconds(120), 100));
    Redemption trees = first.rewards().redeem(
        RedemptionRequest.byMember(RedemptionId.of("ORD-1"), RAVI, CatalogItemId.of("TREES-10")));
    Redemption again = second.rewards().redeem(
        RedemptionRequest.byMember(RedemptionId.of("ORD-1"), RAVI, CatalogItemId.of("TREES-10")));
    assertThat(again).as("the same order from the other instance is the same redemption").isEqualTo(trees);
    assertThatThrownBy(() -> second.rewards().redeem(
        RedemptionRequest.byMember(RedemptionId.of("ORD-1"), RAVI, CatalogItemId.of("CASHBACK-500"))))
        .isInstanceOf(DuplicateRedemptionException.class);

    // The last unit of stock (2, one taken), asked for three times from two instances at once.
    List<Callable<Redemption>> lastUnit = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      LoyaltyEngine instance = i % 2 == 0 ? first : second;
      RedemptionId id = RedemptionId.of("ORD-S" + i);
      lastUnit.add(() -> instance.rewards().redeem(
          RedemptionRequest.byMember(id, RAVI, CatalogItemId.of("TREES-10"))));
    }
    List<Together.Outcome<Redemption>> stock = Together.race(lastUnit);
    assertThat(stock).filteredOn(Together.Outcome::won).hasSize(1);
    assertThat(stock).filteredOn(o -> o.failure() instanceof OutOfStockException).hasSize(2);

    // A restart: a new instance on the same database finds everything where it was.
    List<Balance> beforeRestart = balances(first);
    LoyaltyEngine restarted = instance(server.getPostgresDatabase());
    assertThat(restarted.recover().unfinished()).isEmpty();
    assertThat(balances(restarted)).isEqualTo(beforeRestart);
    assertThat(restarted.receipt(ActivityId.of("INV-1")).orElseThrow().explanation())
        .isEqualTo(invoice.explanation());
    assertThat(restarted.ledger().audit().findings()).isEmpty();
  }

  private static LoyaltyEngine instance(DataSource database) {
    return LoyaltyEngine.builder(program, rules)
        .postgres(database)
        .clock(Clock.fixed(Instant.parse("2026-08-01T00:00:00Z"), ZoneOffset.UTC))
        .rewards(RewardsSetup.of(CatalogVersions.using(PostgresStores.on(database).catalogs(program), catalog)))
        .build();
  }

  private static void refusedAndNothingChanged(LoyaltyEngine engine, List<Balance> before,
      Class<? extends LoyaltyException> refusal, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(refusal);
    assertThat(balances(engine)).isEqualTo(before);
  }

  private static List<Balance> balances(LoyaltyEngine engine) {
    return List.of(engine.balance(SHARMA), engine.balance(RAVI));
  }

  private static Partner partner(String id) {
    return Partner.of(PartnerId.of(id), id, PartnerType.DEALER, "north", "IN", INR, LocalDate.of(2026, 1, 1));
  }

  private static Sale sale(String id, Instant at, long units) {
    return new Sale(ActivityHeader.of(id, "sharma", "ravi", at), INR, lines(units));
  }

  private static List<InvoiceLine> lines(long units) {
    return List.of(InvoiceLine.of("CAB", "cables", units, "1000"));
  }

  private static SaleReturn returnOf(String id, String partner, String invoice, Instant at, long units) {
    return new SaleReturn(ActivityHeader.of(id, partner, at), ActivityId.of(invoice),
        List.of(new ReturnLine("CAB", units)));
  }
}
