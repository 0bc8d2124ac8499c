package dev.loyalty.rules;

import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ClaimsFixture.ANA;
import static dev.loyalty.core.testing.ClaimsFixture.BEN;
import static dev.loyalty.core.testing.ClaimsFixture.DEALER;
import static dev.loyalty.core.testing.ClaimsFixture.OTHER_DEALER;
import static dev.loyalty.core.testing.ClaimsFixture.REP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.claims.Claim;
import dev.loyalty.core.claims.ClaimId;
import dev.loyalty.core.claims.ClaimStatus;
import dev.loyalty.core.claims.ClaimSubmission;
import dev.loyalty.core.claims.IdentityKind;
import dev.loyalty.core.claims.InvoiceRecord;
import dev.loyalty.core.claims.Proof;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleDecision;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.testing.ClaimsFixture;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.PostHoldRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The ready-made claim-risk rules on Drools, end to end through the engine: for each signal a
 * crafted claim, the decision it gets and the reason the claim shows, with only that signal
 * switched on (so that no other explains the outcome); then the shipped program's scores, where
 * signals add up to a review or a block, and a clean claim is paid with "no risk signal" said.
 */
class ClaimRiskRulesTest {
  private static final DroolsRuleEngine RULES = StandardProgram.engine();
  private static final LocalDate DAY = LocalDate.of(2026, 7, 1);
  private static final String DECISION = "risk-score";

  /** The shipped program with only {@code signal}'s score set: 60, against review 50 and block 100. */
  private static Program only(String signal) {
    Map<String, String> parameters = new HashMap<>(StandardProgram.PARAMETERS);
    parameters.keySet().removeIf(k -> k.startsWith("risk.") && k.endsWith(".score") && !k.equals("risk.review-score")
        && !k.equals("risk.block-score"));
    parameters.put("risk." + signal + ".score", "60");
    return StandardProgram.program(1_000_000).withParameters(parameters);
  }

  private static ClaimsFixture fixture(Program program) {
    return fixture(ClaimsFixture.T0, program);
  }

  private static ClaimsFixture fixture(Instant start, Program program) {
    return new ClaimsFixture(start, program, RULES);
  }

  /** A claim of {@code partner} for {@code quantity} cables at 1,000, its invoice on record. */
  private static ClaimSubmission claim(ClaimsFixture f, String id, PartnerId partner, String invoice, LocalDate day,
      long quantity, String... serials) {
    ClaimSubmission s = new ClaimSubmission(ClaimId.of(id), partner, Optional.empty(), invoice, day, INR,
        List.of(InvoiceLine.of("CAB-25", "cables", quantity, "1000")), Proof.of("DOC-" + id, serials));
    f.recordInvoiceOf(s);
    return s;
  }

  private static LocalDate yesterday(ClaimsFixture f) {
    return LocalDateTime.ofInstant(f.clock.instant(), f.program.zone()).toLocalDate().minusDays(1);
  }

  private static void heldFor(Claim claim, String signal, String... reason) {
    assertThat(claim.status()).as("status of %s", claim.id()).isEqualTo(ClaimStatus.IN_REVIEW);
    signalled(claim, signal, reason);
    assertThat(claim.riskFlags()).anySatisfy(f -> {
      assertThat(f.code()).isEqualTo(DECISION);
      assertThat(f.severity()).isEqualTo(RiskFlag.Severity.REVIEW);
      assertThat(f.reason()).isEqualTo("Risk score 60 (" + signal + " 60) reaches the review threshold of 50.");
    });
  }

  private static void signalled(Claim claim, String signal, String... reason) {
    assertThat(claim.signals()).extracting(RiskFlag::code).contains(signal);
    RiskFlag flag = claim.signals().stream().filter(f -> f.code().equals(signal)).findFirst().orElseThrow();
    for (String part : reason) {
      assertThat(flag.reason()).contains(part);
    }
    assertThat(claim.explanation()).anyMatch(line -> line.contains(signal) && line.contains("(score "));
  }

  private static void clean(Claim claim) {
    assertThat(claim.status()).as("status of %s", claim.id()).isEqualTo(ClaimStatus.PAID);
    assertThat(claim.signals()).isEmpty();
  }

  // --- each signal alone

  @Test
  void unverifiedInvoice() {
    ClaimsFixture f = fixture(only("unverified-invoice"));
    ClaimSubmission unknown = new ClaimSubmission(ClaimId.of("C-1"), DEALER, Optional.empty(), "INV-404", DAY, INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 10, "1000")), Proof.document("DOC-1"));

    heldFor(f.engine.submitClaim(ANA, unknown), "unverified-invoice",
        "The manufacturer's records have no such invoice for this partner.");
    clean(f.engine.submitClaim(ANA, claim(f, "C-2", DEALER, "INV-2", DAY, 10)));
  }

  @Test
  void duplicateInvoiceOfTheSamePartner() {
    ClaimsFixture f = fixture(only("duplicate-invoice"));
    clean(f.engine.submitClaim(ANA, claim(f, "C-1", DEALER, "INV-7", DAY, 10)));

    heldFor(f.engine.submitClaim(ANA, claim(f, "C-2", DEALER, "inv 7", DAY, 10)), "duplicate-invoice",
        "Invoice inv 7 was claimed before by the same partner: claim C-1 of partner dealer-a by ana (PAID).");
  }

  @Test
  void theSameInvoiceClaimedByAnotherPartner() {
    ClaimsFixture f = fixture(only("shared-invoice"));
    f.engine.submitClaim(ANA, claim(f, "C-1", DEALER, "INV-7", DAY, 10));

    heldFor(f.engine.submitClaim(BEN, claim(f, "C-2", OTHER_DEALER, "INV/7", DAY, 10)), "shared-invoice",
        "The same invoice (number, date and total) was claimed by other partners: claim C-1 of partner dealer-a by "
            + "ana (PAID).");
    clean(f.engine.submitClaim(BEN, claim(f, "C-3", OTHER_DEALER, "INV-7", DAY, 11))); // another total
  }

  @Test
  void aSerialNumberClaimedBySeveralClaimants() {
    ClaimsFixture f = fixture(only("serial-claimed"));
    f.engine.submitClaim(ANA, claim(f, "C-1", DEALER, "INV-7", DAY, 1, "SN-88"));

    heldFor(f.engine.submitClaim(BEN, claim(f, "C-2", OTHER_DEALER, "B-1", DAY, 1, "sn88")), "serial-claimed",
        "Units of this claim were claimed before: serial SN88 in claim C-1 by ana (partner dealer-a).");
    clean(f.engine.submitClaim(BEN, claim(f, "C-3", OTHER_DEALER, "B-2", DAY, 1, "SN-89")));
  }

  @Test
  void claimVelocityFarAboveThePartnersOwnRate() {
    ClaimsFixture f = fixture(only("claim-velocity"));
    for (int week = 0; week < 12; week++) {
      clean(f.engine.submitClaim(ANA, claim(f, "W-" + week, DEALER, "W-" + week, yesterday(f), 10)));
      f.clock.advance(Duration.ofDays(7));
    }
    // A burst after a year of one claim a week: 7 in 7 days happen once in 8,000 weeks at that rate
    // (rarity 3.90), 8 once in 60,000 (rarity 4.78).
    for (int i = 0; i < 7; i++) {
      clean(f.engine.submitClaim(ANA, claim(f, "B-" + i, DEALER, "B-" + i, yesterday(f), 10)));
      f.clock.advance(Duration.ofHours(6));
    }

    heldFor(f.engine.submitClaim(ANA, claim(f, "B-7", DEALER, "B-7", yesterday(f), 10)), "claim-velocity",
        "8 claims in the last 7 days; the partner's own rate predicts 1.07 (ratio 7.47, rarity 4.78; flagged at "
            + "ratio 4 and rarity 4).");
  }

  /**
   * On 1 October, after the campaign, with twelve weekly paid claims of 10,000 from 3 July: 83 days
   * before the campaign's last 7 days (24-30 September), predicting 10,120.48 for them.
   */
  private static ClaimsFixture afterTheCampaignOfWeeklyClaims(Program program) {
    Instant afterTheCampaign = LocalDateTime.parse("2026-10-01T10:00").atZone(StandardProgram.SHIPPED.zone())
        .toInstant();
    ClaimsFixture f = fixture(afterTheCampaign, program);
    for (int day = 2; day < 84; day += 7) {
      clean(f.engine.submitClaim(ANA, claim(f, "B-" + day, DEALER, "B-" + day, DAY.plusDays(day), 10)));
    }
    return f;
  }

  @Test
  void aSpikeInTheLastDaysOfACampaign() {
    ClaimsFixture f = afterTheCampaignOfWeeklyClaims(only("campaign-end"));
    clean(f.engine.submitClaim(ANA, claim(f, "E-1", DEALER, "E-1", LocalDate.of(2026, 9, 25), 10)));
    clean(f.engine.submitClaim(ANA, claim(f, "E-2", DEALER, "E-2", LocalDate.of(2026, 9, 28), 20)));

    heldFor(f.engine.submitClaim(ANA, claim(f, "E-3", DEALER, "E-3", LocalDate.of(2026, 9, 30), 20)),
        "campaign-end-spike", "Claims for sales in the last 7 days of campaign monsoon (ending 2026-09-30) add up to "
            + "50,000 INR; the partner's paid claims before predict 10,120.48 INR (ratio 4.94, flagged at 3).");
  }

  @Test
  void aRiseInTheLastDaysOfACampaign_belowItsFactorNothing() {
    ClaimsFixture f = afterTheCampaignOfWeeklyClaims(only("campaign-end-rise"));
    // 10,000 in the window against the 10,120.48 the weekly claims predict: ratio 0.98, an ordinary week
    clean(f.engine.submitClaim(ANA, claim(f, "E-1", DEALER, "E-1", LocalDate.of(2026, 9, 25), 10)));

    heldFor(f.engine.submitClaim(ANA, claim(f, "E-2", DEALER, "E-2", LocalDate.of(2026, 9, 28), 10)),
        "campaign-end-rise", "Claims for sales in the last 7 days of campaign monsoon (ending 2026-09-30) add up to "
            + "20,000 INR, 1.97 times what the partner's paid claims before predict (10,120.48 INR; flagged from 1.5).");
  }

  @Test
  void anAmountFarOutsideThePartnersHistory() {
    ClaimsFixture f = fixture(only("amount-outlier"));
    for (int i = 0; i < 10; i++) {
      clean(f.engine.submitClaim(ANA, claim(f, "P-" + i, DEALER, "P-" + i, DAY, 10 + i % 3)));
    }
    clean(f.engine.submitClaim(ANA, claim(f, "OK", DEALER, "OK", DAY, 25))); // 2.3 times the median: 3.3 spreads

    heldFor(f.engine.submitClaim(ANA, claim(f, "BIG", DEALER, "BIG", DAY, 200)), "amount-outlier",
        "An amount of 200,000 INR is 11.60 spreads above the partner's median paid claim of 11,000 INR (over its "
            + "last 11 paid claims; flagged at 5).");
  }

  @Test
  void aClaimFarAboveTheManufacturersRecord() {
    ClaimsFixture f = fixture(only("record-excess"));
    // the record keeps 10 units of INV-9 and INV-8; the claims ask for 25 (inflated) and 10 at a higher price
    claim(f, "REC-9", DEALER, "INV-9", DAY, 10); // puts INV-9 on record
    f.recordInvoiceOf(new ClaimSubmission(ClaimId.of("REC-8"), DEALER, Optional.empty(), "INV-8", DAY, INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 10, "950")), Proof.document("DOC-REC-8")));
    ClaimSubmission discounted = new ClaimSubmission(ClaimId.of("C-8"), DEALER, Optional.empty(), "INV-8", DAY, INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 10, "1000")), Proof.document("DOC-C-8"));
    ClaimSubmission inflated = new ClaimSubmission(ClaimId.of("C-9"), DEALER, Optional.empty(), "INV-9", DAY, INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 25, "1000")), Proof.document("DOC-C-9"));

    // a late discount on record (the claim is 5% above it) differs, but is not an inflated invoice
    Claim honest = f.engine.submitClaim(ANA, discounted);
    assertThat(honest.status()).isEqualTo(ClaimStatus.PAID);
    assertThat(honest.records().amountRatio()).contains(new BigDecimal("1.053"));
    heldFor(f.engine.submitClaim(ANA, inflated), "record-excess",
        "The claim asks for 2.5 times the amount the manufacturer's record has for the same lines (flagged at 2).");
  }

  @Test
  void redemptionsFarAboveThePartnersOwnRate() {
    Program program = only("redemption-velocity");
    Map<String, String> parameters = new HashMap<>(program.parameters());
    parameters.put("risk.redemption-velocity.min-points", "1000");
    ClaimsFixture f = fixture(program.withParameters(parameters));
    AccountId clearing = AccountId.of("std:system:redemptions");
    f.ledger.openAccount(clearing, AccountType.SYSTEM);
    f.engine.submitClaim(ANA, claim(f, "C-0", DEALER, "C-0", DAY, 300)); // 4,500 points to spend
    for (int week = 1; week <= 8; week++) {
      f.clock.advance(Duration.ofDays(7));
      redeem(f, clearing, "R-" + week, 100);
    }
    clean(f.engine.submitClaim(ANA, claim(f, "C-1", DEALER, "C-1", yesterday(f), 1)));
    f.clock.advance(Duration.ofDays(3));
    redeem(f, clearing, "R-BIG", 3_500);

    heldFor(f.engine.submitClaim(ANA, claim(f, "C-2", DEALER, "C-2", yesterday(f), 1)), "redemption-velocity",
        "3600 points spent in the last 7 days; the partner's own rate predicts 94.23 (ratio 38.20, flagged at 4).");
  }

  private static void redeem(ClaimsFixture f, AccountId clearing, String id, long points) {
    redeem(f, DEALER, clearing, id, points);
  }

  private static void redeem(ClaimsFixture f, PartnerId partner, AccountId clearing, String id, long points) {
    HoldId hold = f.ledger.hold(HoldRequest.of(IdempotencyKey.of("redeem:" + id), f.program.accounts().wallet(partner),
        clearing, points, "redemption"));
    f.ledger.postHold(PostHoldRequest.full(IdempotencyKey.of("ship:" + id), hold, "shipped"));
  }

  @Test
  void mostOfThePointsRedeemedSoonAfterAContactDetailChanged_eitherAloneIsNothing() {
    ClaimsFixture f = fixture(only("account-takeover"));
    AccountId clearing = AccountId.of("std:system:redemptions");
    f.ledger.openAccount(clearing, AccountType.SYSTEM);
    f.engine.registerIdentity(DEALER, IdentityKind.EMAIL, "owner@dealer-a.example");
    f.engine.registerIdentity(OTHER_DEALER, IdentityKind.EMAIL, "owner@dealer-b.example");
    clean(f.engine.submitClaim(ANA, claim(f, "C-0", DEALER, "C-0", DAY, 300))); // 4,500 points to spend
    clean(f.engine.submitClaim(BEN, claim(f, "D-0", OTHER_DEALER, "D-0", DAY, 300)));
    f.clock.advance(Duration.ofDays(10));

    // a saver empties its wallet with its own details: nothing
    redeem(f, OTHER_DEALER, clearing, "R-B", 4_300);
    clean(f.engine.submitClaim(BEN, claim(f, "D-1", OTHER_DEALER, "D-1", yesterday(f), 1)));
    // a new e-mail, nothing redeemed yet: nothing
    f.engine.registerIdentity(DEALER, IdentityKind.EMAIL, "someone@elsewhere.example");
    clean(f.engine.submitClaim(ANA, claim(f, "C-1", DEALER, "C-1", yesterday(f), 1)));
    // two days later most of the points go
    f.clock.advance(Duration.ofDays(2));
    redeem(f, clearing, "R-A", 4_000);

    heldFor(f.engine.submitClaim(ANA, claim(f, "C-2", DEALER, "C-2", yesterday(f), 1)), "account-takeover",
        "4000 points redeemed in the last 7 days, 0.88 of what the wallets held (flagged at 0.8), after a change of "
            + "details in the 14 days before the claim: the email of partner dealer-a, 2 days before.");
  }

  @Test
  void identifyingDetailsSharedWithAnotherOrganisation() {
    ClaimsFixture f = fixture(only("shared-identity"));
    f.engine.registerIdentity(REP, IdentityKind.PHONE, "+91 98100 12345");
    f.engine.registerIdentity(DEALER, IdentityKind.PHONE, "98100-12345"); // the owner's phone: one organisation
    clean(f.engine.submitClaim(ANA, claim(f, "C-1", DEALER, "INV-1", DAY, 10)));

    f.engine.registerIdentity(OTHER_DEALER, IdentityKind.BANK_ACCOUNT, "IN12 HDFC 0000 1234");
    f.engine.registerIdentity(DEALER, IdentityKind.BANK_ACCOUNT, "in12-hdfc-0000-1234");

    heldFor(f.engine.submitClaim(ANA, claim(f, "C-2", DEALER, "INV-2", DAY, 10)), "shared-identity",
        "Identifying details another organisation registered first: the bank-account of partner dealer-a is also "
            + "partner dealer-b's.");
  }

  @Test
  void aContactDetailSharedWithAnotherOrganisation() {
    ClaimsFixture f = fixture(only("shared-contact"));
    f.engine.registerIdentity(OTHER_DEALER, IdentityKind.PHONE, "+91 98100 12345");
    f.engine.registerIdentity(DEALER, IdentityKind.PHONE, "+91-98100-12345");

    heldFor(f.engine.submitClaim(ANA, claim(f, "C-1", DEALER, "INV-1", DAY, 10)), "shared-contact",
        "A contact detail another organisation registered first: the phone of partner dealer-a is also partner "
            + "dealer-b's.");
    clean(f.engine.submitClaim(BEN, claim(f, "C-2", OTHER_DEALER, "INV-2", DAY, 10))); // it had the phone first

    f.engine.registerIdentity(OTHER_DEALER, IdentityKind.DELIVERY_ADDRESS, "Shop 4, MG Road, Pune 411001");
    f.engine.registerIdentity(REP, IdentityKind.DELIVERY_ADDRESS, "shop 4 mg road pune 411001");
    heldFor(f.engine.submitClaim(ANA, claim(f, "C-3", DEALER, "INV-3", DAY, 10).withMember(REP)), "shared-contact",
        "the delivery-address of member dealer-a-rep-1 is also partner dealer-b's");
  }

  // --- the shipped program's scores

  @Test
  void aCleanClaimIsPaidAndItsReceiptSaysNoSignalFired() {
    ClaimsFixture f = fixture(StandardProgram.program(1_000_000));

    Claim claim = f.engine.submitClaim(ANA, claim(f, "C-1", DEALER, "INV-1", DAY, 10));

    clean(claim);
    Receipt receipt = f.engine.receipt(claim.activity()).orElseThrow();
    assertThat(receipt.decisions()).contains(RuleDecision.notFired(new RuleRef(DECISION, "standard-1"),
        "No risk signal fired."));
  }

  @Test
  void aWeakSignalAloneIsPaidAndShown_twoAddUpToAReview() {
    ClaimsFixture f = fixture(StandardProgram.program(1_000_000));
    for (int i = 0; i < 10; i++) {
      f.engine.submitClaim(ANA, claim(f, "P-" + i, DEALER, "P-" + i, DAY, 10 + i % 3));
    }
    ClaimSubmission notOnRecord = new ClaimSubmission(ClaimId.of("C-1"), DEALER, Optional.empty(), "INV-404", DAY,
        INR, List.of(InvoiceLine.of("CAB-25", "cables", 10, "1000")), Proof.document("DOC-1"));

    Claim paid = f.engine.submitClaim(ANA, notOnRecord);
    assertThat(paid.status()).isEqualTo(ClaimStatus.PAID);
    assertThat(paid.signals()).extracting(RiskFlag::code).containsExactly("unverified-invoice");
    Receipt receipt = f.engine.receipt(paid.activity()).orElseThrow();
    assertThat(receipt.decisions()).anySatisfy(d -> assertThat(d.explanation())
        .isEqualTo("Risk score 30 (unverified-invoice 30) is below the review threshold of 50."));

    ClaimSubmission bigAndUnknown = new ClaimSubmission(ClaimId.of("C-2"), DEALER, Optional.empty(), "INV-405", DAY,
        INR, List.of(InvoiceLine.of("CAB-25", "cables", 200, "1000")), Proof.document("DOC-2"));
    Claim held = f.engine.submitClaim(ANA, bigAndUnknown);

    assertThat(held.status()).isEqualTo(ClaimStatus.IN_REVIEW);
    assertThat(held.riskScore()).isEqualTo(80);
    assertThat(held.riskFlags()).filteredOn(r -> r.code().equals(DECISION)).singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo("Risk score 80 (amount-outlier 50, unverified-invoice 30) "
            + "reaches the review threshold of 50."));
  }

  @Test
  void aRiseAndAClaimTheRecordsDoNotConfirmAddUpToAReview_aSpikeIsNotCountedAsARiseToo() {
    ClaimsFixture f = afterTheCampaignOfWeeklyClaims(StandardProgram.program(1_000_000));
    clean(f.engine.submitClaim(ANA, claim(f, "E-1", DEALER, "E-1", LocalDate.of(2026, 9, 25), 10)));
    ClaimSubmission notOnRecord = new ClaimSubmission(ClaimId.of("E-2"), DEALER, Optional.empty(), "E-2",
        LocalDate.of(2026, 9, 28), INR, List.of(InvoiceLine.of("CAB-25", "cables", 10, "1000")), Proof.document("DOC-2"));

    Claim held = f.engine.submitClaim(ANA, notOnRecord);
    assertThat(held.status()).isEqualTo(ClaimStatus.IN_REVIEW);
    assertThat(held.lastReason()).startsWith("Risk score 50 (campaign-end-rise 20, unverified-invoice 30) reaches the "
        + "review threshold of 50.");

    // 40,000 against 10,120.48: a spike (ratio 3.95), and not a rise as well
    Claim spike = f.engine.submitClaim(ANA, claim(f, "E-3", DEALER, "E-3", LocalDate.of(2026, 9, 30), 20));
    assertThat(spike.signals()).extracting(RiskFlag::code).containsExactly("campaign-end-spike");
    assertThat(spike.status()).isEqualTo(ClaimStatus.IN_REVIEW);
  }

  @Test
  void aTakenOverAccountsClaimTheRecordsDoNotConfirmIsHeld_theOwnersRealSaleIsPaid_theRedemptionsCountOnce() {
    ClaimsFixture f = fixture(StandardProgram.program(1_000_000));
    AccountId clearing = AccountId.of("std:system:redemptions");
    f.ledger.openAccount(clearing, AccountType.SYSTEM);
    f.engine.registerIdentity(DEALER, IdentityKind.PHONE, "+91 98100 11111");
    f.engine.registerIdentity(OTHER_DEALER, IdentityKind.PHONE, "+91 98100 22222");
    f.engine.submitClaim(ANA, claim(f, "C-0", DEALER, "C-0", DAY, 300)); // 4,500 points to spend
    f.engine.submitClaim(BEN, claim(f, "D-0", OTHER_DEALER, "D-0", DAY, 300));
    f.clock.advance(Duration.ofDays(40)); // history enough for redemption-velocity
    f.engine.registerIdentity(DEALER, IdentityKind.PHONE, "+91 98100 99999");
    f.clock.advance(Duration.ofDays(1));
    redeem(f, clearing, "R-A", 4_000);
    redeem(f, OTHER_DEALER, clearing, "R-B", 4_000);

    // the same redemptions without a change: velocity, weak alone
    Claim saver = f.engine.submitClaim(BEN, claim(f, "D-1", OTHER_DEALER, "D-1", yesterday(f), 1));
    assertThat(saver.status()).isEqualTo(ClaimStatus.PAID);
    assertThat(saver.signals()).extracting(RiskFlag::code).containsExactly("redemption-velocity");
    // after a change: the takeover reading, and not velocity too; the owner's real sale is paid
    Claim owners = f.engine.submitClaim(ANA, claim(f, "C-1", DEALER, "C-1", yesterday(f), 1));
    assertThat(owners.status()).isEqualTo(ClaimStatus.PAID);
    assertThat(owners.signals()).extracting(RiskFlag::code).containsExactly("account-takeover");
    assertThat(owners.riskScore()).isEqualTo(40);
    ClaimSubmission madeUp = new ClaimSubmission(ClaimId.of("C-2"), DEALER, Optional.empty(), "F-1", yesterday(f), INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 1, "1000")), Proof.document("DOC-F-1"));
    Claim held = f.engine.submitClaim(ANA, madeUp);
    assertThat(held.status()).isEqualTo(ClaimStatus.IN_REVIEW);
    assertThat(held.lastReason()).startsWith("Risk score 70 (account-takeover 40, unverified-invoice 30) reaches the "
        + "review threshold of 50.");
  }

  @Test
  void aDuplicateReachesTheBlockThreshold() {
    ClaimsFixture f = fixture(StandardProgram.program(1_000_000));
    f.engine.submitClaim(ANA, claim(f, "C-1", DEALER, "INV-7", DAY, 10));
    long posted = f.engine.balance(DEALER).posted();

    Claim blocked = f.engine.submitClaim(ANA, claim(f, "C-2", DEALER, "INV-7", DAY, 10));

    assertThat(blocked.status()).isEqualTo(ClaimStatus.BLOCKED);
    assertThat(blocked.lastReason()).isEqualTo("Risk score 100 (duplicate-invoice 100) reaches the block threshold "
        + "of 100.");
    assertThat(f.engine.balance(DEALER).posted()).isEqualTo(posted);
    assertThat(f.engine.balance(DEALER).pendingCredits()).isZero();
  }

  @Test
  void theSignalsOnlyJudgeClaims_aSaleRecordedDirectlyIsNotScored() {
    ClaimsFixture f = fixture(StandardProgram.program(1_000_000));
    Receipt sale = f.engine.record(dev.loyalty.core.testing.ChannelFixture.sale("INV-1", DEALER, Optional.empty(),
        ClaimsFixture.T0, "CAB-25", "cables", 10, "1000"));
    assertThat(sale.riskFlags()).isEmpty();
    assertThat(sale.decisions()).noneMatch(d -> d.rule().ruleId().startsWith(DECISION));
    assertThat(sale.status()).isEqualTo(Receipt.Status.RECORDED);
  }

  @Test
  void theWorkedExamplesOfClaimsMdAreTheSentencesTheseTestsCheck() throws IOException {
    // Surefire runs in the module's directory.
    String doc = Files.readString(Path.of("../docs/CLAIMS.md"));
    int start = doc.indexOf("```text signals\n");
    String block = doc.substring(start, doc.indexOf("\n```", start + 1));
    // This file's own text, each string's concatenations joined: what the scenarios above assert.
    String source = Files.readString(Path.of(
        "src/test/java/dev/loyalty/rules/ClaimRiskRulesTest.java")).replaceAll("\"\\s*\\+\\s*\"", "");
    List<String> examples = block.lines().skip(1).toList();
    assertThat(examples).hasSize(17);
    for (String example : examples) {
      String sentence = example.substring(example.indexOf(": ") + 2);
      assertThat(source).as(example).contains(sentence.replace("\\", "\\\\"));
    }
  }
}
