package dev.loyalty.core.jdbc;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.spi.TestClock;
import dev.loyalty.ledger.spi.Together;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL the engine's activities do not lock a campaign's budget until their commit, where
 * the ledger checks the budget again (docs/ENGINE.md, "What is locked"). Two engines, 8 threads,
 * every dealer, a budget far smaller than what the campaign would pay: the budget is never
 * overdrawn, what the receipts say the campaign paid is exactly what the budget lost, awards were
 * cut, and every activity has one complete receipt.
 */
class BudgetRaceOnPostgresTest {
  private static final Instant START = LocalDateTime.parse("2026-07-01T09:00").atZone(ZONE).toInstant();
  private static final CampaignId MONSOON = CampaignId.of("monsoon");
  private static final long BUDGET = 3_000;

  /** 1 point per 100 INR to the dealer, and as much again from the campaign. */
  private static final RuleEngine RULES = facts -> {
    List<Award> awards = new ArrayList<>();
    if (facts.activity() instanceof Sale sale) {
      long points = sale.total().amount().longValue() / 100;
      if (points > 0) {
        awards.add(Award.of(sale.partner(), points, RuleRef.of("base", "1"), "1 point per 100 INR."));
        awards.add(Award.fromCampaign(sale.partner(), points, RuleRef.of("monsoon-match", "1"), "Matched.", MONSOON));
      }
    }
    return new RuleOutcome(awards, List.of(), List.of(), List.of(), List.of());
  };

  @Test
  void racingActivitiesNeverOverdrawTheBudget_andTheReceiptsSayWhatItPaid() throws Exception {
    DataSource first = EngineDatabase.fresh();
    Program program = ChannelFixture.program(BUDGET);
    ChannelFixture.enrol(JdbcPartnerDirectory.using(first));
    TestClock clock = new TestClock(START.plus(Period.ofDays(40)));
    List<Receipt> receipts = new CopyOnWriteArrayList<>();
    try (HikariDataSource second = EngineDatabase.secondInstance(8)) {
      List<LoyaltyEngine> engines = List.of(
          LoyaltyEngine.builder(program, RULES).postgres(first).clock(clock).build(),
          LoyaltyEngine.builder(program, RULES).postgres(second).clock(clock).build());
      Together.run(8, 5, thread -> () -> {
        Random random = new Random(thread);
        for (int i = 0; i < 25; i++) {
          var dealer = DEALERS.get(random.nextInt(DEALERS.size()));
          Sale sale = new Sale(new ActivityHeader(ActivityId.of("S-" + thread + "-" + i), dealer,
              Optional.of(rep(dealer, 1)), START.plusSeconds(random.nextInt(30 * 86_400))), INR,
              List.of(InvoiceLine.of("SKU-1", "cables", 1 + random.nextInt(5), "1000.00")));
          receipts.add(engines.get(thread % 2).record(sale));
        }
        return null;
      });
      LoyaltyEngine engine = engines.get(0);
      AccountId budget = program.accounts().budget(MONSOON);
      long left = engine.ledger().balance(budget).posted();
      long paid = receipts.stream().flatMap(r -> r.awards().stream())
          .filter(a -> a.campaign().isPresent()).mapToLong(PostedAward::points).sum();
      long requested = receipts.stream().flatMap(r -> r.awards().stream())
          .filter(a -> a.campaign().isPresent()).mapToLong(PostedAward::requested).sum();
      assertThat(receipts).hasSize(200).allSatisfy(r -> assertThat(r.status()).isEqualTo(Receipt.Status.RECORDED));
      assertThat(left).isBetween(0L, BUDGET);
      assertThat(paid).as("what the receipts say the campaign paid").isEqualTo(BUDGET - left);
      assertThat(requested).as("the campaign asked for more than the budget had").isGreaterThan(BUDGET);
      assertThat(left).as("awards were cut to what was left, so it ran (nearly) dry").isLessThan(BUDGET / 10);
      assertThat(engine.ledger().trialBalance().isBalanced()).isTrue();
      assertThat(engine.ledger().audit().findings()).isEmpty();
    }
  }
}
