package dev.loyalty.core.jdbc;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.jdbc.internal.Database;
import dev.loyalty.core.jdbc.internal.EarnedTotals;
import dev.loyalty.core.jdbc.internal.FigureAmounts;
import dev.loyalty.core.jdbc.internal.NewActivities;
import dev.loyalty.core.jdbc.internal.Nanos;
import dev.loyalty.core.jdbc.internal.ParticipantRows;
import dev.loyalty.core.jdbc.internal.Participants;
import dev.loyalty.core.jdbc.internal.PrefetchedReads;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.performance.Contribution;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.performance.ParticipantHistory;
import dev.loyalty.core.performance.PointTotals;
import dev.loyalty.core.performance.PointsContribution;
import dev.loyalty.core.performance.TierStanding;
import dev.loyalty.core.spi.PerformanceStore;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@link PerformanceStore} in PostgreSQL: a participant row ({@code loyalty_participant}: its
 * currency, last activity and tier standing), one row per calendar month with the month's totals by
 * key ({@code loyalty_figures_month}, see {@code FigureAmounts}), the certifications, and the
 * activities applied. {@link #apply} (and {@link #applyPoints}, for earned points by period) is one
 * statement: it marks the activity applied (a mark that
 * exists already means it was, and nothing is added) and adds its totals to the month in the
 * database, so concurrent contributions to one participant, from any number of instances, are all
 * counted exactly once. Joins the calling thread's {@code JdbcUnitOfWork} on the same data source,
 * and within one unit reads a participant's history and standing once, in one statement (until it
 * changes them), and saves a standing with the unit's {@code COMMIT}; so too the contributions of an
 * activity the unit files itself ({@code NewActivities}), which cannot have been applied before. Thread-safe.
 */
public final class JdbcPerformanceStore implements PerformanceStore {

  /**
   * The participant row (locked for the rest of the statement by the upsert) and whether the
   * currency fits: the start of {@link #APPLY_SQL} and {@link #APPLY_AT_COMMIT_SQL}, which go on
   * with the mark ({@code MARK_CONFLICT} says what a mark already there does), the month's totals
   * and the certification. The latest activity and the longest validity are the same however often
   * they are applied.
   */
  private static final String APPLY_HEAD = """
      WITH part AS (
        INSERT INTO loyalty_participant AS t (kind, id, currency, last_activity_ns) VALUES (?, ?, ?, ?)
        ON CONFLICT (kind, id) DO UPDATE SET
          currency = COALESCE(t.currency, excluded.currency),
          last_activity_ns = CASE WHEN COALESCE(t.currency, excluded.currency) = excluded.currency
            THEN GREATEST(t.last_activity_ns, excluded.last_activity_ns) ELSE t.last_activity_ns END
        RETURNING t.kind, t.id, t.currency),
      fits AS (SELECT kind, id FROM part WHERE currency = ?),
      mark AS (
        INSERT INTO loyalty_figures_applied (kind, id, activity_id) SELECT kind, id, ? FROM fits MARK_CONFLICT
        RETURNING kind, id),
      added AS (
        INSERT INTO loyalty_figures_month AS m (kind, id, month, amounts) SELECT kind, id, ?, ?::jsonb FROM mark
        ON CONFLICT (kind, id, month) DO UPDATE SET amounts = MONTH_SUM WHERE excluded.amounts <> '{}'::jsonb)
      """;

  /** How {@link #APPLY_SQL} adds a contribution to its month's row: in the database, key by key. */
  private static final String MONTH_ADD = "loyalty_add_amounts(m.amounts, excluded.amounts)";

  /**
   * How {@link #APPLY_AT_COMMIT_SQL} writes a contribution to its month's row: the new totals of
   * its keys, worked out by the unit from the row it read under the partner's lock, set ({@code
   * ||}, keys it does not touch kept) if the row is still the version read ({@code xmin}; the
   * second parameter, null for none); otherwise (another instance's work on a participant it
   * shares changed it since, or this unit did, or a total comes to zero) added in the database.
   */
  private static final String MONTH_SET = "COALESCE((SELECT m.amounts || ?::jsonb WHERE m.xmin::text = ?::text), "
      + MONTH_ADD + ")";

  /** The certification, if the contribution carries one (the end of both apply statements). */
  private static final String CERTIFY = """
      INSERT INTO loyalty_certification AS x (kind, id, code, valid_until)
        SELECT kind, id, ?, ? FROM fits WHERE ?::text IS NOT NULL
        ON CONFLICT (kind, id, code) DO UPDATE SET valid_until = CASE
          WHEN x.valid_until IS NULL OR excluded.valid_until IS NULL THEN NULL
          ELSE GREATEST(x.valid_until, excluded.valid_until) END""";

  /**
   * A contribution in one statement: the participant row, the applied mark if the currency fits (a
   * mark already there: nothing is added), the month's totals if the mark is new, and the
   * certification; returns the participant's currency and whether the mark was new.
   */
  private static final String APPLY_SQL = APPLY_HEAD.replace("MARK_CONFLICT", "ON CONFLICT DO NOTHING")
      .replace("MONTH_SUM", MONTH_ADD) + ", certified AS (" + CERTIFY + ") SELECT (SELECT currency FROM part), (SELECT count(*) FROM mark)";

  /**
   * {@link #APPLY_SQL} for an activity that the caller's unit files itself ({@code NewActivities}),
   * sent with the unit's {@code COMMIT}: the currency is known to fit (the unit read the participant
   * under the partner's lock) and the mark to be new, so the mark is a plain insert (a mark there
   * after all fails the unit rather than being skipped), the month's row gets the totals the unit
   * worked out while it is the version read ({@link #MONTH_SET}), and nothing is returned.
   */
  private static final String APPLY_AT_COMMIT_SQL = APPLY_HEAD.replace("MARK_CONFLICT", "")
      .replace("MONTH_SUM", MONTH_SET) + CERTIFY;

  /**
   * Locks the participant row for the rest of the transaction, creating it (in {@code currency},
   * with no activity yet) if there is none, so that contributions of points to one participant,
   * from any number of threads and instances, are added one after the other.
   */
  /**
   * A contribution of earned points in one statement: the participant row (locked for the rest of
   * the transaction by the upsert, so one participant's contributions from any instance apply one
   * at a time), the (activity, step) mark if it is new, and its points added to each of its periods
   * only if the mark is new; returns whether it was and the periods' new totals, which the caller
   * checks for overflow (an overflow throws, and the transaction rolls back, mark included).
   */
  private static final String APPLY_POINTS_SQL = """
      WITH part AS (
        INSERT INTO loyalty_participant AS t (kind, id, currency) VALUES (?, ?, ?)
        ON CONFLICT (kind, id) DO UPDATE SET currency = COALESCE(t.currency, excluded.currency)
        RETURNING t.kind, t.id),
      mark AS (
        INSERT INTO loyalty_points_applied (kind, id, activity_id, step) SELECT kind, id, ?, ? FROM part
        ON CONFLICT DO NOTHING RETURNING kind, id),
      added AS (
        INSERT INTO loyalty_points_period AS p (kind, id, period_kind, first_day, last_day, totals)
        SELECT m.kind, m.id, u.period_kind, u.first_day, u.last_day, ?::jsonb
          FROM mark m CROSS JOIN unnest(?::char(1)[], ?::date[], ?::date[]) AS u(period_kind, first_day, last_day)
        ON CONFLICT (kind, id, period_kind, first_day) DO UPDATE SET totals = loyalty_add_amounts(p.totals, excluded.totals)
        RETURNING p.totals)
      SELECT (SELECT count(*) FROM mark), (SELECT array_agg(totals::text) FROM added)
      """;

  /**
   * {@link #APPLY_POINTS_SQL} for an activity that the caller's unit files itself, sent with the
   * unit's {@code COMMIT}: the totals were checked for overflow in Java, on the participant's
   * earned points the unit read under the partner's lock, so the participant row is not locked (nor
   * rewritten: it is created, or given its currency, only if it needs to be); the mark is a plain
   * insert, as in {@link #APPLY_AT_COMMIT_SQL}; nothing is returned. Each period row the unit read
   * gets the new totals the unit worked out (its totals with the activity's keys set to their new
   * sums, {@code ||}) if it is still the version read ({@code xmin}), without the PL/pgSQL add; a
   * row changed since (by another instance's work of a participant it shares, or by this unit), or
   * not read, or one where a total comes to zero (to be removed), gets the points added in the
   * database as before. A new row is inserted with the activity's points.
   */
  private static final String APPLY_POINTS_AT_COMMIT_SQL = """
      WITH given AS (SELECT ?::char(1) AS kind, ?::varchar AS id, ?::char(3) AS currency),
      part AS (
        INSERT INTO loyalty_participant AS t (kind, id, currency) SELECT kind, id, currency FROM given
        ON CONFLICT (kind, id) DO UPDATE SET currency = excluded.currency WHERE t.currency IS NULL),
      mark AS (
        INSERT INTO loyalty_points_applied (kind, id, activity_id, step) SELECT kind, id, ?, ? FROM given
        RETURNING kind, id),
      u AS (SELECT * FROM unnest(?::char(1)[], ?::date[], ?::date[], ?::text[], ?::text[])
        AS u(period_kind, first_day, last_day, seen, totals))
      INSERT INTO loyalty_points_period AS p (kind, id, period_kind, first_day, last_day, totals)
        SELECT m.kind, m.id, u.period_kind, u.first_day, u.last_day, ?::jsonb FROM mark m CROSS JOIN u
        ON CONFLICT (kind, id, period_kind, first_day) DO UPDATE SET totals = COALESCE(
          (SELECT p.totals || u.totals::jsonb FROM u
            WHERE u.period_kind = p.period_kind AND u.first_day = p.first_day AND u.seen = p.xmin::text),
          loyalty_add_amounts(p.totals, excluded.totals))""";

  private static final String SAVE_STANDING_SQL = "INSERT INTO loyalty_participant AS t (kind, id, tier, "
      + "tier_since_ns, short_since) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET "
      + "tier = excluded.tier, tier_since_ns = excluded.tier_since_ns, short_since = excluded.short_since";

  private final Database db;

  private JdbcPerformanceStore(DataSource dataSource) {
    this.db = new Database(dataSource, "performance store");
  }

  /** The store in the database of {@code dataSource}, migrated with {@link PostgresStores#migrate()}. */
  public static JdbcPerformanceStore using(DataSource dataSource) {
    return new JdbcPerformanceStore(dataSource);
  }

  /**
   * What this store read or wrote during the calling thread's unit of work: histories (until an
   * activity is applied to the participant) and standings, by participant. An activity reads a
   * participant's figures and standing more than once; within its unit they change only here.
   */
  private record Seen(Map<ParticipantId, ParticipantHistory> histories, Map<ParticipantId, TierStanding> standings,
      Map<ParticipantId, ParticipantRows.Stored> stored, Set<Mark> marks,
      Map<ParticipantId, Map<EarningPeriod, String>> versions, Map<ParticipantId, Map<Integer, String>> monthVersions) {
  }

  /**
   * A contribution applied (or found applied) to a participant in the unit: its activity, and for
   * earned points its step ({@code ""} for figures).
   */
  private record Mark(ParticipantId participant, ActivityId activity, String step) {
  }

  private Optional<Seen> seen() {
    return JdbcUnitOfWork.unitValue(db.dataSource(), this, () -> new Seen(new HashMap<>(), new HashMap<>(),
        new HashMap<>(), new HashSet<>(), new HashMap<>(), new HashMap<>()));
  }

  /**
   * Whether a contribution of {@code activity} to a participant whose history the unit holds
   * ({@code before}, read under the partner's lock) may go with the unit's {@code COMMIT}: the unit
   * files the activity itself, so nothing of it is in the database yet.
   */
  private boolean atCommit(Optional<Seen> seen, ParticipantHistory before, ActivityId activity) {
    return seen.isPresent() && before != null && NewActivities.contains(db.dataSource(), activity);
  }

  @Override
  public ParticipantHistory history(ParticipantId participant, Currency currency) {
    requireNonNull(participant, "participant");
    requireNonNull(currency, "currency");
    Optional<Seen> seen = seen();
    adoptPrefetched(seen, participant);
    ParticipantHistory known = seen.map(s -> s.histories().get(participant)).orElse(null);
    if (known != null && (known.currency().equals(currency) || !known.months().isEmpty()
        || known.lastActivity().isPresent())) {
      return known;
    }
    ParticipantRows.Stored stored = seen.map(s -> s.stored().remove(participant)).orElseGet(() -> read(participant));
    ParticipantHistory read = stored.history(participant, currency);
    seen.ifPresent(s -> {
      s.histories().put(participant, read);
      // the versions of the period rows read, for a write of their new totals (applyPoints)
      s.versions().put(participant, new HashMap<>(stored.earnedVersions()));
      s.monthVersions().put(participant, new HashMap<>(stored.monthVersions())); // and of the month rows (apply)
      s.standings().putIfAbsent(participant, stored.standing());
    });
    return read;
  }

  private ParticipantRows.Stored read(ParticipantId participant) {
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(ParticipantRows.HISTORY_SQL)) {
        ParticipantRows.bindHistory(ps, 1, participant);
        try (ResultSet rs = ps.executeQuery()) {
          return ParticipantRows.read(rs);
        }
      }
    });
  }

  /**
   * Takes the participant's rows that the unit read with the partner's lock, if it did and this
   * store has not read them since, as if this store had read them now: nothing in the unit wrote
   * them meanwhile (this store drops them before it writes them).
   */
  private void adoptPrefetched(Optional<Seen> seen, ParticipantId participant) {
    seen.ifPresent(s -> PrefetchedReads.takeRows(db.dataSource(), participant).ifPresent(stored -> {
      if (!s.histories().containsKey(participant)) {
        s.stored().putIfAbsent(participant, stored);
      }
      s.standings().putIfAbsent(participant, stored.standing());
    }));
  }

  @Override
  public boolean apply(ParticipantId participant, Currency currency, Contribution contribution) {
    requireNonNull(participant, "participant");
    requireNonNull(currency, "currency");
    requireNonNull(contribution, "contribution");
    ParticipantHistory.requireCurrency(participant, currency, contribution);
    Optional<Seen> seen = seen();
    PrefetchedReads.takeRows(db.dataSource(), participant); // rows this unit is about to change
    seen.ifPresent(s -> s.stored().remove(participant));
    ParticipantHistory before = seen.map(s -> s.histories().remove(participant)).orElse(null);
    Mark mark = new Mark(participant, contribution.activity(), "");
    if (atCommit(seen, before, contribution.activity()) && before.currency().equals(currency)) {
      // the currency fits (the row's, or none yet), and only this unit can have marked the activity
      boolean applied = seen.get().marks().add(mark);
      ParticipantHistory after = applied ? before.plus(contribution) : before;
      if (applied) {
        String[] set = monthAtCommit(seen.get(), participant, contribution, after);
        db.write(JdbcUnitOfWork.DeferredWrite.of(APPLY_AT_COMMIT_SQL, (c, ps, first) ->
            bindApply(ps, first, participant, currency, contribution, set)));
      }
      seen.get().histories().put(participant, after);
      return applied;
    }
    seen.ifPresent(s -> {
      s.marks().add(mark);
      s.monthVersions().remove(participant); // rows changed by this unit now: added to in the database from here on
    });
    Object[] outcome = db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(APPLY_SQL)) {
        bindApply(ps, 1, participant, currency, contribution, null);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new Object[] {rs.getString(1), rs.getLong(2)};
        }
      }
    });
    Currency kept = Currency.getInstance((String) outcome[0]);
    // a participant kept in another currency: nothing was marked or added
    ParticipantHistory.requireCurrency(participant, kept, contribution);
    boolean applied = (Long) outcome[1] == 1;
    if (before != null && before.currency().equals(kept) && seen.isPresent()) {
      // the database added what ParticipantHistory.plus adds (the contract suite checks it): no need to read it back
      seen.get().histories().put(participant, applied ? before.plus(contribution) : before);
    }
    return applied;
  }

  /**
   * Binds {@link #APPLY_SQL}'s parameters from {@code first} on, or with {@code monthSet} (the new
   * totals' JSON and the version read, from {@link #monthAtCommit}) {@link #APPLY_AT_COMMIT_SQL}'s.
   */
  private static int bindApply(PreparedStatement ps, int first, ParticipantId participant, Currency currency,
      Contribution contribution, String[] monthSet) throws java.sql.SQLException {
    Participants.bind(ps, first, participant);
    ps.setString(first + 2, currency.getCurrencyCode());
    ps.setBigDecimal(first + 3, Nanos.of(contribution.occurredAt()));
    ps.setString(first + 4, currency.getCurrencyCode());
    ps.setString(first + 5, contribution.activity().value());
    ps.setInt(first + 6, monthKey(contribution.month()));
    ps.setString(first + 7, ParticipantRows.json(FigureAmounts.of(contribution)));
    int next = first + 8;
    if (monthSet != null) {
      ps.setString(next++, monthSet[0]);
      ps.setString(next++, monthSet[1]);
    }
    String code = contribution.certification().map(Contribution.Certification::code).orElse(null);
    ps.setString(next, code);
    ps.setDate(next + 1, contribution.certification().flatMap(Contribution.Certification::validUntil)
        .map(Date::valueOf).orElse(null));
    ps.setString(next + 2, code);
    return next + 3;
  }

  private static int monthKey(java.time.YearMonth month) {
    return month.getYear() * 100 + month.getMonthValue();
  }

  /**
   * What {@link #MONTH_SET} needs for {@code contribution}: the new totals of its keys in {@code
   * after} (JSON; {@code "{}"} when unused) and the version of its month's row the unit read (null:
   * add in the database: the row was not read, or this unit changed it, or a total comes to zero).
   * A version is used once: the write changes the row.
   */
  private static String[] monthAtCommit(Seen seen, ParticipantId participant, Contribution contribution,
      ParticipantHistory after) {
    Map<Integer, String> versions = seen.monthVersions().computeIfAbsent(participant, k -> new HashMap<>());
    String version = versions.remove(monthKey(contribution.month()));
    Map<String, BigDecimal> keys = FigureAmounts.of(contribution);
    var month = after.months().get(contribution.month());
    Optional<Map<String, BigDecimal>> totals = version == null || month == null ? Optional.empty()
        : FigureAmounts.totals(month, keys.keySet());
    return totals.map(t -> new String[] {ParticipantRows.json(t), version})
        .orElseGet(() -> new String[] {"{}", null});
  }

  /**
   * Locks the participant, and unless this (activity, step) was applied to it: checks in Java that
   * no total would overflow a {@code long} (nothing is written if one would), marks it applied and
   * adds its points to each period in the database.
   */
  @Override
  public boolean applyPoints(ParticipantId participant, Currency currency, PointsContribution contribution) {
    requireNonNull(participant, "participant");
    requireNonNull(currency, "currency");
    requireNonNull(contribution, "contribution");
    Optional<Seen> seen = seen();
    PrefetchedReads.takeRows(db.dataSource(), participant); // rows this unit is about to change
    seen.ifPresent(s -> s.stored().remove(participant));
    ParticipantHistory before = seen.map(s -> s.histories().remove(participant)).orElse(null);
    Mark mark = new Mark(participant, contribution.activity(), contribution.step().name());
    if (atCommit(seen, before, contribution.activity())) {
      boolean applied = seen.get().marks().add(mark);
      ParticipantHistory after = before;
      if (applied) {
        try {
          // the totals the database would reach, from the ones the unit read under the partner's lock
          after = before.plus(contribution);
        } catch (ArithmeticException overflow) {
          seen.get().histories().put(participant, before);
          JdbcUnitOfWork.markFailed(db.dataSource(), overflow);
          throw overflow;
        }
        PointsAtCommit write = pointsAtCommit(seen.get(), participant, contribution, after);
        db.write(JdbcUnitOfWork.DeferredWrite.of(APPLY_POINTS_AT_COMMIT_SQL, (c, ps, first) ->
            write.bind(c, ps, first, participant, currency)));
      }
      seen.get().histories().put(participant, after);
      return applied;
    }
    seen.ifPresent(s -> {
      s.marks().add(mark);
      s.versions().remove(participant); // rows changed by this unit now: added to in the database from here on
    });
    boolean applied = db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(APPLY_POINTS_SQL)) {
        bindPoints(c, ps, 1, participant, currency, contribution);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getLong(1) == 0) {
            return false;
          }
          java.sql.Array totals = rs.getArray(2);
          if (totals != null) {
            try {
              for (Object added : (Object[]) totals.getArray()) {
                EarnedTotals.read(ParticipantRows.amounts((String) added));
              }
            } catch (ArithmeticException overflow) {
              // a total beyond a long: this call's own transaction rolls back as it throws; a
              // caller's unit must too, even if the caller catches it, so nothing of it stays
              JdbcUnitOfWork.markFailed(db.dataSource(), overflow);
              throw overflow;
            }
          }
          return true;
        }
      }
    });
    if (before != null && seen.isPresent()) {
      // the database added what ParticipantHistory.plus adds (the contract suite checks it): no need to read it back
      seen.get().histories().put(participant, applied ? before.plus(contribution) : before);
    }
    return applied;
  }

  /**
   * What {@link #APPLY_POINTS_AT_COMMIT_SQL} writes for {@code contribution}: per period, the
   * version of its row the unit read (null: add in the database) and its new totals ({@code after}'s).
   * A period's version is used once: the write changes the row.
   */
  private static PointsAtCommit pointsAtCommit(Seen seen, ParticipantId participant, PointsContribution contribution,
      ParticipantHistory after) {
    List<EarningPeriod> periods = contribution.points().isEmpty() ? List.of() : contribution.periods();
    Map<EarningPeriod, String> versions = seen.versions().computeIfAbsent(participant, k -> new HashMap<>());
    PointTotals points = contribution.points();
    String[] seenVersions = new String[periods.size()];
    String[] totals = new String[periods.size()];
    for (int i = 0; i < periods.size(); i++) {
      EarningPeriod period = periods.get(i);
      PointTotals now = after.earned().in(period);
      // a key whose total comes to zero is removed from the row: the add in the database does that
      boolean zeroed = points.byRule().keySet().stream().anyMatch(rule -> now.rule(rule) == 0)
          || points.byCampaign().keySet().stream().anyMatch(campaign -> now.campaign(campaign) == 0);
      String version = versions.remove(period);
      seenVersions[i] = zeroed ? null : version;
      totals[i] = ParticipantRows.json(EarnedTotals.amounts(now));
    }
    return new PointsAtCommit(periods, seenVersions, totals, ParticipantRows.json(EarnedTotals.amounts(points)),
        contribution);
  }

  /** The parameters of {@link #APPLY_POINTS_AT_COMMIT_SQL}, worked out when the write is deferred. */
  private record PointsAtCommit(List<EarningPeriod> periods, String[] seen, String[] totals, String points,
      PointsContribution contribution) {

    int bind(java.sql.Connection c, PreparedStatement ps, int first, ParticipantId participant, Currency currency)
        throws java.sql.SQLException {
      Participants.bind(ps, first, participant);
      ps.setString(first + 2, currency.getCurrencyCode());
      ps.setString(first + 3, contribution.activity().value());
      ps.setString(first + 4, contribution.step().name());
      ps.setArray(first + 5, c.createArrayOf("bpchar", periods.stream()
          .map(p -> ParticipantRows.PERIOD_CODES.get(p.kind())).toArray()));
      ps.setArray(first + 6, c.createArrayOf("date", periods.stream().map(p -> Date.valueOf(p.first())).toArray()));
      ps.setArray(first + 7, c.createArrayOf("date", periods.stream().map(p -> Date.valueOf(p.last())).toArray()));
      ps.setArray(first + 8, c.createArrayOf("text", seen));
      ps.setArray(first + 9, c.createArrayOf("text", totals));
      ps.setString(first + 10, points);
      return first + 11;
    }
  }

  /** Binds {@link #APPLY_POINTS_SQL}'s parameters from {@code first} on. */
  private static int bindPoints(java.sql.Connection c, PreparedStatement ps, int first, ParticipantId participant,
      Currency currency, PointsContribution contribution) throws java.sql.SQLException {
    List<EarningPeriod> periods = contribution.points().isEmpty() ? List.of() : contribution.periods();
    Participants.bind(ps, first, participant);
    ps.setString(first + 2, currency.getCurrencyCode());
    ps.setString(first + 3, contribution.activity().value());
    ps.setString(first + 4, contribution.step().name());
    ps.setString(first + 5, ParticipantRows.json(EarnedTotals.amounts(contribution.points())));
    ps.setArray(first + 6, c.createArrayOf("bpchar", periods.stream().map(p -> ParticipantRows.PERIOD_CODES.get(p.kind())).toArray()));
    ps.setArray(first + 7, c.createArrayOf("date", periods.stream().map(p -> Date.valueOf(p.first())).toArray()));
    ps.setArray(first + 8, c.createArrayOf("date", periods.stream().map(p -> Date.valueOf(p.last())).toArray()));
    return first + 9;
  }

  /** Reads only the periods asked for: what rules see at each activity. */
  @Override
  public Map<EarningPeriod, PointTotals> earned(ParticipantId participant, Currency currency,
      List<EarningPeriod> periods) {
    requireNonNull(participant, "participant");
    requireNonNull(currency, "currency");
    requireNonNull(periods, "periods");
    Optional<Seen> seen = seen();
    adoptPrefetched(seen, participant);
    if (seen.map(s -> s.histories().containsKey(participant) || s.stored().containsKey(participant))
        .orElse(false)) {
      return PerformanceStore.super.earned(participant, currency, periods);
    }
    Map<EarningPeriod, PointTotals> stored = db.run(c -> readEarned(c, participant, periods));
    Map<EarningPeriod, PointTotals> out = new LinkedHashMap<>();
    periods.forEach(p -> out.put(p, stored.getOrDefault(p, PointTotals.NONE)));
    return out;
  }

  private static Map<EarningPeriod, PointTotals> readEarned(java.sql.Connection c, ParticipantId participant,
      List<EarningPeriod> periods) throws java.sql.SQLException {
    Map<EarningPeriod, PointTotals> out = new HashMap<>();
    if (periods.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT period_kind, first_day, last_day, totals::text "
        + "FROM loyalty_points_period WHERE kind = ? AND id = ? AND (period_kind, first_day) IN (SELECT * FROM "
        + "unnest(?::char(1)[], ?::date[]))")) {
      Participants.bind(ps, 1, participant);
      ps.setArray(3, c.createArrayOf("bpchar", periods.stream().map(p -> ParticipantRows.PERIOD_CODES.get(p.kind())).toArray()));
      ps.setArray(4, c.createArrayOf("date", periods.stream().map(p -> Date.valueOf(p.first())).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          EarningPeriod period = new EarningPeriod(ParticipantRows.PERIOD_KINDS.get(rs.getString(1)), rs.getDate(2).toLocalDate(),
              rs.getDate(3).toLocalDate());
          out.put(period, EarnedTotals.read(ParticipantRows.amounts(rs.getString(4))));
        }
      }
    }
    return out;
  }

  @Override
  public TierStanding standing(ParticipantId participant) {
    requireNonNull(participant, "participant");
    Optional<Seen> seen = seen();
    adoptPrefetched(seen, participant);
    TierStanding known = seen.map(s -> s.standings().get(participant)).orElse(null);
    if (known != null) {
      return known;
    }
    if (seen.isEmpty()) {
      return readStanding(participant);
    }
    // in a unit the participant's history is read next: one read for both
    ParticipantRows.Stored stored = read(participant);
    seen.get().stored().put(participant, stored);
    seen.get().standings().put(participant, stored.standing());
    return stored.standing();
  }

  private TierStanding readStanding(ParticipantId participant) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT tier, tier_since_ns, short_since FROM loyalty_participant "
          + "WHERE kind = ? AND id = ?")) {
        Participants.bind(ps, 1, participant);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return TierStanding.none();
          }
          BigDecimal since = rs.getBigDecimal(2);
          return new TierStanding(Optional.ofNullable(rs.getString(1)).map(TierId::of),
              Optional.ofNullable(since).map(Nanos::instant), Optional.ofNullable(rs.getDate(3)).map(Date::toLocalDate));
        }
      }
    });
  }

  @Override
  public void saveStanding(ParticipantId participant, TierStanding standing) {
    requireNonNull(participant, "participant");
    requireNonNull(standing, "standing");
    seen().ifPresent(s -> s.standings().put(participant, standing));
    // nothing in the activity needs it written before its commit: reads of it in the unit are served from seen()
    db.write(JdbcUnitOfWork.DeferredWrite.of(SAVE_STANDING_SQL, (c, ps, first) -> {
      Participants.bind(ps, first, participant);
      ps.setString(first + 2, standing.tier().map(TierId::value).orElse(null));
      ps.setBigDecimal(first + 3, standing.since().map(Nanos::of).orElse(null));
      ps.setDate(first + 4, standing.shortSince().map(Date::valueOf).orElse(null));
      return first + 5;
    }));
  }

  @Override
  public List<ParticipantId> participants() {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT kind, id FROM loyalty_participant ORDER BY kind, id");
          ResultSet rs = ps.executeQuery()) {
        List<ParticipantId> out = new ArrayList<>();
        while (rs.next()) {
          out.add(Participants.read(rs, 1));
        }
        return out;
      }
    });
  }
}
