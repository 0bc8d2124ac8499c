package dev.loyalty.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.performance.PointTotals;
import dev.loyalty.core.performance.PointsContribution;
import dev.loyalty.core.spi.JournalEntry;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * An activity's earned points, sent with its unit's {@code COMMIT}, set each period row the unit
 * read to the new totals it worked out only while the row is the version read: a row another
 * instance added to after the unit read it is added to in the database, not overwritten; a key the
 * unit does not know (a later version's) stays; a total that comes to zero is removed, as the add
 * removes it; two contributions of one unit to one row both count.
 */
class PeriodTotalsAtCommitTest {
  private static final Currency INR = Currency.getInstance("INR");
  private static final PartnerId DEALER = PartnerId.of("dealer-a");
  private static final Instant T = Instant.parse("2026-07-02T10:00:00Z");
  private static final List<EarningPeriod> PERIODS = EarningPeriod.of(T, ZoneId.of("Asia/Kolkata"),
      MonthDay.of(3, 31));

  private final DataSource ds = EngineDatabase.fresh();
  private final JdbcActivityJournal journal = JdbcActivityJournal.using(ds);
  private final JdbcPerformanceStore store = JdbcPerformanceStore.using(ds);

  @Test
  void aRowAnotherInstanceAddedToAfterTheUnitReadItIsAddedTo_notOverwritten() {
    store.applyPoints(DEALER, INR, points("INV-0", "earn-rate", 5)); // the dealer's period rows exist
    try (HikariDataSource second = EngineDatabase.secondInstance(2)) {
      JdbcPerformanceStore other = JdbcPerformanceStore.using(second);

      filing("INV-1", () -> {
        // after this unit read the rows: another instance's work adds to them and commits
        assertThat(other.applyPoints(DEALER, INR, points("INV-9", "earn-rate", 100))).isTrue();
        return store.applyPoints(DEALER, INR, points("INV-1", "earn-rate", 40));
      });
    }

    for (EarningPeriod period : PERIODS) {
      assertThat(store.history(DEALER, INR).earned().in(period).rule("earn-rate")).as("%s", period)
          .isEqualTo(145);
    }
  }

  @Test
  void aRowUnchangedSinceTheUnitReadItGetsTheNewTotals_keepingKeysTheUnitDoesNotKnow() throws SQLException {
    store.applyPoints(DEALER, INR, points("INV-0", "earn-rate", 5));
    update("UPDATE loyalty_points_period SET totals = totals || '{\"later:kind\": 7}'::jsonb");

    filing("INV-1", () -> store.applyPoints(DEALER, INR, points("INV-1", "earn-rate", 40)));

    for (EarningPeriod period : PERIODS) {
      assertThat(store.history(DEALER, INR).earned().in(period).rule("earn-rate")).isEqualTo(45);
    }
    assertThat(totals()).as("a later version's key kept").allMatch(t -> t.contains("\"later:kind\": 7"));
  }

  @Test
  void aTotalThatComesToZeroIsRemoved_andTwoContributionsOfOneUnitBothCount() throws SQLException {
    store.applyPoints(DEALER, INR, points("INV-0", "earn-rate", 5));
    store.applyPoints(DEALER, INR, points("INV-0b", "bonus", 3));

    filing("INV-1", () -> {
      store.applyPoints(DEALER, INR, points("INV-1", "earn-rate", -5));
      return store.applyPoints(DEALER, INR, new PointsContribution(ActivityId.of("INV-1"),
          PointsContribution.Step.REVIEWED, PERIODS, new PointTotals(Map.of("bonus", 4L), Map.of())));
    });

    assertThat(totals()).as("the zero total removed").noneMatch(t -> t.contains("earn-rate"))
        .allMatch(t -> t.contains("\"rule:bonus\": 7"));
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

  private static PointsContribution points(String id, String rule, long points) {
    return new PointsContribution(ActivityId.of(id), PointsContribution.Step.RECORDED, PERIODS,
        new PointTotals(Map.of(rule, points), Map.of()));
  }

  private static JournalEntry entry(String id) {
    Sale sale = new Sale(ActivityHeader.of(id, DEALER.value(), T), INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 10, "100.50")));
    return new JournalEntry(sale, Receipt.planned(sale.id(), Receipt.Status.RECORDED, T, List.of(), List.of(),
        List.of(), List.of(), List.of(), List.of()), true, 0);
  }

  private void update(String sql) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      assertThat(ps.executeUpdate()).isEqualTo(PERIODS.size());
    }
  }

  private List<String> totals() throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT totals::text FROM loyalty_points_period WHERE kind = 'P' AND id = ?")) {
      ps.setString(1, DEALER.value());
      List<String> out = new java.util.ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      assertThat(out).hasSize(PERIODS.size());
      return out;
    }
  }
}
