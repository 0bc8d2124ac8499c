package dev.loyalty.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.event.LoyaltyEvent;
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
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rewards.RedemptionRequest;
import dev.loyalty.core.rewards.RedemptionStatus;
import dev.loyalty.core.rewards.RewardsSetup;
import dev.loyalty.core.rewards.Shipment;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.spi.InMemoryPartnerDirectory;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.testing.SampleRules;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
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
}
