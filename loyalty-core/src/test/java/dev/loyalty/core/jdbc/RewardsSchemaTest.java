package dev.loyalty.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.rewards.CatalogItem;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.CatalogVersion;
import dev.loyalty.core.rewards.ItemText;
import dev.loyalty.core.rewards.ItemTexts;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionAction;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rewards.RedemptionRequest;
import dev.loyalty.core.rewards.RedemptionStatus;
import dev.loyalty.core.rewards.RewardKind;
import dev.loyalty.core.spi.StockCount;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.TransactionId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rewards tables of version 6 refuse, by themselves, the states the stores never write: a DBA's
 * statement or a buggy host writing rows directly cannot file a redemption twice, skip or overwrite a
 * revision, leave a final state, unpay a redemption, take stock below zero or past what was declared,
 * take released units, or give a code to two redemptions. Each refusal changes nothing.
 */
class RewardsSchemaTest {
  private static final Instant T0 = Instant.parse("2026-07-02T04:30:00Z");
  private static final MemberId OWNER = MemberId.of("dealer-a-owner");
  private static final CatalogItem WATCH = CatalogItem.of(CatalogItemId.of("WATCH"),
      new RewardKind.Merchandise(true, Optional.empty()), 1_000, ItemTexts.of(Locale.ENGLISH, ItemText.of("Watch")));

  private DataSource ds;

  @BeforeEach
  void freshDatabase() {
    ds = EngineDatabase.fresh();
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private String one(String query) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private void refused(String statement, String sqlState, String message) throws SQLException {
    String before = everything();
    assertThatThrownBy(() -> sql(statement)).as(statement).isInstanceOfSatisfying(SQLException.class,
        e -> assertThat(e.getSQLState()).isEqualTo(sqlState)).hasMessageContaining(message);
    assertThat(everything()).as("nothing changed by " + statement).isEqualTo(before);
  }

  private String everything() throws SQLException {
    return one("SELECT concat_ws(' | ', (SELECT string_agg(id || ':' || revision || ':' || status || ':' || paid, ',' "
        + "ORDER BY id) FROM loyalty_redemption), (SELECT string_agg(item_id || ':' || reserved || ':' || used, ',') "
        + "FROM loyalty_stock), (SELECT string_agg(redemption_id || ':' || state, ',' ORDER BY redemption_id) "
        + "FROM loyalty_stock_reservation), (SELECT string_agg(code || ':' || coalesce(redemption_id, '-'), ',' "
        + "ORDER BY code) FROM loyalty_code), (SELECT string_agg(pool || ':' || free, ',') FROM loyalty_code_pool))");
  }

  private Redemption filed(String id) {
    Redemption r = Redemption.requested(new RedemptionRequest(RedemptionId.of(id), OWNER, OWNER, WATCH.id(), 1),
        PartnerId.of("dealer-a"), CatalogVersion.of("v1"), WATCH, T0, T0.plusSeconds(3_600));
    JdbcRedemptionStore.using(ds).insertIfAbsent(r);
    return r;
  }

  @Test
  void aRedemptionIdIsFiledOnce() throws SQLException {
    filed("R-1");

    refused("INSERT INTO loyalty_redemption (id, revision, w_kind, wallet_id, partner_id, item_id, status, settled, "
        + "paid, redemption) SELECT id, 0, w_kind, wallet_id, partner_id, item_id, status, settled, paid, redemption "
        + "FROM loyalty_redemption", "23505", "loyalty_redemption_pkey");
  }

  @Test
  void aRevisionMovesByOneOnly_andWhatWasAskedNeverChanges() throws SQLException {
    filed("R-1");

    refused("UPDATE loyalty_redemption SET revision = 2, redemption = jsonb_set(redemption, '{revision}', '2')",
        "23514", "can only be replaced by revision 1, not 2");
    refused("UPDATE loyalty_redemption SET revision = 0", "23514", "can only be replaced by revision 1, not 0");
    refused("UPDATE loyalty_redemption SET revision = 1, redemption = jsonb_set(redemption, '{revision}', '1'), "
        + "wallet_id = 'someone-else'", "23514", "cannot change its id, wallet, partner, item");
    refused("UPDATE loyalty_redemption SET revision = 1, item_id = 'MUG', "
        + "redemption = jsonb_set(redemption, '{revision}', '1')", "23514", "cannot change its id, wallet, partner, item");
  }

  @Test
  void theColumnsAndTheJsonDescribeTheSameVersion() throws SQLException {
    filed("R-1");

    refused("UPDATE loyalty_redemption SET revision = 1", "23514", "loyalty_redemption_check");
    refused("UPDATE loyalty_redemption SET revision = 1, status = 'ORDERED', "
        + "redemption = jsonb_set(redemption, '{revision}', '1')", "23514", "loyalty_redemption_check");
    refused("UPDATE loyalty_redemption SET revision = 1, paid = TRUE, "
        + "redemption = jsonb_set(redemption, '{revision}', '1')", "23514", "loyalty_redemption_check");
  }

  @Test
  void aFinalStateIsLeftOnlyForReturned_andPaidStaysPaid() throws SQLException {
    Redemption r = filed("R-1");
    Redemption fulfilling = r.filing(new RedemptionAction.Fulfil(T0, "ref-1"));
    JdbcRedemptionStore store = JdbcRedemptionStore.using(ds);
    Redemption fulfilled = fulfilling.withHold(HoldId.of(1)).withPayment(TransactionId.of(2))
        .moved(RedemptionStatus.FULFILLED, T0, "fulfilled");
    assertThat(store.replace(r, fulfilling)).isTrue();
    assertThat(store.replace(fulfilling, fulfilled)).isTrue();

    // a status out of FULFILLED, with the JSON to match
    refused("UPDATE loyalty_redemption SET revision = 3, status = 'ORDERED', settled = FALSE, "
        + "redemption = jsonb_set(jsonb_set(redemption, '{revision}', '3'), '{status}', '\"ORDERED\"')", "23514",
        "is FULFILLED and cannot become ORDERED");
    refused("UPDATE loyalty_redemption SET revision = 3, paid = FALSE, "
        + "redemption = jsonb_set(redemption, '{revision}', '3') - 'payment'", "23514",
        "was paid and cannot be unpaid");
    // a redemption still being placed is not settled
    filed("R-2");
    refused("UPDATE loyalty_redemption SET revision = 1, settled = TRUE, "
        + "redemption = jsonb_set(redemption, '{revision}', '1') WHERE id = 'R-2'", "23514", "loyalty_redemption_check");
  }

  @Test
  void stockNeverGoesBelowZeroNorPastWhatWasDeclared() throws SQLException {
    JdbcStockStore stock = JdbcStockStore.using(ds);
    stock.reserve(WATCH.id(), RedemptionId.of("R-1"), 2, OptionalLong.of(3));

    refused("UPDATE loyalty_stock SET reserved = reserved + 2", "23514", "loyalty_stock_check");
    refused("UPDATE loyalty_stock SET reserved = reserved - 3", "23514", "loyalty_stock_reserved_check");
    refused("UPDATE loyalty_stock SET used = -1", "23514", "loyalty_stock_used_check");
    refused("INSERT INTO loyalty_stock (item_id, reserved, used, declared) VALUES ('MUG', 5, 0, 4)", "23514",
        "loyalty_stock_check");
    assertThat(stock.count(WATCH.id())).isEqualTo(new StockCount(2, 0));
  }

  @Test
  void aReservationMovesForwardOnce_releasedUnitsAreNeverTaken() throws SQLException {
    JdbcStockStore stock = JdbcStockStore.using(ds);
    stock.reserve(WATCH.id(), RedemptionId.of("R-1"), 2, OptionalLong.of(3));
    stock.release(RedemptionId.of("R-1"));

    refused("UPDATE loyalty_stock_reservation SET state = 'T'", "23514", "cannot become 2 units of WATCH, T");
    refused("UPDATE loyalty_stock_reservation SET state = 'H'", "23514", "cannot become");
    refused("INSERT INTO loyalty_stock_reservation (redemption_id, item_id, units, state) VALUES ('R-1', 'WATCH', 1, 'H')",
        "23505", "loyalty_stock_reservation_pkey");
    refused("INSERT INTO loyalty_stock_reservation (redemption_id, item_id, units, state) VALUES ('R-2', 'MUG', 1, 'H')",
        "23503", "loyalty_stock_reservation_item_id_fkey");
  }

  @Test
  void aCodeIsInItsPoolOnce_heldByOneRedemption_andAPoolNeverCountsBelowZero() throws SQLException {
    JdbcCodePoolStore codes = JdbcCodePoolStore.using(ds);
    codes.load("amazon-500", List.of("A", "B"));
    codes.claim("amazon-500", RedemptionId.of("R-1"), 1);

    refused("INSERT INTO loyalty_code (pool, code, place) VALUES ('amazon-500', 'A', 99)", "23505",
        "loyalty_code_pkey");
    refused("UPDATE loyalty_code_pool SET free = free - 2", "23514", "loyalty_code_pool_free_check");
    refused("INSERT INTO loyalty_code (pool, code, place) VALUES ('never-loaded', 'C', 1)", "23503",
        "loyalty_code_pool_fkey");
    assertThat(codes.claim("amazon-500", RedemptionId.of("R-1"), 1)).contains(List.of("A"));
  }
}
