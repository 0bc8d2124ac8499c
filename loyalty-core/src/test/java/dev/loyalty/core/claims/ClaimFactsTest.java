package dev.loyalty.core.claims;

import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ClaimsFixture.ANA;
import static dev.loyalty.core.testing.ClaimsFixture.BEN;
import static dev.loyalty.core.testing.ClaimsFixture.CARO;
import static dev.loyalty.core.testing.ClaimsFixture.DEALER;
import static dev.loyalty.core.testing.ClaimsFixture.OTHER_DEALER;
import static dev.loyalty.core.testing.ClaimsFixture.REP;
import static dev.loyalty.core.testing.ClaimsFixture.claim;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.testing.ClaimTestRules;
import dev.loyalty.core.testing.ClaimsFixture;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.PostHoldRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The risk figures core computes for a claim, each from a crafted history: what the rules see in
 * {@link RuleFacts#claim()}.
 */
class ClaimFactsTest {
  private static final LocalDate DAY = LocalDate.of(2026, 7, 1);

  /** The rules of the fixture, remembering the claim facts of every evaluation. */
  private static final class Seeing implements RuleEngine {
    final List<ClaimFacts> seen = new ArrayList<>();
    private final RuleEngine rules = new ClaimTestRules();

    @Override
    public synchronized RuleOutcome evaluate(RuleFacts facts) {
      facts.claim().ifPresent(seen::add);
      return rules.evaluate(facts);
    }

    ClaimFacts last() {
      return seen.get(seen.size() - 1);
    }
  }

  private final Seeing rules = new Seeing();
  private final ClaimsFixture f = new ClaimsFixture(ClaimsFixture.T0, ClaimsFixture.defaultProgram(), rules);

  @Test
  void theRecordsCheckSaysWhatDiffers() {
    ClaimSubmission submission = claim("C-1", "INV-7", DAY, 10, "SN-1", "SN-9");
    f.putInvoice(new InvoiceRecord(DEALER, "inv 7", DAY.minusDays(1), INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 8, "1000")), Set.of("SN-1", "SN-2")));

    Claim claim = f.engine.submitClaim(ANA, submission);

    assertThat(claim.records().match()).isEqualTo(InvoiceMatch.MISMATCH);
    assertThat(claim.records().differences()).containsExactly("Date: claimed 2026-07-01, the record has 2026-06-30.",
        "SKU CAB-25: claimed 10 units, the record has 8.", "SKU CAB-25: claimed 10,000, the record has 8,000.",
        "Serial SN-9 is not on the invoice.");
    assertThat(claim.history()).extracting(ClaimTransition::to).doesNotContain(ClaimStatus.VALIDATED);
    assertThat(rules.last().recordsMatched()).isFalse();
  }

  @Test
  void duplicatesAreTheSamePartnersLiveClaimsOfTheInvoice() {
    f.engine.submitClaim(ANA, claim("C-1", "INV-7", DAY, 10));
    Claim held = f.engine.submitClaim(ANA, claim("C-2", "INV-8", DAY, 60));
    f.engine.rejectClaim(held.id(), CARO, "wrong invoice");

    f.engine.submitClaim(ANA, claim("C-3", "inv-8", DAY, 1));
    assertThat(rules.last().duplicateClaims()).isEmpty(); // the rejected claim no longer claims the sale

    f.engine.submitClaim(ANA, claim("C-4", "INV 7", DAY, 2));
    assertThat(rules.last().duplicateClaims()).extracting(ClaimRef::claim).containsExactly(ClaimId.of("C-1"));
    assertThat(rules.last().duplicatesText()).isEqualTo("claim C-1 of partner dealer-a by ana (PAID)");
  }

  @Test
  void theSameFingerprintClaimedByAnotherPartnerIsShared() {
    f.engine.submitClaim(ANA, claim("C-1", "INV-7", DAY, 10));
    ClaimSubmission copy = new ClaimSubmission(ClaimId.of("C-2"), OTHER_DEALER, Optional.empty(), "INV/7", DAY, INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 10, "1000")), Proof.document("DOC-2"));

    f.engine.submitClaim(BEN, copy);

    assertThat(rules.last().otherPartnerCount()).isEqualTo(1);
    assertThat(rules.last().otherPartnersText()).isEqualTo("dealer-a");
    assertThat(rules.last().duplicateCount()).isZero();
  }

  @Test
  void serialsClaimedBeforeAreNamedWithTheirClaimant() {
    f.engine.submitClaim(ANA, claim("C-1", "INV-7", DAY, 1, "SN-0001"));
    ClaimSubmission again = new ClaimSubmission(ClaimId.of("C-2"), OTHER_DEALER, Optional.empty(), "B-55", DAY, INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 1, "1000")), Proof.of("DOC-2", "sn 0001"));

    f.engine.submitClaim(BEN, again);

    assertThat(rules.last().serialClaimCount()).isEqualTo(1);
    assertThat(rules.last().otherClaimantCount()).isEqualTo(1);
    assertThat(rules.last().serialClaimsText()).isEqualTo("serial SN0001 in claim C-1 by ana (partner dealer-a)");
  }

  @Test
  void velocityIsTheRecentWindowAgainstThePartnersOwnWeeks() {
    for (int week = 0; week < 12; week++) {
      f.engine.submitClaim(ANA, claim("W-" + week, "W-" + week, today(), 1));
      f.clock.advance(Duration.ofDays(7));
    }
    for (int i = 0; i < 6; i++) {
      f.engine.submitClaim(ANA, claim("B-" + i, "B-" + i, today(), 1));
      f.clock.advance(Duration.ofHours(6));
    }

    RateFigures velocity = rules.last().velocity();
    assertThat(velocity.windowDays()).isEqualTo(7);
    assertThat(velocity.recent()).isEqualTo(6);
    assertThat(velocity.baseline()).isEqualTo(12); // one a week, all before the recent window
    assertThat(velocity.baselineDays()).isEqualTo(78); // from the first claim to the recent window
    assertThat(velocity.expected()).isEqualByComparingTo("1.07"); // 12 claims x 7 / 78 days
    assertThat(velocity.ratio()).isEqualByComparingTo("5.60"); // 6 / 1.07
    // P(at least 6 | 1.07 expected) = 0.000841: once in about 1,200 weeks
    assertThat(velocity.rarity()).isEqualByComparingTo("3.07");
  }

  private LocalDate today() {
    return LocalDateTime.ofInstant(f.clock.instant(), f.program.zone()).toLocalDate().minusDays(1);
  }

  @Test
  void amountsAreComparedWithThePartnersPaidClaimsByRobustStatistics() {
    for (int i = 0; i < 10; i++) {
      f.engine.submitClaim(ANA, claim("P-" + i, "P-" + i, DAY, 10 + i % 3)); // 10,000 to 12,000
    }
    f.engine.submitClaim(ANA, claim("BIG", "BIG", DAY, 45)); // 45,000: below the review line, paid too

    AmountHistory amounts = rules.last().amounts();
    assertThat(amounts.claims()).isEqualTo(10);
    assertThat(amounts.median().amount()).isEqualByComparingTo("11000");
    // MAD of the logarithms: the median distance from ln 11,000 is ln(12/11) = 0.0870; times 1.4826 is
    // 0.1290, below the least spread of 0.25 (amounts come in whole units)
    assertThat(amounts.spread()).isEqualByComparingTo("0.2500");
    assertThat(amounts.deviation()).isEqualByComparingTo("5.64"); // ln(45000/11000) / 0.25
  }

  @Test
  void aCampaignsLastDaysAreComparedWithThePartnersPaidClaimsBeforeThem() {
    ClaimsFixture late = new ClaimsFixture(LocalDateTime.parse("2026-10-01T10:00").atZone(f.program.zone())
        .toInstant(), ClaimsFixture.defaultProgram(), rules);
    for (int day = 0; day < 84; day += 7) {
      late.engine.submitClaim(ANA, claim("B-" + day, "B-" + day, LocalDate.of(2026, 7, 1).plusDays(day), 10));
    }
    for (int day = 24; day <= 30; day++) {
      late.engine.submitClaim(ANA, claim("E-" + day, "E-" + day, LocalDate.of(2026, 9, day), 10));
    }

    CampaignEnd end = rules.last().campaignEnds().get(0);
    assertThat(end.campaign()).isEqualTo(CampaignId.of("monsoon"));
    assertThat(end.endsOn()).isEqualTo(LocalDate.of(2026, 9, 30));
    assertThat(end.windowDays()).isEqualTo(7);
    assertThat(end.windowClaims()).isEqualTo(7);
    assertThat(end.windowAmount().amount()).isEqualByComparingTo("70000");
    assertThat(end.baselineDays()).isEqualTo(84); // 2 July to 23 September: the 84 days before the window
    // the 11 paid claims of 10,000 in it predict 9,166.66 for 7 days; the median claim, 10,000, is the floor
    assertThat(end.expectedAmount().amount()).isEqualByComparingTo("9166.66");
    assertThat(end.ratio()).isEqualByComparingTo("7.00");
  }

  @Test
  void redemptionsAreWhatTheWalletsSpentAgainstTheirOwnBaseline() {
    AccountId wallet = f.program.accounts().wallet(DEALER);
    AccountId clearing = dealerWith1300PointsAndAClearingAccount();
    f.clock.advance(Duration.ofDays(30));
    redeem(wallet, clearing, "R-1", 100);
    f.clock.advance(Duration.ofDays(30));
    redeem(wallet, clearing, "R-2", 500);
    redeem(wallet, clearing, "R-3", 300);

    f.engine.submitClaim(ANA, claim("C-1", "INV-1", today(), 1));

    RateFigures spent = rules.last().redemptions();
    assertThat(spent.recent()).isEqualTo(800);
    assertThat(spent.baseline()).isEqualTo(100);
    assertThat(spent.baselineDays()).isEqualTo(53); // the wallet opened 60 days ago, the window is the last 7
    assertThat(spent.expected()).isEqualByComparingTo("13.20");
    assertThat(spent.ratio()).isEqualByComparingTo("60.60");
  }

  @Test
  void aDrainIsWhatTheWindowsRedemptionsTookOfWhatTheWalletsHeld_laterEarningsDoNotDiluteIt() {
    AccountId wallet = f.program.accounts().wallet(DEALER);
    AccountId clearing = dealerWith1300PointsAndAClearingAccount();
    f.clock.advance(Duration.ofDays(30));
    redeem(wallet, clearing, "R-1", 300); // before the recent window: not part of the drain
    f.engine.submitClaim(ANA, claim("C-1", "INV-1", today(), 1));
    assertThat(rules.last().drain()).isEqualTo(BalanceDrain.of(7, 300, 1_000));
    f.clock.advance(Duration.ofDays(30));
    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(1_010); // 1,300 - 300 + 10 for C-1

    f.engine.submitClaim(ANA, claim("C-2", "INV-2", today(), 1));
    assertThat(rules.last().drain()).isEqualTo(BalanceDrain.of(7, 0, 0)); // nothing spent in the window
    assertThat(rules.last().drain().share()).isEqualByComparingTo("0");
    redeem(wallet, clearing, "R-2", 500);
    redeem(wallet, clearing, "R-3", 320);
    // a sale made three days ago, claimed after the drain: its 10 points are dated before the
    // redemptions, but were not there when they were made
    f.engine.submitClaim(ANA, claim("C-3", "INV-3", today().minusDays(2), 1));
    f.engine.submitClaim(ANA, claim("C-3B", "INV-3B", today(), 1));

    BalanceDrain drain = rules.last().drain();
    assertThat(drain.spent()).isEqualTo(820);
    assertThat(drain.left()).isEqualTo(200); // 1,020 - 820: what R-3 left, not what C-3 added since
    assertThat(drain.held()).isEqualTo(1_020);
    assertThat(drain.share()).isEqualByComparingTo("0.80"); // 820 / 1,020 = 0.8039, rounded down

    // a redemption not paid yet (an order waiting to ship) is spent now, out of what is posted now
    f.ledger.hold(HoldRequest.of(IdempotencyKey.of("redeem:R-4"), wallet, clearing, 150, "redemption"));
    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(220);
    f.engine.submitClaim(ANA, claim("C-4", "INV-4", today(), 1));
    assertThat(rules.last().drain()).isEqualTo(BalanceDrain.of(7, 820 + 150, 220 - 150));
  }

  @Test
  void changesAreLaterDetailsOfAKindAParticipantHad_theLatestPerKind() {
    f.engine.registerIdentity(DEALER, IdentityKind.PHONE, "+91 98100 00000");
    f.engine.registerIdentity(DEALER, IdentityKind.EMAIL, "owner@dealer-a.example");
    f.engine.registerIdentity(REP, IdentityKind.EMAIL, "rep@dealer-a.example");
    f.engine.submitClaim(ANA, claim("C-1", "INV-1", DAY, 1).withMember(REP));
    assertThat(rules.last().identityChanges()).isEmpty(); // first details: the enrolment

    f.clock.advance(Duration.ofDays(3));
    Instant emailChanged = f.clock.instant();
    f.engine.registerIdentity(DEALER, IdentityKind.EMAIL, "first@elsewhere.example");
    f.engine.registerIdentity(DEALER, IdentityKind.TAX_ID, "29ABCDE1234F1Z5"); // a first tax id: no change
    f.clock.advance(Duration.ofHours(1));
    f.engine.registerIdentity(DEALER, IdentityKind.EMAIL, "then@elsewhere.example"); // the latest counts
    Instant latestEmail = f.clock.instant();
    f.clock.advance(Duration.ofDays(2));
    Instant phoneChanged = f.clock.instant();
    f.engine.registerIdentity(DEALER, IdentityKind.PHONE, "+91 98100 99999");
    f.engine.registerIdentity(DEALER, IdentityKind.EMAIL, "OWNER@dealer-a.example"); // had it: nothing new
    f.engine.registerIdentity(REP, IdentityKind.EMAIL, "rep.new@dealer-a.example");
    f.engine.registerIdentity(DEALER, IdentityKind.TAX_ID, "29ABCDE1234F1Z6"); // a change, but it redirects nothing
    f.clock.advance(Duration.ofHours(5));

    f.engine.submitClaim(ANA, claim("C-2", "INV-2", DAY, 1).withMember(REP));

    ClaimFacts facts = rules.last();
    assertThat(emailChanged).isBefore(latestEmail);
    // oldest first; at one time, the partner's before the member's, each in the kinds' order
    assertThat(facts.identityChanges()).containsExactly(
        new IdentityChange(IdentityKind.EMAIL, DEALER, latestEmail, 2),
        new IdentityChange(IdentityKind.TAX_ID, DEALER, phoneChanged, 0),
        new IdentityChange(IdentityKind.PHONE, DEALER, phoneChanged, 0),
        new IdentityChange(IdentityKind.EMAIL, REP, phoneChanged, 0));
    assertThat(facts.changedWithin(2)).isTrue();
    assertThat(facts.changesWithin(1)).extracting(IdentityChange::kind).containsExactly(IdentityKind.PHONE,
        IdentityKind.EMAIL);
    assertThat(facts.changesText(2)).isEqualTo("the email of partner dealer-a, 2 days before, the phone of partner "
        + "dealer-a, 0 days before, the email of member dealer-a-rep-1, 0 days before");

    f.engine.submitClaim(BEN, new ClaimSubmission(ClaimId.of("C-3"), OTHER_DEALER, Optional.empty(), "B-1", DAY, INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 1, "1000")), Proof.document("DOC-3")));
    assertThat(rules.last().identityChanges()).isEmpty(); // another partner's changes are not its own
    assertThat(rules.last().changedWithin(365)).isFalse();
  }

  /** The dealer's claim of 100,000 INR, held then approved (1,300 points), and the redemptions' clearing account. */
  private AccountId dealerWith1300PointsAndAClearingAccount() {
    f.engine.submitClaim(ANA, claim("C-0", "INV-0", DAY, 100)); // in review: 1,300 held
    f.engine.approveClaim(ClaimId.of("C-0"), CARO, "ok");
    AccountId clearing = AccountId.of("acme:system:redemptions");
    f.ledger.openAccount(clearing, AccountType.SYSTEM);
    return clearing;
  }

  private void redeem(AccountId wallet, AccountId clearing, String id, long points) {
    HoldId hold = f.ledger.hold(HoldRequest.of(IdempotencyKey.of("redeem:" + id), wallet, clearing, points,
        "redemption"));
    f.ledger.postHold(PostHoldRequest.full(IdempotencyKey.of("ship:" + id), hold, "shipped"));
  }

  @Test
  void identitiesAnotherOrganisationHadFirstAreNamed_theOriginalAndOneOrganisationsOwnAreNot() {
    f.engine.registerIdentity(OTHER_DEALER, IdentityKind.BANK_ACCOUNT, "IN12-HDFC-0000-1234"); // the original
    f.engine.registerIdentity(DEALER, IdentityKind.PHONE, "+91 98100 00000");
    f.engine.registerIdentity(REP, IdentityKind.PHONE, "919810000000"); // the owner's phone: one organisation
    f.engine.registerIdentity(DEALER, IdentityKind.BANK_ACCOUNT, "IN12 HDFC 0000 1234");
    f.engine.registerIdentity(REP, IdentityKind.BANK_ACCOUNT, "in12hdfc00001234");

    f.engine.submitClaim(ANA, claim("C-1", "INV-1", DAY, 1).withMember(REP));

    assertThat(rules.last().sharedIdentities()).containsExactly(
        new SharedIdentity(IdentityKind.BANK_ACCOUNT, DEALER, OTHER_DEALER, OTHER_DEALER),
        new SharedIdentity(IdentityKind.BANK_ACCOUNT, REP, OTHER_DEALER, OTHER_DEALER));
    assertThat(rules.last().sharedIdentitiesText()).startsWith(
        "the bank-account of partner dealer-a is also partner dealer-b's");

    ClaimSubmission original = new ClaimSubmission(ClaimId.of("C-2"), OTHER_DEALER, Optional.empty(), "B-1", DAY, INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 1, "1000")), Proof.document("DOC-2"));
    f.engine.submitClaim(BEN, original);
    assertThat(rules.last().sharedIdentities()).isEmpty(); // it had the account first
  }
}
