package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.AwardReturn;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.ReviewHold;
import dev.loyalty.core.TierChange;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.rules.Badge;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleDecision;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.rules.TierQualification;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.spi.Together;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ActivityJournal} must do; a host's journal extends it (the in-memory and the
 * PostgreSQL journals do): entries read back equal, with every part of a receipt; an id is filed at
 * most once, also by concurrent writers; returns of an invoice and incomplete entries come in
 * filing order, whatever updates follow; large journals answer the same.
 */
public abstract class ActivityJournalContract {
  private static final Instant T = Instant.parse("2026-07-02T10:00:00.123456789Z");
  private static final RuleRef RULE = RuleRef.of("base-points", "2026-07");

  /** A new, empty journal. */
  protected abstract ActivityJournal createJournal();

  private static Sale sale(String id) {
    return new Sale(ActivityHeader.of(id, "dealer-a", "dealer-a-rep-1", T), Currency.getInstance("INR"),
        List.of(InvoiceLine.of("CAB-25", "cables", 10, "100.50"), InvoiceLine.of("SW-1", "switches", 3, "999.99")));
  }

  private static SaleReturn saleReturn(String id, String invoice) {
    return new SaleReturn(ActivityHeader.of(id, "dealer-a", T.plusSeconds(60)), ActivityId.of(invoice),
        List.of(new ReturnLine("CAB-25", 1)));
  }

  private static JournalEntry entry(Activity activity, boolean complete) {
    Receipt receipt = Receipt.planned(activity.id(), Receipt.Status.RECORDED, T, List.of(), List.of(), List.of(),
        List.of(), List.of(), List.of());
    return new JournalEntry(activity, receipt, complete, 0);
  }

  /** A receipt with something in every part, as an approved review's or a return's would have. */
  private static Receipt everything(ActivityId activity, Receipt.Status status) {
    PartnerId dealer = PartnerId.of("dealer-a");
    MemberId rep = MemberId.of("dealer-a-rep-1");
    List<PostedAward> awards = List.of(
        new PostedAward(dealer, 210, 210, RULE, "1 point per 100 INR on 30000.", Optional.empty(),
            Optional.of(Instant.parse("2027-07-31T18:29:59.999999999Z")), Optional.empty()),
        new PostedAward(rep, 45, 15, RuleRef.of("campaign-bonus:monsoon", "2026-07"), "Monsoon push: 50%.",
            Optional.of(CampaignId.of("monsoon")), Optional.empty(),
            Optional.of("Campaign monsoon's budget had only 15 of the 45 points left.")));
    return new Receipt(activity, status, T, awards, List.of(new AwardReturn(1, rep, 5)), Map.of(rep, 3L, dealer, 7L),
        List.of(RuleDecision.fired(RULE, "Applied."), RuleDecision.notFired(RuleRef.of("mix", "1"), "1 of 3 \"cats\"")),
        List.of(new Badge(dealer, "first-order", RULE, "Your first order.")),
        List.of(new RiskFlag(RiskFlag.Severity.REVIEW, "round-quantity", RuleRef.of("risk", "1"), "Ünïcode ✓", 7)),
        List.of(new TierQualification(rep, TierId.of("silver"), RULE, "A rule says so.")),
        List.of(new TierChange(dealer, Optional.empty(), Optional.of(TierId.of("silver")), "moved up"),
            new TierChange(rep, Optional.of(TierId.of("gold")), Optional.empty(), "moved down")),
        Optional.of(TransactionId.of(41)),
        List.of(ReviewHold.held(HoldId.of(42), AccountId.of("acme:issuance"), AccountId.of("acme:wallet:p:a"), 210),
            ReviewHold.held(HoldId.of(43), AccountId.of("acme:budget:monsoon"), AccountId.of("acme:wallet:m:r"), 15)
                .resolved(ReviewHold.State.POSTED, TransactionId.of(44))),
        status == Receipt.Status.REFUSED ? Optional.of("a balance would overflow") : Optional.empty());
  }

  @Test
  void insertIfAbsentKeepsTheFirstEntry() {
    ActivityJournal journal = createJournal();
    JournalEntry first = entry(sale("INV-1"), false);
    assertThat(journal.insertIfAbsent(first)).isEmpty();
    assertThat(journal.insertIfAbsent(entry(sale("INV-1"), true))).contains(first);
    assertThat(journal.find(ActivityId.of("INV-1"))).contains(first);
    assertThat(journal.find(ActivityId.of("INV-2"))).isEmpty();
  }

  @Test
  void everyPartOfAReceiptAndTheActivityReadBackEqual() {
    ActivityJournal journal = createJournal();
    for (Receipt.Status status : Receipt.Status.values()) {
      Activity activity = status == Receipt.Status.RETURNED ? saleReturn("R-" + status, "INV-1")
          : new TrainingCompleted(new ActivityHeader(ActivityId.of("A-" + status), PartnerId.of("dealer-a"),
              Optional.of(MemberId.of("dealer-a-rep-1")), T), "LED-101");
      JournalEntry entry = new JournalEntry(activity, everything(activity.id(), status), status.ordinal() % 2 == 0,
          status.ordinal());
      journal.insertIfAbsent(entry);
      assertThat(journal.find(activity.id())).contains(entry);
    }
    JournalEntry invoice = new JournalEntry(sale("INV-1"), everything(ActivityId.of("INV-1"), Receipt.Status.RECORDED),
        true, 3);
    journal.insertIfAbsent(invoice);
    assertThat(journal.find(ActivityId.of("INV-1"))).contains(invoice);
    assertThat(journal.returnsOf(ActivityId.of("INV-1"))).extracting(e -> e.activity().id().value())
        .containsExactly("R-RETURNED");
  }

  @Test
  void updateReplacesAndTracksCompletion() {
    ActivityJournal journal = createJournal();
    journal.insertIfAbsent(entry(sale("INV-1"), false));
    journal.insertIfAbsent(entry(sale("INV-2"), false));
    assertThat(journal.incomplete()).hasSize(2);
    JournalEntry done = new JournalEntry(sale("INV-1"), everything(ActivityId.of("INV-1"), Receipt.Status.RECORDED),
        true, 2);
    journal.update(done);
    assertThat(journal.incomplete()).extracting(e -> e.activity().id().value()).containsExactly("INV-2");
    assertThat(journal.find(ActivityId.of("INV-1"))).contains(done);
    // and back to incomplete: a decision filed before its steps run
    JournalEntry reopened = done.planned(done.receipt());
    journal.update(reopened);
    assertThat(journal.incomplete()).extracting(e -> e.activity().id().value()).containsExactly("INV-1", "INV-2");
  }

  @Test
  void forEachHandsOverEveryEntryOnceAsItStands() {
    ActivityJournal journal = createJournal();
    List<String> seen = new ArrayList<>();
    journal.forEach(e -> seen.add(e.activity().id().value()));
    assertThat(seen).isEmpty();
    journal.insertIfAbsent(entry(sale("INV-1"), false));
    journal.insertIfAbsent(entry(sale("INV-2"), true));
    journal.insertIfAbsent(entry(saleReturn("RET-1", "INV-2"), false));
    journal.update(entry(sale("INV-1"), true));
    List<JournalEntry> entries = new ArrayList<>();
    journal.forEach(entries::add);
    assertThat(entries).extracting(e -> e.activity().id().value()).containsExactlyInAnyOrder("INV-1", "INV-2",
        "RET-1");
    assertThat(entries).filteredOn(e -> e.activity().id().value().equals("INV-1")).singleElement()
        .satisfies(e -> assertThat(e.complete()).isTrue());
    assertThat(entries).filteredOn(e -> e.activity().id().value().equals("RET-1")).singleElement()
        .satisfies(e -> assertThat(e.complete()).isFalse());
  }

  @Test
  void updateOfAnUnknownEntryIsRefusedAndFilesNothing() {
    ActivityJournal journal = createJournal();
    assertThatThrownBy(() -> journal.update(entry(sale("INV-9"), true))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("INV-9");
    assertThat(journal.find(ActivityId.of("INV-9"))).isEmpty();
    assertThat(journal.incomplete()).isEmpty();
  }

  @Test
  void returnsOfAnInvoiceComeInFilingOrder() {
    ActivityJournal journal = createJournal();
    journal.insertIfAbsent(entry(sale("INV-1"), true));
    for (String id : List.of("RET-3", "RET-1", "RET-2")) {
      journal.insertIfAbsent(entry(saleReturn(id, "INV-1"), true));
    }
    journal.insertIfAbsent(entry(saleReturn("RET-9", "INV-9"), true));
    journal.update(entry(saleReturn("RET-3", "INV-1"), true)); // an update keeps the filing position
    assertThat(journal.returnsOf(ActivityId.of("INV-1"))).extracting(e -> e.activity().id().value())
        .containsExactly("RET-3", "RET-1", "RET-2");
    assertThat(journal.returnsOf(ActivityId.of("INV-2"))).isEmpty();
  }

  @Test
  void incompleteEntriesComeInFilingOrder_andLeaveWhenCompleted() {
    ActivityJournal journal = createJournal();
    for (String id : List.of("C", "A", "D", "B")) {
      journal.insertIfAbsent(entry(sale(id), false));
    }
    journal.insertIfAbsent(entry(sale("E"), true));
    journal.update(entry(sale("D"), false).completed(entry(sale("D"), false).receipt()));
    assertThat(journal.incomplete()).extracting(e -> e.activity().id().value()).containsExactly("C", "A", "B");
  }

  @Test
  void concurrentInsertsOfOneIdLetExactlyOneIn() throws Exception {
    ActivityJournal journal = createJournal();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Optional<JournalEntry>>> inserted = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      int attempt = i;
      inserted.add(pool.submit(() -> {
        start.await();
        // each writer files its own version of the entry: exactly one is kept, and the others see it
        return journal.insertIfAbsent(new JournalEntry(sale("INV-1"), entry(sale("INV-1"), false).receipt(), false,
            attempt));
      }));
    }
    start.countDown();
    List<JournalEntry> seen = new ArrayList<>();
    int winners = 0;
    for (Future<Optional<JournalEntry>> f : inserted) {
      Optional<JournalEntry> existing = f.get(30, TimeUnit.SECONDS);
      winners += existing.isEmpty() ? 1 : 0;
      existing.ifPresent(seen::add);
    }
    pool.shutdown();
    assertThat(winners).isEqualTo(1);
    JournalEntry kept = journal.find(ActivityId.of("INV-1")).orElseThrow();
    assertThat(seen).allSatisfy(e -> assertThat(e).isEqualTo(kept));
  }

  @Test
  void concurrentWritersOfDifferentEntriesLoseNothing_andEachWritersReturnsKeepTheirOrder() throws Exception {
    ActivityJournal journal = createJournal();
    int threads = 8;
    int each = 40;
    for (int t = 0; t < threads; t++) {
      journal.insertIfAbsent(entry(sale("INV-" + t), true));
    }
    Together.run(threads, 1, thread -> () -> {
      for (int i = 0; i < each; i++) {
        JournalEntry filed = entry(saleReturn("R-" + thread + "-" + i, "INV-" + thread), false);
        assertThat(journal.insertIfAbsent(filed)).isEmpty();
        journal.update(filed.completed(filed.receipt()));
      }
      return null;
    });
    for (int t = 0; t < threads; t++) {
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < each; i++) {
        expected.add("R-" + t + "-" + i);
      }
      assertThat(journal.returnsOf(ActivityId.of("INV-" + t))).extracting(e -> e.activity().id().value())
          .containsExactlyElementsOf(expected);
    }
    assertThat(journal.incomplete()).isEmpty();
  }

  @Test
  void aLargeJournalAnswersAsASmallOne() {
    ActivityJournal journal = createJournal();
    journal.insertIfAbsent(entry(sale("INV-BIG"), true));
    Set<String> incomplete = new HashSet<>();
    List<String> returns = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      boolean complete = i % 7 != 0;
      String id = "A-" + i;
      if (i % 3 == 0) {
        journal.insertIfAbsent(entry(saleReturn(id, "INV-BIG"), complete));
        returns.add(id);
      } else {
        journal.insertIfAbsent(entry(sale(id), complete));
      }
      if (!complete) {
        incomplete.add(id);
      }
    }
    assertThat(journal.returnsOf(ActivityId.of("INV-BIG"))).extracting(e -> e.activity().id().value())
        .containsExactlyElementsOf(returns);
    assertThat(journal.incomplete()).extracting(e -> e.activity().id().value())
        .containsExactlyInAnyOrderElementsOf(incomplete);
    assertThat(journal.find(ActivityId.of("A-999"))).map(e -> e.activity().id().value()).contains("A-999");
  }
}
