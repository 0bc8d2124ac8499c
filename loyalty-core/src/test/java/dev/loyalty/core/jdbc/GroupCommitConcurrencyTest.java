package dev.loyalty.core.jdbc;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.DISTRIBUTOR;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.DuplicateActivityException;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.jdbc.internal.GroupTransactions;
import dev.loyalty.core.json.ActivityJson;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.core.testing.Together;
import dev.loyalty.ledger.TransactionId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Many threads recording at once through the group commit (two lanes of up to eight activities):
 * invoices of the channel's four partners, some by a rep of another dealer (refused), some reusing
 * another invoice's id with other content (one of the two is refused, whichever comes second).
 * Afterwards every activity that returned a receipt is in the journal exactly once with one ledger
 * transaction, none that was refused is, every committed piece of work was counted once by the
 * group commit, and every receipt, wallet, figure and tier equals the in-memory engine recording
 * the journal's activities in the journal's order (each partner's activities are applied in the
 * order they were filed, which is the order their groups committed).
 */
class GroupCommitConcurrencyTest {
  private static final Instant START = LocalDateTime.parse("2026-07-01T09:00").atZone(ZONE).toInstant();
  private static final Instant NOW = START.plusSeconds(30 * 24 * 3_600L);
  private static final Program PROGRAM = ChannelFixture.program(1_000_000_000_000L);
  private static final int THREADS = 8;
  private static final List<PartnerId> PARTNERS = List.of(DEALERS.get(0), DEALERS.get(1), DEALERS.get(2),
      DISTRIBUTOR);

  /** One activity to record: whose, how big, and whether it is refused (another dealer's rep) or reuses an id. */
  record Op(int partner, long quantity, int hour, boolean foreignRep, boolean reusesId) {
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, PARTNERS.size() - 1),
        Arbitraries.longs().between(1, 80), Arbitraries.integers().between(0, 24 * 25),
        Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 9))
        .as((partner, quantity, hour, refuse, reuse) -> new Op(partner, quantity, hour, refuse == 0, reuse == 0));
    return op.list().ofMinSize(16).ofMaxSize(48);
  }

  private static Sale sale(int i, Op op, List<Op> ops) {
    PartnerId partner = PARTNERS.get(op.partner());
    Optional<MemberId> member = partner.equals(DISTRIBUTOR) ? Optional.empty()
        : Optional.of(rep(op.foreignRep() ? PARTNERS.get((op.partner() + 1) % DEALERS.size()) : partner, 1));
    String id = op.reusesId() && i > 0 ? "A-" + (i - 1) : "A-" + i;
    return ChannelFixture.sale(id, partner, member, START.plusSeconds(op.hour() * 3_600L), "SKU-" + op.quantity() % 3,
        "cat-" + op.quantity() % 4, op.quantity(), "1000");
  }

  @Property(tries = 5)
  void concurrentRecordsThroughTheGroupCommit_areEachAppliedOnce_andEqualTheInMemoryEngine(
      @ForAll("ops") List<Op> ops) throws Exception {
    DataSource ds = EngineDatabase.fresh();
    ChannelFixture f = ChannelFixture.onPostgres(NOW, PROGRAM, new SampleRules(), ds, new GroupCommit(2, 8));
    List<Sale> sales = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      sales.add(sale(i, ops.get(i), ops));
    }
    Map<Sale, Object> outcomes = new ConcurrentHashMap<>();
    GroupTransactions.Totals before = GroupTransactions.totals();
    Together.run(THREADS, 5, thread -> () -> {
      for (int i = thread; i < sales.size(); i += THREADS) {
        try {
          outcomes.put(sales.get(i), f.engine.record(sales.get(i)));
        } catch (LoyaltyException e) {
          outcomes.put(sales.get(i), e);
        }
      }
      return null;
    });
    GroupTransactions.Totals after = GroupTransactions.totals();

    List<Activity> journal = journal(ds);
    List<ActivityId> recorded = outcomes.entrySet().stream().filter(e -> e.getValue() instanceof Receipt)
        .map(e -> e.getKey().id()).distinct().toList();
    assertThat(journal.stream().map(Activity::id).toList()).as("each recorded activity filed once, no refused one")
        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(recorded);
    outcomes.forEach((sale, outcome) -> {
      if (outcome instanceof Receipt) {
        assertThat(journal).as("%s recorded as sent", sale.id()).contains(sale);
      } else if (sale.member().isPresent() && !sale.member().get().value().startsWith(sale.partner().value())) {
        assertThat(outcome).as("%s names another dealer's rep", sale.id()).isInstanceOf(LoyaltyException.class);
      } else {
        assertThat(outcome).as("%s: refused only as a reused id", sale.id())
            .isInstanceOf(DuplicateActivityException.class);
      }
    });
    for (Activity a : journal) {
      assertThat(count(ds, "SELECT count(*) FROM ledger_transaction WHERE idempotency_key LIKE '%:activity:"
          + a.id().value() + "'")).as("ledger transactions of %s", a.id()).isLessThanOrEqualTo(1);
    }
    assertThat(after.pieces() - before.pieces()).as("every recorded activity committed once by a group")
        .isEqualTo(journal.size());

    ChannelFixture model = new ChannelFixture(NOW, PROGRAM, new SampleRules());
    for (Activity a : journal) {
      Receipt replayed = model.engine.record(a);
      assertThat(f.engine.receipt(a.id()).orElseThrow().withTransaction(Optional.of(TransactionId.of(1))))
          .as("receipt of %s", a.id()).isEqualTo(replayed.withTransaction(Optional.of(TransactionId.of(1))));
    }
    GroupCommitOnPostgresTest.sameStateAs(model, f);
  }

  /** The journal's activities in filing order. */
  private static List<Activity> journal(DataSource ds) throws SQLException {
    List<Activity> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT activity::text, complete FROM loyalty_journal ORDER BY filed")) {
      while (rs.next()) {
        assertThat(rs.getBoolean(2)).as("every entry complete").isTrue();
        out.add(ActivityJson.parse(rs.getString(1)));
      }
    }
    return out;
  }

  private static long count(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
