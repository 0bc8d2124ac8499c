package dev.loyalty.rules;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.testing.ChannelFixture;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A LoyaltyEngine on the ready-made rules only: the receipt pays, explains, and says why not. */
class StandardProgramEndToEndTest {
  private static final Instant START = LocalDateTime.parse("2026-07-01T09:00").atZone(ZONE).toInstant();

  @Test
  void aReceiptOnTheReadyMadeRulesPaysSplitsAndSaysWhyNot() {
    ChannelFixture channel = new ChannelFixture(START, StandardProgram.program(3000), StandardProgram.engine());
    PartnerId dealer = DEALERS.get(0);
    Receipt receipt = channel.engine.record(new Sale(new ActivityHeader(ActivityId.of("inv-1"), dealer,
        Optional.of(ChannelFixture.rep(dealer, 1)), START), ChannelFixture.INR,
        List.of(InvoiceLine.of("CAB-1", "cables", 10, "1000"), InvoiceLine.of("LED-1", "lighting", 2, "500"))));

    assertThat(receipt.status()).isEqualTo(Receipt.Status.RECORDED);
    // base 110, campaign 50% = 55, split 70/30; first order of the month: streak 1 of 3
    assertThat(receipt.awards()).extracting(a -> a.rule().ruleId(), PostedAward::beneficiary, PostedAward::points)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("earn-rate", dealer, 77L),
            org.assertj.core.groups.Tuple.tuple("earn-rate", ChannelFixture.rep(dealer, 1), 33L),
            org.assertj.core.groups.Tuple.tuple("campaign-bonus", dealer, 39L),
            org.assertj.core.groups.Tuple.tuple("campaign-bonus", ChannelFixture.rep(dealer, 1), 16L));
    assertThat(receipt.explanation()).contains(
        "Not applied mix-bonus@standard-1: This order has 2 product categories (cables, lighting); 3 in one order "
            + "earn the 200-point mix bonus.",
        "Not applied threshold-bonus@standard-1: Monthly sales are 11,000 INR; 489,000 INR more earn the "
            + "500-point bonus at 500,000 INR.");
    assertThat(receipt.explanation()).anyMatch(line -> line.startsWith("Applied earn-rate@standard-1: Awarded 110 "
        + "base points to partner dealer-a: 1 point per 100 INR on an invoice of 11,000 INR."));
    assertThat(channel.engine.balance(dealer).available()).isEqualTo(77 + 39);
  }
}
