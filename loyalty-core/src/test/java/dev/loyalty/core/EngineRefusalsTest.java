package dev.loyalty.core;

import static dev.loyalty.core.testing.ChannelFixture.reviewer;
import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static dev.loyalty.core.testing.ChannelFixture.sale;
import static dev.loyalty.core.testing.ChannelFixture.saleReturn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.access.NotAuthorizedException;
import dev.loyalty.core.access.RefusalCode;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Referral;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.EnrolmentStatus;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.performance.PerformanceFigures;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.spi.InMemoryPartnerDirectory;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.TrialBalance;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gets a clear error and changes nothing (in memory here; on PostgreSQL in EngineRefusalsOnPostgresTest). */
class EngineRefusalsTest {
  private static final PartnerId DEALER = DEALERS.get(0);
  private static final MemberId REP = rep(DEALER, 1);
  private static final Instant T0 = LocalDateTime.parse("2026-07-02T10:00").atZone(ZONE).toInstant();

  private final ChannelFixture f = fixture(new SampleRules());

  /** The channel on {@code rules}, in memory; {@link EngineRefusalsOnPostgresTest} keeps it in PostgreSQL. */
  ChannelFixture fixture(RuleEngine rules) {
    return new ChannelFixture(T0, rules, 300);
  }

  @BeforeEach
  void anInvoiceIsRecorded() {
    f.engine.record(sale("INV-1", DEALER, Optional.of(REP), T0, "CAB-25", "cables", 10, "1000"));
  }

  /** What must not change: the ledger, the journal, the figures and the events. */
  private record State(TrialBalance ledger, List<PerformanceFigures> figures, int events, long journal) {
  }

  private State state(ChannelFixture fixture) {
    List<PerformanceFigures> figures = new ArrayList<>();
    for (ParticipantId p : List.<ParticipantId>of(DEALER, REP, DEALERS.get(1))) {
      figures.add(fixture.engine.figures(p));
    }
    long journal = List.of("INV-2", "RET-1", "REF-1", "T-1").stream()
        .filter(id -> fixture.engine.receipt(ActivityId.of(id)).isPresent()).count();
    return new State(fixture.ledger.trialBalance(), figures, fixture.events.size(), journal);
  }

  private void refused(Activity activity, Class<? extends LoyaltyException> type, String... messageParts) {
    refused(() -> f.engine.record(activity), type, messageParts);
  }

  private void refused(ThrowingCallable call, Class<? extends Throwable> type, String... messageParts) {
    State before = state(f);
    var thrown = assertThatThrownBy(call).isInstanceOf(type);
    for (String part : messageParts) {
      thrown.hasMessageContaining(part);
    }
    assertThat(state(f)).isEqualTo(before);
  }

  @Test
  void unknownPartner() {
    refused(sale("INV-2", PartnerId.of("dealer-x"), Optional.empty(), T0, "CAB-25", "cables", 1, "100"),
        UnknownPartnerException.class, "INV-2", "dealer-x", "not enrolled");
  }

  @Test
  void unknownMember() {
    refused(sale("INV-2", DEALER, Optional.of(MemberId.of("ghost")), T0, "CAB-25", "cables", 1, "100"),
        UnknownMemberException.class, "ghost", "not enrolled");
  }

  @Test
  void memberOfAnotherPartner() {
    refused(sale("INV-2", DEALER, Optional.of(rep(DEALERS.get(1), 1)), T0, "CAB-25", "cables", 1, "100"),
        UnknownMemberException.class, "dealer-b-rep-1", "of partner dealer-b, not of dealer-a");
  }

  @Test
  void suspendedPartner() {
    f.directory.put(f.directory.partner(DEALER).orElseThrow().withStatus(EnrolmentStatus.SUSPENDED));
    refused(sale("INV-2", DEALER, Optional.empty(), T0, "CAB-25", "cables", 1, "100"), NotEnrolledException.class,
        "dealer-a", "SUSPENDED");
  }

  @Test
  void negativeQuantityNeverBecomesAnActivity() {
    assertThatThrownBy(() -> InvoiceLine.of("CAB-25", "cables", -3, "100"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantity of CAB-25 must be positive, got -3");
  }

  @Test
  void invoiceInAnotherCurrency() {
    Sale usd = new Sale(new ActivityHeader(ActivityId.of("INV-2"), DEALER, Optional.empty(), T0),
        Currency.getInstance("USD"), List.of(InvoiceLine.of("CAB-25", "cables", 1, "100")));
    refused(usd, InvalidActivityException.class, "INV-2", "USD", "INR");
  }

  @Test
  void activityDatedInTheFuture() {
    refused(sale("INV-2", DEALER, Optional.empty(), T0.plusSeconds(3_600), "CAB-25", "cables", 1, "100"),
        InvalidActivityException.class, "INV-2", "after now");
  }

  @Test
  void duplicateActivityIdWithDifferentContent() {
    refused(sale("INV-1", DEALER, Optional.of(REP), T0, "CAB-25", "cables", 12, "1000"),
        DuplicateActivityException.class, "INV-1", "different content");
  }

  @Test
  void returnOfAnUnknownInvoice() {
    refused(saleReturn("RET-1", DEALER, T0, "INV-404", "CAB-25", 1), UnknownActivityException.class, "RET-1",
        "INV-404", "not recorded");
  }

  @Test
  void returnLargerThanTheSale() {
    refused(saleReturn("RET-1", DEALER, T0, "INV-1", "CAB-25", 11), InvalidActivityException.class,
        "returns 11 of CAB-25", "sold 10", "at most 10");
  }

  @Test
  void returnLargerThanWhatIsLeftAfterEarlierReturns() {
    f.engine.record(saleReturn("RET-0", DEALER, T0, "INV-1", "CAB-25", 7));
    refused(saleReturn("RET-1", DEALER, T0, "INV-1", "CAB-25", 4), InvalidActivityException.class,
        "7 were returned before", "at most 3");
  }

  @Test
  void returnOfASkuNotOnTheInvoice() {
    refused(saleReturn("RET-1", DEALER, T0, "INV-1", "SW-9", 1), InvalidActivityException.class, "SW-9",
        "does not have");
  }

  @Test
  void returnOfAnotherPartnersInvoice() {
    refused(saleReturn("RET-1", DEALERS.get(1), T0, "INV-1", "CAB-25", 1), InvalidActivityException.class,
        "of partner dealer-a");
  }

  @Test
  void returnOfSomethingThatIsNotAnInvoice() {
    f.engine.record(new TrainingCompleted(new ActivityHeader(ActivityId.of("T-1"), DEALER, Optional.of(REP), T0),
        "LED-101"));
    refused(new SaleReturn(new ActivityHeader(ActivityId.of("RET-1"), DEALER, Optional.empty(), T0),
        ActivityId.of("T-1"), List.of(new ReturnLine("CAB-25", 1))), InvalidActivityException.class,
        "is a training, not an invoice");
  }

  @Test
  void referralOfAnUnknownPartner() {
    refused(new Referral(new ActivityHeader(ActivityId.of("REF-1"), DEALER, Optional.empty(), T0),
        PartnerId.of("nobody")), UnknownPartnerException.class, "REF-1", "nobody");
  }

  @Test
  void ruleEngineFailureRefusesTheActivity() {
    ChannelFixture broken = fixture(facts -> {
      throw new IllegalStateException("rule table missing");
    });
    State before = state(broken);
    assertThatThrownBy(() -> broken.engine.record(sale("INV-2", DEALER, Optional.empty(), T0, "CAB-25", "cables", 1,
        "100"))).isInstanceOf(LoyaltyException.class).hasMessageContaining("INV-2").hasMessageContaining("rule table missing");
    assertThat(state(broken)).isEqualTo(before);
  }

  @Test
  void ruleAwardingSomeoneUnknownRefusesTheActivity() {
    ChannelFixture buggy = fixture(facts -> new RuleOutcome(List.of(Award.of(MemberId.of("ghost"), 10,
        RuleRef.of("bad", "1"), "for nobody")), List.of(), List.of(), List.of(), List.of()));
    State before = state(buggy);
    assertThatThrownBy(() -> buggy.engine.record(sale("INV-2", DEALER, Optional.empty(), T0, "CAB-25", "cables", 1,
        "100"))).isInstanceOf(InvalidActivityException.class).hasMessageContaining("bad@1").hasMessageContaining("ghost");
    assertThat(state(buggy)).isEqualTo(before);
  }

  @Test
  void approvalByTheMemberWhoReportedIt() {
    ChannelFixture reviewed = reviewFixture();
    reviewed.engine.record(sale("INV-9", DEALER, Optional.of(REP), T0, "CAB-25", "cables", 100, "1000"));
    TrialBalance before = reviewed.ledger.trialBalance();
    assertThatThrownBy(() -> reviewed.engine.approve(ActivityId.of("INV-9"), reviewer(REP.value()), "mine"))
        .isInstanceOf(NotAuthorizedException.class).hasMessageContaining("cannot approve or reject it")
        .extracting(e -> ((NotAuthorizedException) e).code()).isEqualTo(RefusalCode.MAKER_CANNOT_CHECK);
    assertThat(reviewed.ledger.trialBalance()).isEqualTo(before);
    assertThat(reviewed.engine.receipt(ActivityId.of("INV-9")).orElseThrow().status())
        .isEqualTo(Receipt.Status.IN_REVIEW);
  }

  @Test
  void approvalOfSomethingNotInReview() {
    refused(() -> f.engine.approve(ActivityId.of("INV-1"), reviewer("auditor"), "checked"),
        UnknownActivityException.class, "INV-1", "not in review");
  }

  @Test
  void approvalOfAnUnknownActivity() {
    refused(() -> f.engine.approve(ActivityId.of("INV-404"), reviewer("auditor"), "checked"),
        UnknownActivityException.class, "INV-404", "not recorded");
  }

  @Test
  void aSecondDecisionOnAReviewedActivity() {
    ChannelFixture reviewed = reviewFixture();
    reviewed.engine.record(sale("INV-9", DEALER, Optional.of(REP), T0, "CAB-25", "cables", 100, "1000"));
    reviewed.engine.approve(ActivityId.of("INV-9"), reviewer("auditor"), "checked");
    TrialBalance before = reviewed.ledger.trialBalance();
    Receipt approved = reviewed.engine.receipt(ActivityId.of("INV-9")).orElseThrow();
    int events = reviewed.events.size();

    assertThatThrownBy(() -> reviewed.engine.reject(ActivityId.of("INV-9"), reviewer("auditor-2"), "checked"))
        .isInstanceOf(UnknownActivityException.class).hasMessageContaining("not in review; it is RECORDED");

    assertThat(reviewed.ledger.trialBalance()).isEqualTo(before);
    assertThat(reviewed.engine.receipt(ActivityId.of("INV-9")).orElseThrow()).isEqualTo(approved);
    assertThat(reviewed.events).hasSize(events);
  }

  @Test
  void aBlankReason() {
    refused(() -> f.engine.approve(ActivityId.of("INV-1"), reviewer("auditor"), " "), IllegalArgumentException.class,
        "reason of checker auditor");
  }

  @Test
  void ruleAwardingAMemberOfAnotherPartner() {
    MemberId stranger = rep(DEALERS.get(1), 2);
    ChannelFixture misdirected = fixture(facts -> new RuleOutcome(List.of(Award.of(stranger, 10,
        RuleRef.of("split", "7"), "Shared.")), List.of(), List.of(), List.of(), List.of()));
    State before = state(misdirected);
    assertThatThrownBy(() -> misdirected.engine.record(sale("INV-2", DEALER, Optional.of(REP), T0, "CAB-25", "cables",
        1, "100"))).isInstanceOf(InvalidActivityException.class).hasMessageContaining("split@7")
        .hasMessageContaining("member dealer-b-rep-2 of partner dealer-b, outside the activity's organisation")
        .hasMessageContaining("dist-north");
    assertThat(state(misdirected)).isEqualTo(before);
  }

  @Test
  void ruleAwardingTheParentDistributorIsAccepted() {
    ChannelFixture upward = fixture(facts -> new RuleOutcome(List.of(Award.of(
        ChannelFixture.DISTRIBUTOR, 10, RuleRef.of("override", "1"), "Distributor override.")), List.of(), List.of(),
        List.of(), List.of()));
    assertThat(upward.engine.record(sale("INV-2", DEALER, Optional.of(REP), T0, "CAB-25", "cables", 1, "100"))
        .pointsByParticipant()).containsEntry(ChannelFixture.DISTRIBUTOR, 10L);
  }

  private ChannelFixture reviewFixture() {
    return fixture(facts -> {
      var outcome = new SampleRules().evaluate(facts);
      var flags = List.of(new dev.loyalty.core.rules.RiskFlag(dev.loyalty.core.rules.RiskFlag.Severity.REVIEW,
          "large", RuleRef.of("large-invoice", "1"), "Large invoice."));
      return new RuleOutcome(outcome.awards(), outcome.qualifications(), outcome.badges(), flags, outcome.decisions());
    });
  }

  @Test
  void directoryRefusesDanglingReferences() {
    InMemoryPartnerDirectory directory = PartnerDirectory.inMemory();
    assertThatThrownBy(() -> directory.put(Partner.of(PartnerId.of("d"), "D", PartnerType.DEALER, "north", "IN", INR,
        LocalDate.of(2026, 1, 1)).withParent(PartnerId.of("nobody")))).isInstanceOf(UnknownPartnerException.class)
        .hasMessageContaining("nobody");
  }

  @Test
  void moneyRefusesToMixCurrencies() {
    assertThatThrownBy(() -> dev.loyalty.core.model.Money.of("1", "INR").plus(dev.loyalty.core.model.Money.of("1", "USD")))
        .hasMessage("Currency mismatch: cannot add 1 INR and 1 USD");
    assertThat(dev.loyalty.core.model.Money.of("10.0", "INR")).isEqualTo(dev.loyalty.core.model.Money.of(
        new BigDecimal("10"), INR));
  }
}
