package dev.loyalty.core.insights;

import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.insights.InsightsOnPostgresTest.Filter;
import dev.loyalty.core.insights.KpiPropertiesTest.Harness;
import dev.loyalty.core.insights.KpiPropertiesTest.ProgramShape;
import dev.loyalty.core.insights.KpiPropertiesTest.Step;
import dev.loyalty.core.internal.Badges;
import dev.loyalty.core.internal.Journal;
import dev.loyalty.core.internal.insights.InsightsService;
import dev.loyalty.core.internal.insights.StoreReads;
import dev.loyalty.core.internal.journal.EntryFigures;
import dev.loyalty.core.internal.journal.FiguresScan;
import dev.loyalty.core.internal.journal.ReceiptFigures;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.spi.ActivityJournal;
import dev.loyalty.core.spi.JournalEntry;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The in-memory insights read the journal's receipts as figures ({@link ReceiptFigures}: statuses,
 * awards, returns and holds, without rebuilding sentences and decisions). Over {@link
 * KpiPropertiesTest}'s random streams (review holds approved and rejected, returns, redemptions,
 * period closes): the in-memory journal's figures equal, field by field, those of its whole entries;
 * and every insights query answers what it answers when the same stores are read whole entry by
 * whole entry (the path before the figures, and the one any other journal store takes).
 */
class JournalFiguresTest {
  private final KpiPropertiesTest kpis = new KpiPropertiesTest();
  private final InsightsOnPostgresTest answers = new InsightsOnPostgresTest();

  @Provide
  Arbitrary<ProgramShape> programs() {
    return kpis.programs();
  }

  @Provide
  Arbitrary<List<Step>> streams() {
    return kpis.streams();
  }

  @Provide
  Arbitrary<Filter> filters() {
    return answers.filters();
  }

  @Property(tries = 100)
  void theJournalsFiguresAreThoseOfItsWholeEntries_fieldByField(@ForAll("programs") ProgramShape shape,
      @ForAll("streams") List<Step> steps) {
    Harness h = new Harness(shape);
    KpiPropertiesTest.run(h, steps);
    FiguresScan scan = (FiguresScan) h.journal;
    Map<ActivityId, EntryFigures> scanned = new HashMap<>();
    scan.forEachFigures(e -> assertThat(scanned.put(e.activity().id(), e)).isNull());
    Map<ActivityId, JournalEntry> whole = new HashMap<>();
    h.journal.forEach(e -> whole.put(e.activity().id(), e));
    assertThat(scanned.keySet()).isEqualTo(whole.keySet()).containsAll(h.recorded.stream().map(Activity::id).toList());
    whole.forEach((id, entry) -> {
      assertSameFigures(scanned.get(id), entry);
      assertSameFigures(scan.findFigures(id).orElseThrow(), entry);
      List<JournalEntry> returns = h.journal.returnsOf(id);
      List<EntryFigures> returnFigures = scan.returnFiguresOf(id);
      assertThat(returnFigures).hasSameSizeAs(returns);
      for (int i = 0; i < returns.size(); i++) {
        assertSameFigures(returnFigures.get(i), returns.get(i));
      }
    });
    assertThat(scan.findFigures(ActivityId.of("never-recorded"))).isEmpty();
    Map<ActivityId, Receipt.Status> statuses = new HashMap<>();
    scan.forEachCompleteStatus((activity, status) -> assertThat(statuses.put(activity.id(), status)).isNull());
    Map<ActivityId, Receipt.Status> completeStatuses = new HashMap<>();
    whole.forEach((id, entry) -> {
      if (entry.complete()) {
        completeStatuses.put(id, entry.receipt().status());
      }
    });
    assertThat(statuses).isEqualTo(completeStatuses);
    Statistics.label("a return taking points back").collect(whole.values().stream()
        .anyMatch(e -> !e.receipt().returns().isEmpty()));
    Statistics.label("a receipt with review holds").collect(whole.values().stream()
        .anyMatch(e -> !e.receipt().holds().isEmpty()));
    Statistics.label("a campaign award").collect(whole.values().stream()
        .anyMatch(e -> e.receipt().awards().stream().anyMatch(a -> a.campaign().isPresent())));
    Statistics.label("a return taking points back").coverage(c -> c.check(true).count(n -> n > 0));
    Statistics.label("a receipt with review holds").coverage(c -> c.check(true).count(n -> n > 0));
  }

  /** {@code figures} says of each field what {@code entry} and its receipt say. */
  private static void assertSameFigures(EntryFigures figures, JournalEntry entry) {
    Receipt r = entry.receipt();
    ReceiptFigures f = figures.receipt();
    String id = entry.activity().id().value();
    assertThat(figures.activity()).as("activity of %s", id).isEqualTo(entry.activity());
    assertThat(figures.complete()).as("complete %s", id).isEqualTo(entry.complete());
    assertThat(f.status()).as("status of %s", id).isEqualTo(r.status());
    assertThat(f.recordedAt()).as("recordedAt of %s", id).isEqualTo(r.recordedAt());
    assertThat(f.transaction()).as("transaction of %s", id).isEqualTo(r.transaction());
    assertThat(f.awards()).as("awards of %s", id).hasSameSizeAs(r.awards());
    for (int i = 0; i < r.awards().size(); i++) {
      ReceiptFigures.Award a = f.awards().get(i);
      var b = r.awards().get(i);
      String which = id + "'s award " + i;
      assertThat(a.beneficiary()).as("beneficiary of %s", which).isEqualTo(b.beneficiary());
      assertThat(a.requested()).as("requested of %s", which).isEqualTo(b.requested());
      assertThat(a.points()).as("points of %s", which).isEqualTo(b.points());
      assertThat(a.rule()).as("rule of %s", which).isEqualTo(b.rule());
      assertThat(a.campaign()).as("campaign of %s", which).isEqualTo(b.campaign());
      assertThat(a.expiresAt()).as("expiresAt of %s", which).isEqualTo(b.expiresAt());
    }
    assertThat(f.returns()).as("returns of %s", id).isEqualTo(r.returns());
    assertThat(f.holds()).as("holds of %s", id).isEqualTo(r.holds());
  }

  @Property(tries = 60)
  void everyQueryAnswersWhatTheWholeEntriesSay(@ForAll("programs") ProgramShape shape,
      @ForAll("streams") List<Step> steps, @ForAll @IntRange(min = 0, max = 20) int fromDay,
      @ForAll @IntRange(min = 0, max = 60) int days, @ForAll("filters") Filter filter) {
    Harness h = new Harness(shape);
    KpiPropertiesTest.run(h, steps);
    Insights figures = insights(h, h.journal);
    Insights whole = insights(h, new WholeEntries(h.journal));
    InsightsOnPostgresTest.assertSameAnswers(whole, figures, h.now, fromDay, days, filter.of());
    Statistics.label("a return in the journal").collect(h.recorded.stream().anyMatch(SaleReturn.class::isInstance));
  }

  /**
   * The figures are the only read of the journal a report makes: no whole entry is read for the KPIs,
   * a leaderboard by sales, the campaign uplift or a projection.
   */
  @Example
  void theReportsReadNoWholeEntry() {
    Harness h = new Harness(new ProgramShape(5, 1_500, new BigDecimal("0.25")));
    KpiPropertiesTest.run(h, List.of(new KpiPropertiesTest.SaleStep(0, 1, 0, 30, 2000, 0),
        new KpiPropertiesTest.SaleStep(1, 0, 1, 100, 1500, 1), new KpiPropertiesTest.ReviewStep(0, true),
        new KpiPropertiesTest.SaleStep(0, 2, 2, 50, 2500, 11), new KpiPropertiesTest.ReturnStep(2, 60, true),
        new KpiPropertiesTest.ReturnStep(1, 40, false), new KpiPropertiesTest.CloseStep(12)));
    WholeEntries counted = new FiguresToo(h.journal);
    Insights insights = insights(h, counted);
    DateRange stream = DateRange.of(LocalDate.of(2026, 6, 1), h.now.atZone(ZONE)
        .toLocalDate().plusDays(1));
    ProgramKpis k = insights.kpis(stream, ParticipantFilter.everyone());
    insights.leaderboard(LeaderboardQuery.of(LeaderboardQuery.Kind.PARTNERS, LeaderboardQuery.Metric.SALES, stream, 3));
    insights.campaignUplift(dev.loyalty.core.model.CampaignId.of("monsoon"), DateRange.month(YearMonth.of(2026, 6)),
        stream.to());
    assertThat(k.points().takenBack()).isPositive();
    assertThat(counted.wholeReads.get()).isZero();
    // the same reports on the journal's whole entries read them all
    WholeEntries whole = new WholeEntries(h.journal);
    assertThat(insights(h, whole).kpis(stream, ParticipantFilter.everyone())).isEqualTo(k);
    assertThat(whole.wholeReads.get()).isPositive();
  }

  private static Insights insights(Harness h, ActivityJournal journal) {
    return new InsightsService(h.program, h.ledger, h.fixture.directory, h.performance, h.tierHistory,
        new Badges(h.badges), new StoreReads(h.program, h.ledger, new Journal(journal)));
  }

  /** {@code store}'s whole entries only, each read counted: the journal as any store gives it. */
  private static class WholeEntries implements ActivityJournal {
    final ActivityJournal store;
    final AtomicInteger wholeReads = new AtomicInteger();

    WholeEntries(ActivityJournal store) {
      this.store = store;
    }

    @Override
    public Optional<JournalEntry> find(ActivityId activity) {
      wholeReads.incrementAndGet();
      return store.find(activity);
    }

    @Override
    public Optional<JournalEntry> insertIfAbsent(JournalEntry entry) {
      return store.insertIfAbsent(entry);
    }

    @Override
    public void update(JournalEntry entry) {
      store.update(entry);
    }

    @Override
    public List<JournalEntry> returnsOf(ActivityId invoice) {
      wholeReads.incrementAndGet();
      return store.returnsOf(invoice);
    }

    @Override
    public List<JournalEntry> incomplete() {
      return store.incomplete();
    }

    @Override
    public void forEach(Consumer<JournalEntry> action) {
      store.forEach(e -> {
        wholeReads.incrementAndGet();
        action.accept(e);
      });
    }
  }

  /** {@code store} with its figures too, its whole entries' reads counted. */
  private static final class FiguresToo extends WholeEntries implements FiguresScan {
    FiguresToo(ActivityJournal store) {
      super(store);
    }

    @Override
    public void forEachFigures(Consumer<EntryFigures> action) {
      ((FiguresScan) store).forEachFigures(action);
    }

    @Override
    public void forEachCompleteStatus(BiConsumer<Activity, Receipt.Status> action) {
      ((FiguresScan) store).forEachCompleteStatus(action);
    }

    @Override
    public Optional<EntryFigures> findFigures(ActivityId activity) {
      return ((FiguresScan) store).findFigures(activity);
    }

    @Override
    public List<EntryFigures> returnFiguresOf(ActivityId invoice) {
      return ((FiguresScan) store).returnFiguresOf(invoice);
    }
  }
}
