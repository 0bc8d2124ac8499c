package dev.loyalty.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.event.LoyaltyEvent;
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
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.CatalogLoader;
import dev.loyalty.core.rewards.CatalogVersions;
import dev.loyalty.core.rewards.FulfilmentPort;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rewards.RedemptionRequest;
import dev.loyalty.core.rewards.RedemptionStatus;
import dev.loyalty.core.rewards.RewardsSetup;
import dev.loyalty.core.rewards.Shipment;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.spi.InMemoryPartnerDirectory;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.core.testing.SampleRules;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The README's engine quick starts (recording, redeeming), as written there, run (with the sample program, catalog and rules). */
class ReadmeEngineQuickStartTest {

  @Test
  void theQuickStartRuns() {
    RuleEngine rules = new SampleRules();
    List<LoyaltyEvent> notifier = new ArrayList<>();

    Program program = ProgramLoader.fromPath(Path.of("src/test/resources/programs/acme-channel-2026.json"));

    // Your partners and members (or implement PartnerDirectory over your own tables).
    InMemoryPartnerDirectory directory = sharmaAndRavi();

    LoyaltyEngine engine = LoyaltyEngine.builder(program, rules)
        .directory(directory)
        .listener("notifications", notifier::add)
        .build();

    Receipt receipt = engine.record(new Sale(
        ActivityHeader.of("INV-1001", "sharma", "ravi", Instant.now()), Currency.getInstance("INR"),
        List.of(InvoiceLine.of("CAB-25", "cables", 10, "1000"))));

    assertThat(receipt.explanation()).anySatisfy(l -> assertThat(l).contains("points to partner sharma"));
    assertThat(engine.balance(PartnerId.of("sharma")).posted()).isEqualTo(70);
    assertThat(engine.progress(PartnerId.of("sharma")).summary()).contains("For Gold:");
    assertThat(notifier).isNotEmpty();
  }

  /** The README's directory: a dealer and its rep. */
  private static InMemoryPartnerDirectory sharmaAndRavi() {
    return PartnerDirectory.inMemory()
        .put(Partner.of(PartnerId.of("sharma"), "Sharma Electricals", PartnerType.DEALER, "north", "IN",
            Currency.getInstance("INR"), LocalDate.of(2026, 1, 1)))
        .put(Member.of(MemberId.of("ravi"), PartnerId.of("sharma"), "Ravi Kumar", MemberRole.SALES_REP,
            Locale.forLanguageTag("en-IN"), LocalDate.of(2026, 1, 1)));
  }

  @Test
  void theRedemptionQuickStartRuns() {
    RuleEngine rules = new SampleRules();
    Program program = ProgramLoader.fromPath(Path.of("src/test/resources/programs/acme-channel-2026.json"));
    InMemoryPartnerDirectory directory = sharmaAndRavi();

    LoyaltyEngine engine = LoyaltyEngine.builder(program, rules)
        .directory(directory)
        .rewards(RewardsSetup.of(CatalogVersions.inMemory(CatalogLoader.fromPath(
            Path.of("src/test/resources/catalogs/acme-rewards-2026.json"), program))))
        .build();
    // Ravi earns enough for the watch first (1 point per 100 INR, 30% of it his).
    engine.record(new Sale(ActivityHeader.of("INV-1001", "sharma", "ravi", Instant.now()), Currency.getInstance("INR"),
        List.of(InvoiceLine.of("CAB-25", "cables", 4_000, "1000"))));

    Redemption r = engine.rewards().redeem(RedemptionRequest.byMember(
        RedemptionId.of("ORD-1001"), MemberId.of("ravi"), CatalogItemId.of("SMARTWATCH-X2")));
    assertThat(r.status()).isEqualTo(RedemptionStatus.ORDERED);
    assertThat(engine.rewards().ship(r.id(), Shipment.of("Blue Dart", "BD123456789IN")).status())
        .isEqualTo(RedemptionStatus.SHIPPED);
    assertThat(engine.rewards().deliver(r.id()).status()).isEqualTo(RedemptionStatus.DELIVERED);
    assertThat(engine.balance(MemberId.of("ravi")).posted()).isEqualTo(12_000 - 12_000);
  }

  @Test
  void thePostgresQuickStartRuns() {
    RuleEngine rules = new SampleRules();
    List<LoyaltyEvent> notifier = new ArrayList<>();
    Program program = ProgramLoader.fromPath(Path.of("src/test/resources/programs/acme-channel-2026.json"));
    DataSource dataSource = EngineDatabase.fresh();

    PostgresStores.on(dataSource).migrate();                 // dev.loyalty.core.jdbc; once per deployment
    PostgresStores.on(dataSource).directory()
        .put(Partner.of(PartnerId.of("sharma"), "Sharma Electricals", PartnerType.DEALER, "north", "IN",
            Currency.getInstance("INR"), LocalDate.of(2026, 1, 1)))
        .put(Member.of(MemberId.of("ravi"), PartnerId.of("sharma"), "Ravi Kumar", MemberRole.SALES_REP,
            Locale.forLanguageTag("en-IN"), LocalDate.of(2026, 1, 1)));
    LoyaltyEngine engine = LoyaltyEngine.builder(program, rules)
        .postgres(dataSource)                                // each activity one database transaction
        .listener("notifications", notifier::add)
        .build();

    engine.record(new Sale(ActivityHeader.of("INV-1001", "sharma", "ravi", Instant.now()), Currency.getInstance("INR"),
        List.of(InvoiceLine.of("CAB-25", "cables", 10, "1000"))));
    assertThat(engine.balance(PartnerId.of("sharma")).posted()).isEqualTo(70);
    assertThat(notifier).isNotEmpty();
    engine.deliverEvents(); // before it stops: the listeners' positions written
    // an engine started again on the database finds it, and has no event left to deliver
    LoyaltyEngine again = LoyaltyEngine.builder(program, rules).postgres(dataSource)
        .listener("notifications", notifier::add).build();
    int delivered = notifier.size();
    again.recover();
    assertThat(again.receipt(ActivityId.of("INV-1001"))).isPresent();
    assertThat(notifier).hasSize(delivered);
  }

  /**
   * Redemptions on an engine whose stores are in PostgreSQL, as docs/REWARDS.md's "Storage on
   * PostgreSQL" sets it up: the catalog's versions, the redemptions, stock and codes are in the
   * database (each change one transaction), their events go to the PostgreSQL outbox and read back
   * equal, and an engine started again on the database finds them.
   */
  @Test
  void theRedemptionQuickStartRunsOnAnEngineInPostgres() {
    Program program = ProgramLoader.fromPath(Path.of("src/test/resources/programs/acme-channel-2026.json"));
    RuleEngine rules = new SampleRules();
    FulfilmentPort giftCards = FulfilmentPort.manual();
    DataSource dataSource = EngineDatabase.fresh();
    PostgresStores.on(dataSource).directory().put(Partner.of(PartnerId.of("sharma"), "Sharma Electricals",
        PartnerType.DEALER, "north", "IN", Currency.getInstance("INR"), LocalDate.of(2026, 1, 1)))
        .put(Member.of(MemberId.of("ravi"), PartnerId.of("sharma"), "Ravi Kumar", MemberRole.SALES_REP,
            Locale.forLanguageTag("en-IN"), LocalDate.of(2026, 1, 1)));
    List<LoyaltyEvent> received = new ArrayList<>();

    // docs/REWARDS.md, "Storage on PostgreSQL", as written (the catalog's path and a listener aside)
    PostgresStores stores = PostgresStores.on(dataSource).migrate();       // once per deployment
    CatalogVersions catalogs = CatalogVersions.using(stores.catalogs(program),  // versions in the database;
        CatalogLoader.fromPath(Path.of("src/test/resources/catalogs/acme-rewards-2026.json"), program));
    LoyaltyEngine engine = LoyaltyEngine.builder(program, rules)
        .postgres(dataSource)                              // ledger, journal, outbox, ... and the rewards stores
        .rewards(RewardsSetup.builder(catalogs).fulfilment(giftCards).build())   // no store named
        .listener("crm", received::add)
        .build();
    engine.recover();                                      // at start-up: finishes placements left at the port

    engine.record(new Sale(ActivityHeader.of("INV-1001", "sharma", "ravi", Instant.now()), Currency.getInstance("INR"),
        List.of(InvoiceLine.of("CAB-25", "cables", 4_000, "1000"))));
    Redemption r = engine.rewards().redeem(RedemptionRequest.byMember(
        RedemptionId.of("ORD-1001"), MemberId.of("ravi"), CatalogItemId.of("SMARTWATCH-X2")));
    assertThat(engine.rewards().ship(r.id(), Shipment.of("Blue Dart", "BD123456789IN")).status())
        .isEqualTo(RedemptionStatus.SHIPPED);

    // in the database: the redemption, its stock, its events
    assertThat(stores.redemptions().find(r.id()).orElseThrow().status()).isEqualTo(RedemptionStatus.SHIPPED);
    assertThat(stores.stock().count(CatalogItemId.of("SMARTWATCH-X2")).used()).isEqualTo(1);
    assertThat(received).anySatisfy(e -> assertThat(e).isInstanceOf(LoyaltyEvent.RedemptionChanged.class));
    assertThat(stores.outbox().after(0, 1_000)).extracting(e -> e.event()).containsExactlyElementsOf(received);
    // another engine on the database (a restart) goes on with it
    LoyaltyEngine again = LoyaltyEngine.builder(program, rules).postgres(dataSource)
        .rewards(RewardsSetup.builder(CatalogVersions.using(stores.catalogs(program), catalogs.current())).build())
        .build();
    assertThat(again.rewards().deliver(r.id()).status()).isEqualTo(RedemptionStatus.DELIVERED);
    assertThat(again.rewards().stock(CatalogItemId.of("SMARTWATCH-X2")).used()).isEqualTo(1);
    assertThat(again.ledger().trialBalance().isBalanced()).isTrue();
  }
}
