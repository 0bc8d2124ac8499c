package dev.loyalty.core.scenario;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.GOLD;
import static dev.loyalty.core.testing.ChannelFixture.SILVER;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static dev.loyalty.core.testing.ChannelFixture.sale;
import static dev.loyalty.core.testing.ChannelFixture.saleReturn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.DuplicateActivityException;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.ledger.AccountId;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A quarter of the seeds' channel: a distributor, three dealers and six reps on the monsoon program.
 * Each test reads as the story of one mechanic.
 */
class ChannelQuarterScenarioTest {
  private static final PartnerId DEALER_A = DEALERS.get(0);
  private static final PartnerId DEALER_B = DEALERS.get(1);
  private static final PartnerId DEALER_C = DEALERS.get(2);
  private static final MemberId REP_A1 = rep(DEALER_A, 1);
  private static final MemberId REP_B1 = rep(DEALER_B, 1);

  private final ChannelFixture f = new ChannelFixture(at("2026-07-01T09:00"));

  private static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
  }

  private Receipt record(Sale sale) {
    f.clock.set(sale.occurredAt());
    return f.engine.record(sale);
  }

  private long budgetLeft() {
    return f.ledger.balance(f.program.accounts().budget(CampaignId.of("monsoon"))).posted();
  }

  @Test
  void aRepsSaleIsSplitBetweenTheDealerAndTheRep() {
    Receipt r = record(sale("INV-1", DEALER_A, Optional.of(REP_A1), at("2026-07-02T10:00"), "CAB-25", "cables", 10,
        "1000"));

    // base 100 and campaign bonus 50, each split 70/30
    assertThat(r.status()).isEqualTo(Receipt.Status.RECORDED);
    assertThat(r.pointsByParticipant()).containsEntry(DEALER_A, 105L).containsEntry(REP_A1, 45L);
    assertThat(f.engine.balance(DEALER_A).posted()).isEqualTo(105);
    assertThat(f.engine.balance(REP_A1).posted()).isEqualTo(45);
    assertThat(r.transaction()).isPresent();
    assertThat(f.ledger.findTransaction(r.transaction().get()).orElseThrow().postings()).hasSize(4);
    assertThat(r.explanation()).anySatisfy(line -> assertThat(line).contains("70 points to partner dealer-a")
        .contains("base-points@sample-1"));
    assertThat(r.decisions()).anySatisfy(d -> assertThat(d.explanation()).contains("45 points shared with rep"));
    assertThat(f.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(LoyaltyEvent.AwardPosted.class,
        a -> assertThat(a.points()).isEqualTo(45)));
    // the lots carry the program's expiry: end of the 12th month after July 2026
    assertThat(f.ledger.lots(f.program.accounts().wallet(REP_A1), false))
        .singleElement().satisfies(lot -> assertThat(lot.expiresAt()).contains(Instant.parse("2027-07-31T18:30:00Z")));
  }

  @Test
  void aCampaignBudgetRunsOutAndTheReceiptsSaySo() {
    record(sale("INV-1", DEALER_A, Optional.empty(), at("2026-07-02T10:00"), "CAB-25", "cables", 10, "1000"));
    assertThat(budgetLeft()).isEqualTo(250);
    record(sale("INV-2", DEALER_B, Optional.empty(), at("2026-07-03T10:00"), "CAB-25", "cables", 40, "1000"));
    assertThat(budgetLeft()).isEqualTo(50);

    Receipt cut = record(sale("INV-3", DEALER_C, Optional.empty(), at("2026-07-04T10:00"), "CAB-25", "cables", 30,
        "1000"));
    PostedAward bonus = campaignAward(cut);
    assertThat(bonus.requested()).isEqualTo(150);
    assertThat(bonus.points()).isEqualTo(50);
    assertThat(bonus.budgetNote()).hasValueSatisfying(n -> assertThat(n).contains("only 50 of the 150"));
    assertThat(f.engine.balance(DEALER_C).posted()).isEqualTo(300 + 50);

    Receipt none = record(sale("INV-4", DEALER_A, Optional.empty(), at("2026-07-05T10:00"), "CAB-25", "cables", 10,
        "1000"));
    assertThat(campaignAward(none).points()).isZero();
    assertThat(campaignAward(none).budgetNote()).hasValueSatisfying(n -> assertThat(n).contains("exhausted"));
    assertThat(budgetLeft()).isZero();
    assertThat(f.engine.balance(DEALER_A).posted()).isEqualTo(150 + 100);
  }

  private static PostedAward campaignAward(Receipt r) {
    return r.awards().stream().filter(a -> a.campaign().isPresent()).findFirst().orElseThrow();
  }

  @Test
  void returnsTakeBackPointsInProportionAndAFullReturnTakesEverything() {
    record(sale("INV-1", DEALER_A, Optional.of(REP_A1), at("2026-07-02T10:00"), "CAB-25", "cables", 10, "1000"));
    assertThat(budgetLeft()).isEqualTo(250);

    f.clock.set(at("2026-07-10T10:00"));
    Receipt first = f.engine.record(saleReturn("RET-1", DEALER_A, at("2026-07-10T10:00"), "INV-1", "CAB-25", 4));
    // 40% of awards 70, 30, 35, 15, each rounded down
    assertThat(first.status()).isEqualTo(Receipt.Status.RETURNED);
    assertThat(first.pointsByParticipant()).containsEntry(DEALER_A, -(28L + 14)).containsEntry(REP_A1, -(12L + 6));
    assertThat(budgetLeft()).isEqualTo(250 + 20);
    assertThat(f.engine.figures(DEALER_A).windowSales().amount()).isEqualByComparingTo("6000");

    Receipt rest = f.engine.record(saleReturn("RET-2", DEALER_A, at("2026-07-10T10:00"), "INV-1", "CAB-25", 6));
    assertThat(rest.totalPoints()).isEqualTo(-(150 - 60));
    assertThat(f.engine.balance(DEALER_A).posted()).isZero();
    assertThat(f.engine.balance(REP_A1).posted()).isZero();
    assertThat(budgetLeft()).isEqualTo(300);
    assertThat(f.engine.figures(DEALER_A).windowSales().amount()).isEqualByComparingTo("0");
    assertThat(f.engine.figures(DEALER_A).windowOrders()).isEqualTo(1);
    assertThat(f.ledger.trialBalance().isBalanced()).isTrue();
  }

  @Test
  void aReturnOfPointsAlreadySpentBooksTheShortfallToClawback() {
    record(sale("INV-1", DEALER_C, Optional.empty(), at("2026-07-02T10:00"), "CAB-25", "cables", 10, "1000"));
    AccountId wallet = f.program.accounts().wallet(DEALER_C);
    AccountId shop = AccountId.of("acme:system:redemptions");
    f.ledger.openAccount(shop, dev.loyalty.ledger.AccountType.SYSTEM);
    f.ledger.transfer(dev.loyalty.ledger.TransferRequest.of(dev.loyalty.ledger.IdempotencyKey.of("redeem-1"),
        "redeem", dev.loyalty.ledger.Entry.debit(wallet, 120), dev.loyalty.ledger.Entry.credit(shop, 120)));

    f.clock.set(at("2026-07-11T10:00"));
    Receipt r = f.engine.record(saleReturn("RET-1", DEALER_C, at("2026-07-11T10:00"), "INV-1", "CAB-25", 10));

    assertThat(r.totalPoints()).isEqualTo(-150);
    assertThat(r.shortfalls()).containsEntry(DEALER_C, 120L);
    assertThat(f.engine.balance(DEALER_C).posted()).isZero();
    assertThat(f.ledger.balance(f.program.accounts().clawback()).posted()).isEqualTo(-120);
    assertThat(r.explanation()).anySatisfy(l -> assertThat(l).contains("120 of them were already spent"));
  }

  @Test
  void aDealerMovesUpToGoldAtOnceAndDownOnlyAfterTheGracePeriod() {
    Receipt first = record(sale("INV-1", DEALER_B, Optional.empty(), at("2026-08-03T10:00"), "CAB-25", "cables", 480,
        "1000"));
    assertThat(first.tierChanges()).singleElement().satisfies(c -> assertThat(c.to()).contains(SILVER));
    Receipt second = record(new Sale(new ActivityHeader(ActivityId.of("INV-2"), DEALER_B, Optional.empty(),
        at("2026-08-04T10:00")), ChannelFixture.INR, List.of(InvoiceLine.of("SW-1", "switches", 30, "1000"))));

    assertThat(second.tierChanges()).singleElement().satisfies(c -> {
      assertThat(c.from()).contains(SILVER);
      assertThat(c.to()).contains(GOLD);
      assertThat(c.reason()).contains("moved up to Gold");
    });
    // monthly sales crossed 500,000 with this invoice: the threshold bonus
    assertThat(second.awards()).anySatisfy(a -> assertThat(a.rule().ruleId()).isEqualTo("monthly-threshold"));
    assertThat(f.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(LoyaltyEvent.TierChanged.class,
        t -> assertThat(t.to()).contains(GOLD)));

    // October: August is still in the 3-month window
    f.clock.set(at("2026-10-01T00:00"));
    assertThat(f.engine.closePeriod(f.clock.instant()).tierChanges()).isEmpty();
    // November: the window is September to November, empty: short, grace starts
    f.clock.set(at("2026-11-01T00:00"));
    var november = f.engine.closePeriod(f.clock.instant());
    assertThat(november.nowShort()).contains(DEALER_B);
    assertThat(november.tierChanges()).isEmpty();
    assertThat(f.engine.progress(DEALER_B).summary()).contains("keep it until the review on 2026-12-01");
    // still Gold during grace
    assertThat(f.engine.progress(DEALER_B).current().orElseThrow().id()).isEqualTo(GOLD);
    // December: grace is over, down to the highest tier met
    f.clock.set(at("2026-12-01T00:00"));
    var december = f.engine.closePeriod(f.clock.instant());
    assertThat(december.tierChanges()).singleElement().satisfies(c -> {
      assertThat(c.from()).contains(GOLD);
      assertThat(c.to()).contains(SILVER);
    });
    assertThat(f.engine.progress(DEALER_B).current().orElseThrow().id()).isEqualTo(SILVER);
    // the same close again changes nothing
    assertThat(f.engine.closePeriod(f.clock.instant()).tierChanges()).isEmpty();
  }

  @Test
  void progressSaysExactlyWhatIsMissingForTheNextTier() {
    record(sale("INV-1", DEALER_A, Optional.empty(), at("2026-08-21T10:00"), "CAB-25", "cables", 100, "1000"));

    var progress = f.engine.progress(DEALER_A);

    assertThat(progress.current().orElseThrow().id()).isEqualTo(SILVER);
    assertThat(progress.next().orElseThrow().id()).isEqualTo(GOLD);
    assertThat(progress.summary()).isEqualTo("You are Silver. For Gold: 400,000 INR more sales and 1 more product "
        + "category in the next 11 days (by 2026-08-31).");
  }

  @Test
  void aReplayedActivityReturnsTheOriginalReceiptAndChangesNothing() {
    Sale invoice = sale("INV-1", DEALER_A, Optional.of(REP_A1), at("2026-07-02T10:00"), "CAB-25", "cables", 10,
        "1000");
    Receipt original = record(invoice);
    var balances = f.ledger.trialBalance();
    int events = f.events.size();

    f.clock.set(at("2026-07-20T10:00"));
    Receipt replayed = f.engine.record(invoice);

    assertThat(replayed).isEqualTo(original);
    assertThat(f.ledger.trialBalance()).isEqualTo(balances);
    assertThat(f.engine.figures(DEALER_A).windowOrders()).isEqualTo(1);
    assertThat(f.events).hasSize(events);

    Sale sameIdOtherContent = sale("INV-1", DEALER_A, Optional.of(REP_A1), at("2026-07-02T10:00"), "CAB-25",
        "cables", 11, "1000");
    assertThatThrownBy(() -> f.engine.record(sameIdOtherContent)).isInstanceOf(DuplicateActivityException.class)
        .hasMessageContaining("INV-1").hasMessageContaining("different content");
    assertThat(f.ledger.trialBalance()).isEqualTo(balances);
  }

  @Test
  void theQuarterAddsUpAcrossAllPartners() {
    int invoice = 0;
    for (int week = 0; week < 12; week++) {
      for (PartnerId dealer : DEALERS) {
        for (int r = 1; r <= 2; r++) {
          invoice++;
          Instant when = at("2026-07-01T10:00").plusSeconds(week * 7L * 86_400 + r * 3_600L);
          record(sale("Q-" + invoice, dealer, Optional.of(rep(dealer, r)), when, "CAB-25", "cables", 5 + week, "997"));
        }
      }
    }
    long wallets = 0;
    for (PartnerId dealer : DEALERS) {
      wallets += f.engine.balance(dealer).posted();
      for (int r = 1; r <= 2; r++) {
        wallets += f.engine.balance(rep(dealer, r)).posted();
      }
    }
    long issued = f.issued();
    // everything issued is in the wallets or still in the campaign budget
    assertThat(wallets + budgetLeft()).isEqualTo(issued);
    assertThat(budgetLeft()).isBetween(0L, 300L);
    assertThat(f.ledger.verify().intact()).isTrue();
  }
}
