package dev.loyalty.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.performance.Contribution;
import dev.loyalty.core.performance.MonthFigures;
import dev.loyalty.core.spi.JournalEntry;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * An activity's contribution to a month's figures, sent with its unit's {@code COMMIT}, sets the
 * month's row to the totals the unit worked out only while the row is the version read: a row
 * another instance added to after the unit read it is added to in the database, not overwritten; a
 * key the unit does not know (a later version's) stays; a total that comes to zero is removed, as
 * the add removes it; two contributions of one unit to one month both count; a contribution with
 * no figures leaves the row as it is. Which way a row was written shows in its JSON: the add in the
 * database keeps a sum's scale ({@code 121.0}), the totals worked out in Java do not ({@code 121}).
 */
class MonthFiguresAtCommitTest {
  private static final Currency INR = Currency.getInstance("INR");
  private static final PartnerId DEALER = PartnerId.of("dealer-a");
  private static final Instant T = Instant.parse("2026-07-02T10:00:00Z");
  private static final YearMonth JULY = YearMonth.of(2026, 7);

  private final DataSource ds = EngineDatabase.fresh();
  private final JdbcActivityJournal journal = JdbcActivityJournal.using(ds);
  private final JdbcPerformanceStore store = JdbcPerformanceStore.using(ds);

  /** Catches a write that sets the totals without checking the row's version (sales 121, not 221). */
  @Test
  void aRowAnotherInstanceAddedToAfterTheUnitReadItIsAddedTo_notOverwritten() {
    store.apply(DEALER, INR, sale("INV-0", "100.5"));
    try (HikariDataSource second = EngineDatabase.secondInstance(2)) {
      JdbcPerformanceStore other = JdbcPerformanceStore.using(second);

      filing("INV-1", () -> {
        // after this unit read the row: another instance's work adds to it and commits
        assertThat(other.apply(DEALER, INR, sale("INV-9", "100"))).isTrue();
        return store.apply(DEALER, INR, sale("INV-1", "20.5"));
      });
    }

    MonthFigures july = store.history(DEALER, INR).months().get(JULY);
    assertThat(july.sales()).isEqualTo(Money.of("221", "INR"));
    assertThat(july.orders()).isEqualTo(3);
    assertThat(july.byCategory()).containsEntry("cables", Money.of("221", "INR"));
  }

  /**
   * Catches a unit that never sends the version it read (every row added to in the database: the
   * sum kept as {@code 121.0}).
   */
  @Test
  void aRowUnchangedSinceTheUnitReadItGetsTheNewTotals_keepingKeysTheUnitDoesNotKnow() throws SQLException {
    store.apply(DEALER, INR, sale("INV-0", "100.5"));
    update("UPDATE loyalty_figures_month SET amounts = amounts || '{\"later:kind\": 7}'::jsonb");

    filing("INV-1", () -> store.apply(DEALER, INR, sale("INV-1", "20.5")));

    MonthFigures july = store.history(DEALER, INR).months().get(JULY);
    assertThat(july.sales()).isEqualTo(Money.of("121", "INR"));
    assertThat(july.orders()).isEqualTo(2);
    assertThat(amounts()).as("set from the totals worked out in Java, a later version's key kept")
        .contains("\"sales\": 121,").contains("\"orders\": 2").contains("\"later:kind\": 7")
        .contains("\"category:cables\": 121");
  }

  /** Catches totals set with a key at zero (the row would keep {@code "category:cables": 0}). */
  @Test
  void aTotalThatComesToZeroIsRemoved() throws SQLException {
    store.apply(DEALER, INR, sale("INV-0", "100.5"));
    store.apply(DEALER, INR, new Contribution(ActivityId.of("INV-0b"), T, JULY, Money.of("10", "INR"),
        Map.of("wires", Money.of("10", "INR")), 1, Optional.empty()));

    filing(List.of("INV-1"), () -> store.apply(DEALER, INR, new Contribution(ActivityId.of("INV-1"), T, JULY,
        Money.of("-100.5", "INR"), Map.of("cables", Money.of("-100.5", "INR")), 0, Optional.empty())));

    assertThat(amounts()).as("the zero total removed").doesNotContain("cables").contains("\"category:wires\": 10")
        .contains("\"orders\": 2");
    MonthFigures july = store.history(DEALER, INR).months().get(JULY);
    assertThat(july.sales()).isEqualTo(Money.of("10", "INR"));
    assertThat(july.byCategory()).containsOnlyKeys("wires");
  }

  /**
   * Two activities filed by one unit, both to the same month: the first sets the row, the second
   * (the row now this unit's version) adds. Catches a version used twice or the second skipped.
   */
  @Test
  void twoContributionsOfOneUnitToOneMonthBothCount() throws SQLException {
    store.apply(DEALER, INR, sale("INV-0", "100.5"));

    filing(List.of("INV-1", "INV-2"), () -> {
      assertThat(store.apply(DEALER, INR, sale("INV-1", "20.5"))).isTrue();
      return store.apply(DEALER, INR, sale("INV-2", "4"));
    });

    MonthFigures july = store.history(DEALER, INR).months().get(JULY);
    assertThat(july.sales()).isEqualTo(Money.of("125", "INR"));
    assertThat(july.orders()).isEqualTo(3);
    assertThat(amounts()).contains("\"orders\": 3");
  }

  /** Catches a contribution without figures that rewrites the row anyway (a new version of it). */
  @Test
  void aContributionWithoutFiguresLeavesTheRowAsItIs() throws SQLException {
    store.apply(DEALER, INR, sale("INV-0", "100.5"));
    String before = version();

    filing("INV-1", () -> store.apply(DEALER, INR, new Contribution(ActivityId.of("INV-1"), T, JULY,
        Money.zero(INR), Map.of(), 0, Optional.empty())));
    store.apply(DEALER, INR, new Contribution(ActivityId.of("INV-2"), T, JULY, Money.zero(INR), Map.of(), 0,
        Optional.empty()));

    assertThat(version()).as("the month's row not written again").isEqualTo(before);
    assertThat(store.history(DEALER, INR).months().get(JULY).sales()).isEqualTo(Money.of("100.5", "INR"));
  }

  /** {@code work} in a unit that looks {@code id} up, files it, reads the dealer's history, as recording does. */
  private <T> T filing(String id, Supplier<T> work) {
    return filing(List.of(id), work);
  }

  private <T> T filing(List<String> ids, Supplier<T> work) {
    return JdbcUnitOfWork.inTransaction(ds, () -> {
      for (String id : ids) {
        assertThat(journal.find(ActivityId.of(id))).isEmpty();
        assertThat(journal.insertIfAbsent(entry(id))).isEmpty();
      }
      store.history(DEALER, INR);
      return work.get();
    });
  }

  private static Contribution sale(String id, String amount) {
    return new Contribution(ActivityId.of(id), T, JULY, Money.of(amount, "INR"),
        Map.of("cables", Money.of(amount, "INR")), 1, Optional.empty());
  }

  private static JournalEntry entry(String id) {
    Sale sale = new Sale(ActivityHeader.of(id, DEALER.value(), T), INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 10, "100.50")));
    return new JournalEntry(sale, Receipt.planned(sale.id(), Receipt.Status.RECORDED, T, List.of(), List.of(),
        List.of(), List.of(), List.of(), List.of()), true, 0);
  }

  private void update(String sql) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }

  private String amounts() throws SQLException {
    return one("SELECT amounts::text FROM loyalty_figures_month WHERE kind = 'P' AND id = ?");
  }

  private String version() throws SQLException {
    return one("SELECT xmin::text FROM loyalty_figures_month WHERE kind = 'P' AND id = ?");
  }

  private String one(String sql) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, DEALER.value());
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        String out = rs.getString(1);
        assertThat(rs.next()).isFalse();
        return out;
      }
    }
  }
}
