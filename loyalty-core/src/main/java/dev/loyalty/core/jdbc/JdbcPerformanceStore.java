package dev.loyalty.core.jdbc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyalty.core.jdbc.internal.Database;
import dev.loyalty.core.jdbc.internal.FigureAmounts;
import dev.loyalty.core.jdbc.internal.Nanos;
import dev.loyalty.core.jdbc.internal.Participants;
import dev.loyalty.core.jdbc.internal.PointsJson;
import dev.loyalty.core.json.internal.JsonTreeReader;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.performance.Contribution;
import dev.loyalty.core.performance.EarningHistory;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.performance.MonthFigures;
import dev.loyalty.core.performance.ParticipantHistory;
import dev.loyalty.core.performance.PointTotals;
import dev.loyalty.core.performance.PointsContribution;
import dev.loyalty.core.performance.TierStanding;
import dev.loyalty.core.spi.PerformanceStore;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The {@link PerformanceStore} in PostgreSQL: a participant row ({@code loyalty_participant}: its
 * currency, last activity and tier standing), one row per calendar month with the month's totals by
 * key ({@code loyalty_figures_month}, see {@code FigureAmounts}), the certifications, and the
 * activities applied. {@link #apply} is one statement: it marks the activity applied (a mark that
 * exists already means it was, and nothing is added) and adds its totals to the month in the
 * database, so concurrent contributions to one participant, from any number of instances, are all
 * counted exactly once. Joins the calling thread's {@code JdbcUnitOfWork} on the same data source,
 * and within one unit reads a participant's history and standing once (until it changes them).
 * Thread-safe.
 */
public final class JdbcPerformanceStore implements PerformanceStore {

  /**
   * The participant row (locked for the rest of the statement by the upsert), the applied mark if
   * the currency fits, the month's totals if the mark is new, and the certification. The latest
   * activity and the longest validity are the same however often they are applied.
   */
  private static final String APPLY_SQL = """
      WITH part AS (
        INSERT INTO loyalty_participant AS t (kind, id, currency, last_activity_ns) VALUES (?, ?, ?, ?)
        ON CONFLICT (kind, id) DO UPDATE SET
          currency = COALESCE(t.currency, excluded.currency),
          last_activity_ns = CASE WHEN COALESCE(t.currency, excluded.currency) = excluded.currency
            THEN GREATEST(t.last_activity_ns, excluded.last_activity_ns) ELSE t.last_activity_ns END
        RETURNING t.kind, t.id, t.currency),
      fits AS (SELECT kind, id FROM part WHERE currency = ?),
      mark AS (
        INSERT INTO loyalty_figures_applied (kind, id, activity_id) SELECT kind, id, ? FROM fits
        ON CONFLICT DO NOTHING RETURNING kind, id),
      added AS (
        INSERT INTO loyalty_figures_month AS m (kind, id, month, amounts) SELECT kind, id, ?, ?::jsonb FROM mark
        ON CONFLICT (kind, id, month) DO UPDATE SET amounts = loyalty_add_amounts(m.amounts, excluded.amounts)),
      certified AS (
        INSERT INTO loyalty_certification AS x (kind, id, code, valid_until)
        SELECT kind, id, ?, ? FROM fits WHERE ?::text IS NOT NULL
        ON CONFLICT (kind, id, code) DO UPDATE SET valid_until = CASE
          WHEN x.valid_until IS NULL OR excluded.valid_until IS NULL THEN NULL
          ELSE GREATEST(x.valid_until, excluded.valid_until) END)
      SELECT (SELECT currency FROM part), (SELECT count(*) FROM mark)
      """;

  /** Months, certifications and the participant row, in one round trip; the first column says which. */
  private static final String HISTORY_SQL = """
      SELECT 0, month, amounts::text, NULL::date FROM loyalty_figures_month WHERE kind = ? AND id = ?
      UNION ALL
      SELECT 1, NULL, code, valid_until FROM loyalty_certification WHERE kind = ? AND id = ?
      UNION ALL
      SELECT 2, NULL, COALESCE(currency, '') || ' ' || COALESCE(last_activity_ns::text, ''), NULL
        FROM loyalty_participant WHERE kind = ? AND id = ?
      UNION ALL
      SELECT 3, NULL, period_kind || ' ' || first_day::text || ' ' || last_day::text || ' ' || totals::text, NULL
        FROM loyalty_points_earned WHERE kind = ? AND id = ?
      """;

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
  private record Seen(Map<ParticipantId, ParticipantHistory> histories, Map<ParticipantId, TierStanding> standings) {
  }

  private Optional<Seen> seen() {
    return JdbcUnitOfWork.unitValue(db.dataSource(), this, () -> new Seen(new HashMap<>(), new HashMap<>()));
  }

  @Override
  public ParticipantHistory history(ParticipantId participant, Currency currency) {
    requireNonNull(participant, "participant");
    requireNonNull(currency, "currency");
    Optional<Seen> seen = seen();
    ParticipantHistory known = seen.map(s -> s.histories().get(participant)).orElse(null);
    if (known != null && (known.currency().equals(currency) || !known.months().isEmpty()
        || known.lastActivity().isPresent())) {
      return known;
    }
    ParticipantHistory read = read(participant, currency);
    seen.ifPresent(s -> s.histories().put(participant, read));
    return read;
  }

  private ParticipantHistory read(ParticipantId participant, Currency currency) {
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(HISTORY_SQL)) {
        for (int i = 0; i < 4; i++) {
          Participants.bind(ps, 1 + 2 * i, participant);
        }
        Map<Integer, String> months = new HashMap<>();
        Map<String, Optional<LocalDate>> certifications = new HashMap<>();
        Currency kept = currency;
        Optional<java.time.Instant> last = Optional.empty();
        Map<EarningPeriod, PointTotals> earned = new HashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            switch (rs.getInt(1)) {
              case 0 -> months.put(rs.getInt(2), rs.getString(3));
              case 1 -> certifications.put(rs.getString(3), Optional.ofNullable(rs.getDate(4)).map(Date::toLocalDate));
              case 3 -> {
                String[] row = rs.getString(3).split(" ", 4);
                earned.put(new EarningPeriod(EarningPeriod.Kind.valueOf(row[0]), LocalDate.parse(row[1]),
                    LocalDate.parse(row[2])), PointsJson.read(row[3]));
              }
              default -> {
                String[] row = rs.getString(3).split(" ", -1);
                kept = row[0].isEmpty() ? currency : Currency.getInstance(row[0]);
                last = row[1].isEmpty() ? Optional.empty() : Optional.of(Nanos.instant(new BigDecimal(row[1])));
              }
            }
          }
        }
        TreeMap<YearMonth, MonthFigures> figures = new TreeMap<>();
        for (Map.Entry<Integer, String> m : months.entrySet()) {
          figures.put(YearMonth.of(m.getKey() / 100, m.getKey() % 100), FigureAmounts.figures(amounts(m.getValue()),
              kept));
        }
        return new ParticipantHistory(participant, kept, figures, certifications, last, EarningHistory.of(earned));
      }
    });
  }

  @Override
  public boolean apply(ParticipantId participant, Currency currency, Contribution contribution) {
    requireNonNull(participant, "participant");
    requireNonNull(currency, "currency");
    requireNonNull(contribution, "contribution");
    ParticipantHistory.requireCurrency(participant, currency, contribution);
    Optional<Seen> seen = seen();
    ParticipantHistory before = seen.map(s -> s.histories().remove(participant)).orElse(null);
    Object[] outcome = db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(APPLY_SQL)) {
        Participants.bind(ps, 1, participant);
        ps.setString(3, currency.getCurrencyCode());
        ps.setBigDecimal(4, Nanos.of(contribution.occurredAt()));
        ps.setString(5, currency.getCurrencyCode());
        ps.setString(6, contribution.activity().value());
        ps.setInt(7, contribution.month().getYear() * 100 + contribution.month().getMonthValue());
        ps.setString(8, json(FigureAmounts.of(contribution)));
        String code = contribution.certification().map(Contribution.Certification::code).orElse(null);
        ps.setString(9, code);
        ps.setDate(10, contribution.certification().flatMap(Contribution.Certification::validUntil).map(Date::valueOf)
            .orElse(null));
        ps.setString(11, code);
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
   * Applies {@code contribution} under the participant's row lock (so concurrent contributions to
   * one participant, from any instance, add up one after the other): the totals of its periods are
   * read, added up exactly (an overflow throws before anything is written) and written back, and
   * the (activity, step) marked applied.
   */
  @Override
  public boolean applyPoints(ParticipantId participant, Currency currency, PointsContribution contribution) {
    requireNonNull(participant, "participant");
    requireNonNull(currency, "currency");
    requireNonNull(contribution, "contribution");
    Optional<Seen> seen = seen();
    ParticipantHistory before = seen.map(s -> s.histories().remove(participant)).orElse(null);
    boolean applied = db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_participant AS t (kind, id, currency) "
          + "VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET currency = COALESCE(t.currency, excluded.currency)")) {
        Participants.bind(ps, 1, participant);
        ps.setString(3, currency.getCurrencyCode());
        ps.executeUpdate(); // locks the participant's row until the transaction ends
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM loyalty_points_applied "
          + "WHERE kind = ? AND id = ? AND activity_id = ? AND step = ?")) {
        Participants.bind(ps, 1, participant);
        ps.setString(3, contribution.activity().value());
        ps.setString(4, contribution.step().name());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return false;
          }
        }
      }
      Map<EarningPeriod, PointTotals> sums = new HashMap<>();
      if (!contribution.points().isEmpty()) {
        for (EarningPeriod period : contribution.periods()) {
          sums.put(period, earnedIn(c, participant, period).plus(contribution.points()));
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_points_applied (kind, id, activity_id, step) "
          + "VALUES (?, ?, ?, ?)")) {
        Participants.bind(ps, 1, participant);
        ps.setString(3, contribution.activity().value());
        ps.setString(4, contribution.step().name());
        ps.executeUpdate();
      }
      for (Map.Entry<EarningPeriod, PointTotals> sum : sums.entrySet()) {
        writeEarned(c, participant, sum.getKey(), sum.getValue());
      }
      return true;
    });
    if (before != null && seen.isPresent()) {
      seen.get().histories().put(participant, applied ? before.plus(contribution) : before);
    }
    return applied;
  }

  /** The participant's points in {@code period} as stored (its row is locked by the caller). */
  private static PointTotals earnedIn(Connection c, ParticipantId participant, EarningPeriod period)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT totals::text FROM loyalty_points_earned "
        + "WHERE kind = ? AND id = ? AND period_kind = ? AND first_day = ?")) {
      Participants.bind(ps, 1, participant);
      ps.setString(3, period.kind().name());
      ps.setDate(4, Date.valueOf(period.first()));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? PointsJson.read(rs.getString(1)) : PointTotals.NONE;
      }
    }
  }

  /** Stores {@code totals} as the participant's points in {@code period}; none removes the period. */
  private static void writeEarned(Connection c, ParticipantId participant, EarningPeriod period, PointTotals totals)
      throws SQLException {
    if (totals.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM loyalty_points_earned "
          + "WHERE kind = ? AND id = ? AND period_kind = ? AND first_day = ?")) {
        Participants.bind(ps, 1, participant);
        ps.setString(3, period.kind().name());
        ps.setDate(4, Date.valueOf(period.first()));
        ps.executeUpdate();
      }
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_points_earned (kind, id, period_kind, "
        + "first_day, last_day, totals) VALUES (?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (kind, id, period_kind, first_day) "
        + "DO UPDATE SET last_day = excluded.last_day, totals = excluded.totals")) {
      Participants.bind(ps, 1, participant);
      ps.setString(3, period.kind().name());
      ps.setDate(4, Date.valueOf(period.first()));
      ps.setDate(5, Date.valueOf(period.last()));
      ps.setString(6, PointsJson.write(totals));
      ps.executeUpdate();
    }
  }

  @Override
  public TierStanding standing(ParticipantId participant) {
    requireNonNull(participant, "participant");
    Optional<Seen> seen = seen();
    TierStanding known = seen.map(s -> s.standings().get(participant)).orElse(null);
    if (known != null) {
      return known;
    }
    TierStanding read = readStanding(participant);
    seen.ifPresent(s -> s.standings().put(participant, read));
    return read;
  }

  private TierStanding readStanding(ParticipantId participant) {
    return db.run(c -> {
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
    db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_participant AS t (kind, id, tier, "
          + "tier_since_ns, short_since) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET "
          + "tier = excluded.tier, tier_since_ns = excluded.tier_since_ns, short_since = excluded.short_since")) {
        Participants.bind(ps, 1, participant);
        ps.setString(3, standing.tier().map(TierId::value).orElse(null));
        ps.setBigDecimal(4, standing.since().map(Nanos::of).orElse(null));
        ps.setDate(5, standing.shortSince().map(Date::valueOf).orElse(null));
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<ParticipantId> participants() {
    return db.run(c -> {
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

  private static String json(Map<String, BigDecimal> amounts) {
    ObjectNode node = JsonTreeReader.MAPPER.createObjectNode();
    amounts.forEach(node::put);
    try {
      return JsonTreeReader.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a month's totals", e);
    }
  }

  private static Map<String, BigDecimal> amounts(String json) {
    try {
      JsonNode node = JsonTreeReader.MAPPER.readTree(json);
      Map<String, BigDecimal> out = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.put(e.getKey(), e.getValue().decimalValue());
      }
      return out;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a month's stored totals do not parse: " + json, e);
    }
  }
}
