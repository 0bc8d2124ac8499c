package dev.loyalty.core.jdbc.internal;

import dev.loyalty.core.AwardReturn;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.ReviewHold;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.internal.insights.AwardTiming;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.spi.JournalEntry;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.jdbc.internal.ArrayLiteral;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A journal entry's facts (schema version 7: {@code loyalty_journal_fact}, one row per entry, and
 * {@code loyalty_journal_award}, one row per award of its receipt): what {@code engine.insights()}
 * adds up in SQL ({@link JdbcInsightsReads}), derived from the entry whenever the journal writes it
 * and written by the same statement, so the facts and the entry never disagree. {@link #TAIL} is
 * that statement's end: it follows a {@code WITH entry AS (...)} that yields the written entry's
 * {@code activity_id} (no row when nothing was written) and counts it. Stateless.
 */
public final class JournalFacts {

  /**
   * The rest of the statement after {@code WITH entry AS (INSERT or UPDATE of loyalty_journal
   * RETURNING activity_id)}: the entry's fact row and award rows, inserted or replaced; the count of
   * entries written. Its parameters are bound by {@link #bind}.
   */
  public static final String TAIL = """
      , fact AS (
        INSERT INTO loyalty_journal_fact AS f (activity_id, partner_id, member_id, kind, invoice_id, status, complete,
          held, occurred_ns, posted_ns, sales, hold_from, hold_to, hold_tx, return_award, return_points)
        SELECT activity_id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?::text[], ?::bigint[], ?::integer[], ?::bigint[]
          FROM entry
        ON CONFLICT (activity_id) DO UPDATE SET partner_id = EXCLUDED.partner_id, member_id = EXCLUDED.member_id,
          kind = EXCLUDED.kind, invoice_id = EXCLUDED.invoice_id, status = EXCLUDED.status,
          complete = EXCLUDED.complete, held = EXCLUDED.held, occurred_ns = EXCLUDED.occurred_ns,
          posted_ns = EXCLUDED.posted_ns, sales = EXCLUDED.sales, hold_from = EXCLUDED.hold_from,
          hold_to = EXCLUDED.hold_to, hold_tx = EXCLUDED.hold_tx, return_award = EXCLUDED.return_award,
          return_points = EXCLUDED.return_points),
      gone AS (
        DELETE FROM loyalty_journal_award w USING entry WHERE w.activity_id = entry.activity_id AND w.seq >= ?),
      award AS (
        INSERT INTO loyalty_journal_award AS w (activity_id, seq, status, complete, held, posted_ns, kind,
          participant_id, rule_id, rule_version, campaign_id, points)
        SELECT entry.activity_id, a.n - 1, ?, ?, ?, ?, a.kind, a.id, a.rule, a.version, a.campaign, a.points
          FROM entry CROSS JOIN unnest(?::char(1)[], ?::varchar[], ?::text[], ?::text[], ?::varchar[], ?::bigint[])
               WITH ORDINALITY AS a(kind, id, rule, version, campaign, points, n)
        ON CONFLICT (activity_id, seq) DO UPDATE SET status = EXCLUDED.status, complete = EXCLUDED.complete,
          held = EXCLUDED.held, posted_ns = EXCLUDED.posted_ns, kind = EXCLUDED.kind,
          participant_id = EXCLUDED.participant_id, rule_id = EXCLUDED.rule_id, rule_version = EXCLUDED.rule_version,
          campaign_id = EXCLUDED.campaign_id, points = EXCLUDED.points)
      SELECT count(*) FROM entry
      """;

  private JournalFacts() {
  }

  /**
   * Binds {@link #TAIL}'s parameters, from {@code first} on, to {@code entry}'s facts.
   *
   * @return the index after the last one bound
   */
  public static int bind(PreparedStatement ps, int first, JournalEntry entry) throws SQLException {
    Activity activity = entry.activity();
    Receipt receipt = entry.receipt();
    String status = receipt.status().name();
    boolean held = !receipt.holds().isEmpty();
    java.math.BigDecimal posted = Nanos.of(AwardTiming.postedAt(activity.occurredAt(), receipt.recordedAt()));
    List<ReviewHold> posts = receipt.holds().stream().filter(h -> h.state() == ReviewHold.State.POSTED).toList();
    List<PostedAward> awards = receipt.awards();
    List<AwardReturn> returns = receipt.returns();
    int i = first;
    ps.setString(i++, activity.partner().value());
    ps.setString(i++, activity.member().map(MemberId::value).orElse(null));
    ps.setString(i++, activity.kind());
    ps.setString(i++, activity instanceof SaleReturn r ? r.invoice().value() : null);
    ps.setString(i++, status);
    ps.setBoolean(i++, entry.complete());
    ps.setBoolean(i++, held);
    ps.setBigDecimal(i++, Nanos.of(activity.occurredAt()));
    ps.setBigDecimal(i++, posted);
    ps.setBigDecimal(i++, activity instanceof Sale sale ? sale.total().amount() : null);
    ps.setString(i++, ArrayLiteral.of(posts.stream().map(h -> h.from().value()).toList()));
    ps.setString(i++, ArrayLiteral.of(posts.stream().map(h -> h.to().value()).toList()));
    ps.setString(i++, ArrayLiteral.of(posts.stream()
        .map(h -> h.resolvedBy().map(TransactionId::value).orElse(null)).toList()));
    ps.setString(i++, ArrayLiteral.of(returns.stream().map(AwardReturn::award).toList()));
    ps.setString(i++, ArrayLiteral.of(returns.stream().map(AwardReturn::points).toList()));
    ps.setInt(i++, awards.size());
    ps.setString(i++, status);
    ps.setBoolean(i++, entry.complete());
    ps.setBoolean(i++, held);
    ps.setBigDecimal(i++, posted);
    ps.setString(i++, ArrayLiteral.of(awards.stream()
        .map(a -> a.beneficiary() instanceof PartnerId ? "P" : "M").toList()));
    ps.setString(i++, ArrayLiteral.of(awards.stream().map(a -> a.beneficiary().value()).toList()));
    ps.setString(i++, ArrayLiteral.of(awards.stream().map(a -> a.rule().ruleId()).toList()));
    ps.setString(i++, ArrayLiteral.of(awards.stream().map(a -> a.rule().version()).toList()));
    ps.setString(i++, ArrayLiteral.of(awards.stream()
        .map(a -> a.campaign().map(CampaignId::value).orElse(null)).toList()));
    ps.setString(i++, ArrayLiteral.of(awards.stream().map(PostedAward::points).toList()));
    return i;
  }
}
