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

/** The README's engine quick start, as written there, runs (with the sample program and rules). */
class ReadmeEngineQuickStartTest {

  @Test
  void theQuickStartRuns() {
    RuleEngine rules = new SampleRules();
    List<LoyaltyEvent> notifier = new ArrayList<>();

    Program program = ProgramLoader.fromPath(Path.of("src/test/resources/programs/acme-channel-2026.json"));

    InMemoryPartnerDirectory directory = PartnerDirectory.inMemory()
        .put(Partner.of(PartnerId.of("sharma"), "Sharma Electricals", PartnerType.DEALER, "north", "IN",
            Currency.getInstance("INR"), LocalDate.of(2026, 1, 1)))
        .put(Member.of(MemberId.of("ravi"), PartnerId.of("sharma"), "Ravi Kumar", MemberRole.SALES_REP,
            Locale.forLanguageTag("en-IN"), LocalDate.of(2026, 1, 1)));

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
    // an engine started again on the database finds it, and has no event left to deliver
    LoyaltyEngine again = LoyaltyEngine.builder(program, rules).postgres(dataSource)
        .listener("notifications", notifier::add).build();
    int delivered = notifier.size();
    again.recover();
    assertThat(again.receipt(ActivityId.of("INV-1001"))).isPresent();
    assertThat(notifier).hasSize(delivered);
  }
}
