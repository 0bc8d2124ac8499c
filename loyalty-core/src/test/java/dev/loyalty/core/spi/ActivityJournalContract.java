package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.spi.ActivityJournal;
import dev.loyalty.core.spi.JournalEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link ActivityJournal} must do; a host's journal extends it. */
public abstract class ActivityJournalContract {
  private static final Instant T = Instant.parse("2026-07-02T10:00:00Z");

  /** A new, empty journal. */
  protected abstract ActivityJournal createJournal();

  private static Sale sale(String id) {
    return new Sale(ActivityHeader.of(id, "dealer-a", T), Currency.getInstance("INR"),
        List.of(InvoiceLine.of("CAB-25", "cables", 10, "100")));
  }

  private static SaleReturn saleReturn(String id, String invoice) {
    return new SaleReturn(ActivityHeader.of(id, "dealer-a", T), ActivityId.of(invoice),
        List.of(new ReturnLine("CAB-25", 1)));
  }

  private static JournalEntry entry(Activity activity, boolean complete) {
    Receipt receipt = Receipt.planned(activity.id(), Receipt.Status.RECORDED, T, List.of(), List.of(), List.of(),
        List.of(), List.of(), List.of());
    return new JournalEntry(activity, receipt, complete, 0);
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
  void updateReplacesAndTracksCompletion() {
    ActivityJournal journal = createJournal();
    journal.insertIfAbsent(entry(sale("INV-1"), false));
    journal.insertIfAbsent(entry(sale("INV-2"), false));
    assertThat(journal.incomplete()).hasSize(2);
    journal.update(entry(sale("INV-1"), true));
    assertThat(journal.incomplete()).extracting(e -> e.activity().id().value()).containsExactly("INV-2");
    assertThat(journal.find(ActivityId.of("INV-1")).orElseThrow().complete()).isTrue();
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
  void updateOfAnUnknownEntryIsRefused() {
    ActivityJournal journal = createJournal();
    assertThatThrownBy(() -> journal.update(entry(sale("INV-9"), true))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("INV-9");
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
  void concurrentInsertsOfOneIdLetExactlyOneIn() throws Exception {
    ActivityJournal journal = createJournal();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Boolean>> inserted = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      inserted.add(pool.submit(() -> journal.insertIfAbsent(entry(sale("INV-1"), false)).isEmpty()));
    }
    int winners = 0;
    for (Future<Boolean> f : inserted) {
      winners += f.get() ? 1 : 0;
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    assertThat(winners).isEqualTo(1);
  }
}
