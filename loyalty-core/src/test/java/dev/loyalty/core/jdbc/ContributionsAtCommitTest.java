package dev.loyalty.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.performance.Contribution;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.performance.PointTotals;
import dev.loyalty.core.performance.PointsContribution;
import dev.loyalty.core.spi.JournalEntry;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import dev.loyalty.ledger.jdbc.SentStatements;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.MonthDay;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Inside a unit of work that files an activity it looked up and did not find (as recording does,
 * under the partner's lock), the performance store sends that activity's figures and earned points
 * with the unit's {@code COMMIT} instead of in a round trip each, since nothing of the activity can
 * be in the database yet; applied twice in the unit, a contribution still counts once; an overflow
 * is found in Java and rolls the unit back; earned points do not rewrite the participant's row; a
 * contribution of an activity filed before the unit goes
 * at once, as it always did; and should a mark be there after all, the unit fails rather than skip it.
 */
class ContributionsAtCommitTest {
  private static final Currency INR = Currency.getInstance("INR");
  private static final PartnerId DEALER = PartnerId.of("dealer-a");
  private static final Instant T = Instant.parse("2026-07-02T10:00:00Z");
  private static final List<EarningPeriod> PERIODS = EarningPeriod.of(T, ZoneId.of("Asia/Kolkata"),
      MonthDay.of(3, 31));

  private final SentStatements trace = new SentStatements(EngineDatabase.fresh());
  private final DataSource ds = trace.dataSource();
  private final JdbcActivityJournal journal = JdbcActivityJournal.using(ds);
  private final JdbcPerformanceStore store = JdbcPerformanceStore.using(ds);

  private static Contribution sale(String id, String amount) {
    return new Contribution(ActivityId.of(id), T, YearMonth.of(2026, 7), Money.of(amount, "INR"),
        Map.of("cables", Money.of(amount, "INR")), 1, Optional.empty());
  }

  private static PointsContribution points(String id, long points) {
    return new PointsContribution(ActivityId.of(id), PointsContribution.Step.RECORDED, PERIODS,
        new PointTotals(Map.of("earn-rate", points), Map.of()));
  }

  private static JournalEntry entry(String id) {
    Sale sale = new Sale(ActivityHeader.of(id, DEALER.value(), T), INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 10, "100.50")));
    return new JournalEntry(sale, Receipt.planned(sale.id(), Receipt.Status.RECORDED, T, List.of(), List.of(),
        List.of(), List.of(), List.of(), List.of()), true, 0);
  }

  /** {@code work} in a unit that looks {@code id} up, files it, reads the dealer's history, as recording does. */
  private <T> T filing(String id, Supplier<T> work) {
    return JdbcUnitOfWork.inTransaction(ds, () -> {
      assertThat(journal.find(ActivityId.of(id))).isEmpty();
      assertThat(journal.insertIfAbsent(entry(id))).isEmpty();
      store.history(DEALER, INR);
      return work.get();
    });
  }

  @Test
  void theContributionsOfAnActivityTheUnitFilesGoWithItsCommit_andCountOnceThoughAppliedTwice() {
    store.apply(DEALER, INR, sale("INV-0", "100")); // the dealer's rows exist
    trace.clear();

    List<Boolean> applied = filing("INV-1", () -> {
      List<Boolean> out = List.of(store.apply(DEALER, INR, sale("INV-1", "250")),
          store.applyPoints(DEALER, INR, points("INV-1", 40)), store.apply(DEALER, INR, sale("INV-1", "250")),
          store.applyPoints(DEALER, INR, points("INV-1", 40)));
      assertThat(trace.sent()).as("nothing of the contributions sent before the commit: %s", trace.sent())
          .noneMatch(s -> s.contains("loyalty_figures_applied") || s.contains("loyalty_points_applied"));
      assertThat(store.history(DEALER, INR).months().get(YearMonth.of(2026, 7)).sales())
          .as("the unit sees its own contribution").isEqualTo(Money.of("350", "INR"));
      return out;
    });

    assertThat(applied).containsExactly(true, true, false, false);
    String commit = trace.sent().get(trace.sent().size() - 1);
    assertThat(commit).endsWith("COMMIT").contains("INSERT INTO loyalty_figures_applied")
        .contains("INSERT INTO loyalty_points_applied").contains("INSERT INTO loyalty_journal");
    assertThat(commit.split("loyalty_figures_applied", -1)).as("one figures' write").hasSize(2);
    assertThat(store.history(DEALER, INR).months().get(YearMonth.of(2026, 7)).sales())
        .isEqualTo(Money.of("350", "INR"));
    assertThat(store.history(DEALER, INR).earned().in(PERIODS.get(0)).rule("earn-rate")).isEqualTo(40);
    assertThat(store.apply(DEALER, INR, sale("INV-1", "250"))).as("marked as applied").isFalse();
    assertThat(store.applyPoints(DEALER, INR, points("INV-1", 40))).as("marked as applied").isFalse();
  }

  @Test
  void earnedPointsAtCommitLeaveTheParticipantRowAsItIs_butCreateItIfNeeded() {
    store.apply(DEALER, INR, sale("INV-0", "100"));
    String version = rowVersion(DEALER);

    filing("INV-1", () -> store.applyPoints(DEALER, INR, points("INV-1", 40)));

    assertThat(rowVersion(DEALER)).as("the row was not rewritten").isEqualTo(version);
    PartnerId other = PartnerId.of("dealer-b");
    JdbcUnitOfWork.inTransaction(ds, () -> {
      journal.find(ActivityId.of("INV-2"));
      journal.insertIfAbsent(entry("INV-2"));
      store.history(other, INR);
      return store.applyPoints(other, INR, points("INV-2", 7));
    });
    assertThat(store.participants()).contains(other);
    assertThat(store.history(other, INR).earned().in(PERIODS.get(0)).rule("earn-rate")).isEqualTo(7);
  }

  /** The participant row's version ({@code xmin}): a write of the row changes it. */
  private String rowVersion(PartnerId partner) {
    try (java.sql.Connection c = ds.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
        "SELECT xmin::text FROM loyalty_participant WHERE kind = 'P' AND id = ?")) {
      ps.setString(1, partner.value());
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aContributionOfAnActivityFiledBeforeTheUnitIsSentAtOnce() {
    journal.insertIfAbsent(entry("INV-1"));
    store.apply(DEALER, INR, sale("INV-1", "250"));
    trace.clear();

    boolean again = JdbcUnitOfWork.inTransaction(ds, () -> {
      assertThat(journal.find(ActivityId.of("INV-1"))).isPresent();
      store.history(DEALER, INR);
      boolean out = store.apply(DEALER, INR, sale("INV-1", "250"));
      assertThat(trace.sent()).anyMatch(s -> s.contains("loyalty_figures_applied") && !s.endsWith("COMMIT"));
      return out;
    });

    assertThat(again).as("applied before the unit").isFalse();
    assertThat(store.history(DEALER, INR).months().get(YearMonth.of(2026, 7)).sales())
        .isEqualTo(Money.of("250", "INR"));
  }

  @Test
  void anOverflowIsFoundBeforeAnythingIsWritten_andRollsTheUnitBackEvenIfTheCallerCatchesIt() {
    store.applyPoints(DEALER, INR, points("INV-0", Long.MAX_VALUE));

    assertThatThrownBy(() -> filing("INV-1", () -> {
      try {
        store.applyPoints(DEALER, INR, points("INV-1", 1));
      } catch (ArithmeticException caught) {
        // a careless caller goes on
      }
      return null;
    })).isInstanceOf(RuntimeException.class);

    assertThat(journal.find(ActivityId.of("INV-1"))).as("nothing of the unit committed").isEmpty();
    assertThat(store.history(DEALER, INR).earned().in(PERIODS.get(0)).rule("earn-rate")).isEqualTo(Long.MAX_VALUE);
    store.applyPoints(DEALER, INR, points("INV-2", -10));
    assertThat(store.applyPoints(DEALER, INR, points("INV-1", 1))).as("INV-1 was not marked applied").isTrue();
  }

  @Test
  void aMarkThereAfterAllFailsTheUnitInsteadOfBeingSkipped() {
    // a host applied a contribution under an id the journal does not hold: the unit's assumption is wrong
    store.apply(DEALER, INR, sale("INV-1", "250"));

    assertThatThrownBy(() -> filing("INV-1", () -> store.apply(DEALER, INR, sale("INV-1", "250"))))
        .isInstanceOf(RuntimeException.class);

    assertThat(journal.find(ActivityId.of("INV-1"))).as("nothing of the unit committed").isEmpty();
    assertThat(store.history(DEALER, INR).months().get(YearMonth.of(2026, 7)).sales().amount())
        .isEqualByComparingTo(new BigDecimal("250"));
  }
}
