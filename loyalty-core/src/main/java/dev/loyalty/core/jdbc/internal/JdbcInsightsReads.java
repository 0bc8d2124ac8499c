package dev.loyalty.core.jdbc.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.insights.DateRange;
import dev.loyalty.core.internal.ReturnPlanner;
import dev.loyalty.core.internal.insights.ActivityFacts;
import dev.loyalty.core.internal.insights.AwardTiming;
import dev.loyalty.core.internal.insights.InsightsReads;
import dev.loyalty.core.internal.insights.WalletFlow;
import dev.loyalty.core.internal.insights.WalletFlows;
import dev.loyalty.core.json.ActivityJson;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import javax.sql.DataSource;

/**
 * {@link InsightsReads} as SQL aggregates in the engine's PostgreSQL database: the journal's sums
 * from the facts the journal store keeps beside each entry ({@code loyalty_journal_fact}, {@code
 * loyalty_journal_award}, schema version 7), the wallets' from the ledger's tables ({@code
 * ledger_account_entry}, one row per account and transaction with the net amount it posted there and
 * the transaction's effective time, and {@code ledger_transaction}'s type). The sums are those of {@code
 * StoreReads} to the point: the same definitions, checked against it on random streams. Only the
 * returns of a period (the sales they take off need the invoice's lines) and the awards approved in
 * review (they count by the hold that paid them) are read row by row, and finished in Java with the
 * engine's own rules. The journal's sums of one call are read in one snapshot. Thread-safe.
 */
public final class JdbcInsightsReads implements InsightsReads {

  /** Who was active in a period, who trained or certified, and what the period's sales came to. */
  private static final String PARTICIPATION = """
      SELECT partner_id, member_id, kind, count(*), sum(sales) FROM loyalty_journal_fact
       WHERE complete AND status = 'RECORDED' AND occurred_ns >= ? AND occurred_ns < ?
       GROUP BY partner_id, member_id, kind
      """;

  /**
   * Every invoice with a return in the period that counts: the invoice's activity, then each of its
   * returns in filing order, marked when it is one that counts.
   */
  private static final String RETURNS = """
      WITH invoice AS (
        SELECT DISTINCT invoice_id FROM loyalty_journal_fact
         WHERE kind = 'return' AND complete AND status = 'RETURNED' AND occurred_ns >= ? AND occurred_ns < ?)
      SELECT i.invoice_id, 0 AS part, 0 AS filed, j.activity::text, FALSE AS counts
        FROM invoice i JOIN loyalty_journal j ON j.activity_id = i.invoice_id
      UNION ALL
      SELECT i.invoice_id, 1, j.filed, j.activity::text,
             f.complete AND f.status = 'RETURNED' AND f.occurred_ns >= ? AND f.occurred_ns < ?
        FROM invoice i JOIN loyalty_journal j ON j.invoice_id = i.invoice_id
        JOIN loyalty_journal_fact f ON f.activity_id = j.activity_id
       ORDER BY 1, 2, 3
      """;

  /** The points of the awards posted in the period with their activity (not approved in review). */
  private static final String AWARDED = """
      SELECT kind, participant_id, rule_id, rule_version, campaign_id, sum(points) FROM loyalty_journal_award
       WHERE complete AND status = 'RECORDED' AND NOT held AND points <> 0 AND posted_ns >= ? AND posted_ns < ?
       GROUP BY kind, participant_id, rule_id, rule_version, campaign_id
      """;

  /** The awards of recorded entries that went through review, with their entry's posted holds and when each was posted. */
  private static final String HELD = """
      SELECT f.activity_id, f.posted_ns, f.hold_from, f.hold_to,
             ARRAY(SELECT t.effective_at_ns FROM unnest(f.hold_tx) WITH ORDINALITY AS h(tx, n)
                     LEFT JOIN ledger_transaction t ON t.id = h.tx ORDER BY h.n),
             w.kind, w.participant_id, w.rule_id, w.rule_version, w.campaign_id, w.points
        FROM loyalty_journal_fact f JOIN loyalty_journal_award w ON w.activity_id = f.activity_id
       WHERE f.complete AND f.status = 'RECORDED' AND f.held AND w.points <> 0
      """;

  /** The points returns took back in the period, by the invoice's award they took back from. */
  private static final String TAKEN_BACK = """
      SELECT w.kind, w.participant_id, w.rule_id, w.rule_version, w.campaign_id, sum(r.points)
        FROM loyalty_journal_fact f CROSS JOIN LATERAL unnest(f.return_award, f.return_points) AS r(award, points)
        JOIN loyalty_journal_award w ON w.activity_id = f.invoice_id AND w.seq = r.award
       WHERE f.complete AND f.status = 'RETURNED' AND f.posted_ns >= ? AND f.posted_ns < ?
       GROUP BY w.kind, w.participant_id, w.rule_id, w.rule_version, w.campaign_id
      """;

  /**
   * The wallets' flows: each wallet's non-zero amounts effective before the last boundary, by bucket
   * and by {@link WalletFlow.Movement#kindOf}'s kind, tested in its order; the transactions that
   * moved the clearing account's points, or a paying account's, found once. The wallets are a join (not an
   * {@code = ANY} list, which a generic plan would search one by one for every entry).
   */
  private static final String FLOWS = """
      WITH side AS (
        SELECT transaction_id, bool_or(account_id = ?) AS clearing, bool_or(account_id <> ?) AS paying
          FROM ledger_account_entry WHERE account_id = ANY (?) AND amount <> 0
         GROUP BY transaction_id)
      SELECT e.account_id, width_bucket(e.effective_at_ns, ?::numeric[]),
             CASE WHEN t.type = 'EXPIRY' THEN 'EXPIRED'
                  WHEN s.clearing THEN 'REDEEMED'
                  WHEN s.paying AND t.type = 'REVERSAL' THEN 'TAKEN_BACK'
                  WHEN s.paying AND e.amount > 0 AND t.type IN ('TRANSFER', 'HOLD_POST') THEN 'ISSUED'
                  ELSE 'OTHER' END,
             sum(e.amount), sum(LEAST(e.amount, 0))
        FROM unnest(?::varchar[]) AS w(id)
        JOIN ledger_account_entry e ON e.account_id = w.id
        JOIN ledger_transaction t ON t.id = e.transaction_id
        LEFT JOIN side s ON s.transaction_id = e.transaction_id
       WHERE e.amount <> 0 AND e.effective_at_ns < ?
       GROUP BY 1, 2, 3
      """;

  /**
   * Every wallet's posted amounts before the last boundary, summed per bucket: the entries alone,
   * which carry their transaction's effective time (the ledger's schema version 6).
   */
  private static final String CHANGES = """
      SELECT width_bucket(e.effective_at_ns, ?::numeric[]), sum(e.amount) FROM ledger_account_entry e
       WHERE (e.account_id LIKE ? ESCAPE '\\' OR e.account_id LIKE ? ESCAPE '\\') AND e.amount <> 0
         AND e.effective_at_ns < ?
       GROUP BY 1
      """;

  private final Database db;
  private final Program program;
  private final WalletFlow flows;

  /** Reads of {@code program}'s stores in the database of {@code dataSource} (migrated). */
  public JdbcInsightsReads(DataSource dataSource, Program program) {
    this.db = new Database(requireNonNull(dataSource, "dataSource"), "insights");
    this.program = requireNonNull(program, "program");
    this.flows = new WalletFlow(program);
  }

  @Override
  public ActivityFacts activities(DateRange period, Set<Part> parts) {
    BigDecimal start = Nanos.of(period.start(program.zone()));
    BigDecimal end = Nanos.of(period.end(program.zone()));
    db.run(c -> null);   // the schema check, which must not come first in the snapshot below
    boolean own = JdbcUnitOfWork.current(db.dataSource()).isEmpty();
    return db.run(c -> {
      if (own) {
        try (Statement s = c.createStatement()) {
          s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
      }
      ActivityFacts facts = new ActivityFacts();
      if (parts.contains(Part.PARTICIPATION) || parts.contains(Part.SALES)) {
        participation(c, start, end, facts);
      }
      if (parts.contains(Part.SALES)) {
        returns(c, start, end, facts);
      }
      if (parts.contains(Part.COSTS)) {
        costs(c, start, end, facts);
      }
      return facts;
    });
  }

  private static void participation(Connection c, BigDecimal start, BigDecimal end, ActivityFacts facts)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(PARTICIPATION)) {
      ps.setBigDecimal(1, start);
      ps.setBigDecimal(2, end);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          PartnerId partner = PartnerId.of(rs.getString(1));
          Optional<MemberId> member = Optional.ofNullable(rs.getString(2)).map(MemberId::of);
          facts.active(partner);
          member.ifPresent(facts::active);
          ParticipantId learner = member.<ParticipantId>map(m -> m).orElse(partner);
          switch (rs.getString(3)) {
            case "training" -> facts.trainings(learner, rs.getLong(4));
            case "certification" -> facts.certifications(learner, rs.getLong(4));
            case "sale" -> {
              BigDecimal sales = rs.getBigDecimal(5);
              facts.sales(partner, sales);
              member.ifPresent(m -> facts.sales(m, sales));
            }
            default -> {
              // active, nothing else to count
            }
          }
        }
      }
    }
  }

  /** What the period's returns took off their invoices, by {@link ReturnPlanner#salesDrop}. */
  private static void returns(Connection c, BigDecimal start, BigDecimal end, ActivityFacts facts)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(RETURNS)) {
      ps.setBigDecimal(1, start);
      ps.setBigDecimal(2, end);
      ps.setBigDecimal(3, start);
      ps.setBigDecimal(4, end);
      Sale sale = null;
      List<SaleReturn> returns = new ArrayList<>();
      List<SaleReturn> counted = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Activity activity = ActivityJson.parse(rs.getString(4));
          if (rs.getInt(2) == 0) {
            drops(sale, returns, counted, facts);
            sale = (Sale) activity;
            returns.clear();
            counted.clear();
          } else {
            if (sale == null || !sale.id().value().equals(rs.getString(1))) {
              throw new IllegalStateException("return " + activity.id() + " names invoice " + rs.getString(1)
                  + ", which is not in the journal");
            }
            returns.add((SaleReturn) activity);
            if (rs.getBoolean(5)) {
              counted.add((SaleReturn) activity);
            }
          }
        }
      }
      drops(sale, returns, counted, facts);
    }
  }

  private static void drops(Sale sale, List<SaleReturn> returns, List<SaleReturn> counted, ActivityFacts facts) {
    if (sale == null) {
      return;
    }
    for (SaleReturn r : counted) {
      BigDecimal drop = ReturnPlanner.salesDrop(r, sale, returns).amount().negate();
      facts.sales(r.partner(), drop);
      r.member().ifPresent(m -> facts.sales(m, drop));
    }
  }

  private void costs(Connection c, BigDecimal start, BigDecimal end, ActivityFacts facts) throws SQLException {
    sumByCostKey(c, AWARDED, start, end, facts::awarded);
    sumByCostKey(c, TAKEN_BACK, start, end, facts::takenBack);
    Instant from = Nanos.instant(start);
    Instant to = Nanos.instant(end);
    try (PreparedStatement ps = c.prepareStatement(HELD); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        List<AwardTiming.PostedHold> posts = new ArrayList<>();
        String[] holdFrom = strings(rs.getArray(3));
        String[] holdTo = strings(rs.getArray(4));
        Object[] postedAt = (Object[]) rs.getArray(5).getArray();
        for (int i = 0; i < holdFrom.length; i++) {
          posts.add(new AwardTiming.PostedHold(AccountId.of(holdFrom[i]), AccountId.of(holdTo[i]),
              Optional.ofNullable((BigDecimal) postedAt[i]).map(Nanos::instant)));
        }
        ActivityFacts.CostKey key = costKey(rs, 6);
        Instant at = AwardTiming.awardedAt(program.accounts(), Nanos.instant(rs.getBigDecimal(2)), true, posts,
            key.beneficiary(), key.campaign());
        if (!at.isBefore(from) && at.isBefore(to)) {
          facts.awarded(key, rs.getLong(11));
        }
      }
    }
  }

  /** Hands each row of {@code sql} over {@code [start, end)} to {@code action}: its cost key and its points. */
  private static void sumByCostKey(Connection c, String sql, BigDecimal start, BigDecimal end,
      BiConsumer<ActivityFacts.CostKey, Long> action) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setBigDecimal(1, start);
      ps.setBigDecimal(2, end);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          action.accept(costKey(rs, 1), rs.getLong(6));
        }
      }
    }
  }

  /** The beneficiary, rule and campaign in columns {@code first} to {@code first + 4}. */
  private static ActivityFacts.CostKey costKey(ResultSet rs, int first) throws SQLException {
    return new ActivityFacts.CostKey(Participants.read(rs, first), new RuleRef(rs.getString(first + 2),
        rs.getString(first + 3)), Optional.ofNullable(rs.getString(first + 4)).map(CampaignId::of));
  }

  private static String[] strings(Array array) throws SQLException {
    Object[] values = (Object[]) array.getArray();
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (String) values[i];
    }
    return out;
  }

  @Override
  public WalletFlows walletFlows(Set<AccountId> wallets, List<Instant> boundaries) {
    return db.run(c -> {
      WalletFlows out = new WalletFlows();
      try (PreparedStatement ps = c.prepareStatement(FLOWS)) {
        List<String> sides = new ArrayList<>();
        sides.add(flows.clearing().value());
        flows.payers().forEach(p -> sides.add(p.value()));
        ps.setString(1, flows.clearing().value());
        ps.setString(2, flows.clearing().value());
        ps.setArray(3, c.createArrayOf("varchar", sides.toArray()));
        ps.setArray(4, c.createArrayOf("numeric", boundaries.stream().map(Nanos::of).toArray()));
        ps.setArray(5, c.createArrayOf("varchar", wallets.stream().map(AccountId::value).toArray()));
        ps.setBigDecimal(6, Nanos.of(boundaries.get(boundaries.size() - 1)));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            AccountId wallet = AccountId.of(rs.getString(1));
            if (program.accounts().walletOwner(wallet).isPresent()) {
              out.add(wallet, rs.getInt(2), WalletFlow.Kind.valueOf(rs.getString(3)), rs.getLong(4), rs.getLong(5));
            }
          }
        }
      }
      return out;
    });
  }

  @Override
  public Map<Integer, Long> walletChanges(List<Instant> boundaries) {
    return db.run(c -> {
      Map<Integer, Long> out = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(CHANGES)) {
        ps.setArray(1, c.createArrayOf("numeric", boundaries.stream().map(Nanos::of).toArray()));
        // the accounts ProgramAccounts.walletOwner recognises
        ps.setString(2, likePrefix(program.accounts().prefix() + ":wallet:partner:"));
        ps.setString(3, likePrefix(program.accounts().prefix() + ":wallet:member:"));
        ps.setBigDecimal(4, Nanos.of(boundaries.get(boundaries.size() - 1)));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getInt(1), rs.getLong(2));
          }
        }
      }
      return out;
    });
  }

  /** A LIKE pattern for the strings that start with {@code prefix}. */
  private static String likePrefix(String prefix) {
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
