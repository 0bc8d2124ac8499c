package dev.loyalty.core.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyalty.core.json.internal.JsonTreeReader;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.performance.EarningHistory;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.performance.MonthFigures;
import dev.loyalty.core.performance.ParticipantHistory;
import dev.loyalty.core.performance.PointTotals;
import dev.loyalty.core.performance.TierStanding;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How a participant's rows are read in one statement ({@link #HISTORY_SQL}: its months' figures,
 * certifications, participant row and earned points) into a {@link Stored}: shared by {@code
 * JdbcPerformanceStore} and the reads a partner's transaction sends with its lock ({@link
 * PartnerTransactions}). Also the JSON of a row's totals by key. Stateless.
 */
public final class ParticipantRows {
  /**
   * Months, certifications, the participant row and the earned points, in one round trip; the first
   * column says which. Parameters: the participant ({@link #bindHistory}).
   */
  public static final String HISTORY_SQL = """
      SELECT 0, month, xmin::text || ' ' || amounts::text, NULL::date, NULL::text FROM loyalty_figures_month
        WHERE kind = ? AND id = ?
      UNION ALL
      SELECT 1, NULL, code, valid_until, NULL FROM loyalty_certification WHERE kind = ? AND id = ?
      UNION ALL
      SELECT 2, NULL, COALESCE(currency, '') || ' ' || COALESCE(last_activity_ns::text, '') || ' '
          || COALESCE(tier_since_ns::text, ''), short_since, tier
        FROM loyalty_participant WHERE kind = ? AND id = ?
      UNION ALL
      SELECT 3, NULL, period_kind || ' ' || last_day::text || ' ' || xmin::text || ' ' || totals::text, first_day, NULL
        FROM loyalty_points_period WHERE kind = ? AND id = ?
      """;

  /** A period's kind as stored, and back. */
  public static final Map<EarningPeriod.Kind, String> PERIOD_CODES = Map.of(EarningPeriod.Kind.DAY, "D",
      EarningPeriod.Kind.MONTH, "M", EarningPeriod.Kind.QUARTER, "Q", EarningPeriod.Kind.YEAR, "Y");
  /** A stored period kind's {@link EarningPeriod.Kind}. */
  public static final Map<String, EarningPeriod.Kind> PERIOD_KINDS = Map.of("D", EarningPeriod.Kind.DAY,
      "M", EarningPeriod.Kind.MONTH, "Q", EarningPeriod.Kind.QUARTER, "Y", EarningPeriod.Kind.YEAR);

  private ParticipantRows() {
  }

  /** Binds {@link #HISTORY_SQL}'s parameters from {@code first} on; returns the index after the last. */
  public static int bindHistory(PreparedStatement ps, int first, ParticipantId participant) throws SQLException {
    for (int i = 0; i < 4; i++) {
      Participants.bind(ps, first + 2 * i, participant);
    }
    return first + 8;
  }

  /**
   * What one read of a participant's rows found: its history (in its stored currency, if any), its
   * tier standing (a unit of work that reads the standing first keeps it for the history), and the
   * version ({@code xmin}) of each period row of earned points and of each month row of figures read
   * (the month as {@code yyyymm}), so that a write of the row's new totals can check that the row is
   * still the one read.
   */
  public record Stored(Map<Integer, String> months, Map<String, Optional<LocalDate>> certifications,
      Optional<Currency> currency, Optional<Instant> last, Map<EarningPeriod, PointTotals> earned,
      TierStanding standing, Map<EarningPeriod, String> earnedVersions, Map<Integer, String> monthVersions) {

    /** The participant's history, in its stored currency, or {@code fallback} if it has none. */
    public ParticipantHistory history(ParticipantId participant, Currency fallback) {
      Currency kept = currency.orElse(fallback);
      TreeMap<YearMonth, MonthFigures> figures = new TreeMap<>();
      for (Map.Entry<Integer, String> m : months.entrySet()) {
        figures.put(YearMonth.of(m.getKey() / 100, m.getKey() % 100), FigureAmounts.figures(amounts(m.getValue()),
            kept));
      }
      return new ParticipantHistory(participant, kept, figures, certifications, last, EarningHistory.of(earned));
    }
  }

  /** Reads every row of {@code rs}, a result of {@link #HISTORY_SQL}. */
  public static Stored read(ResultSet rs) throws SQLException {
    Map<Integer, String> months = new HashMap<>();
    Map<String, Optional<LocalDate>> certifications = new HashMap<>();
    Optional<Currency> kept = Optional.empty();
    Optional<Instant> last = Optional.empty();
    TierStanding standing = TierStanding.none();
    Map<EarningPeriod, PointTotals> earned = new HashMap<>();
    Map<EarningPeriod, String> versions = new HashMap<>();
    Map<Integer, String> monthVersions = new HashMap<>();
    while (rs.next()) {
      switch (rs.getInt(1)) {
        case 0 -> {
          String[] row = rs.getString(3).split(" ", 2);
          months.put(rs.getInt(2), row[1]);
          monthVersions.put(rs.getInt(2), row[0]);
        }
        case 1 -> certifications.put(rs.getString(3), Optional.ofNullable(rs.getDate(4)).map(Date::toLocalDate));
        case 3 -> {
          String[] row = rs.getString(3).split(" ", 4);
          EarningPeriod period = new EarningPeriod(PERIOD_KINDS.get(row[0]), rs.getDate(4).toLocalDate(),
              LocalDate.parse(row[1]));
          earned.put(period, EarnedTotals.read(amounts(row[3])));
          versions.put(period, row[2]);
        }
        default -> {
          String[] row = rs.getString(3).split(" ", -1);
          kept = row[0].isEmpty() ? Optional.empty() : Optional.of(Currency.getInstance(row[0]));
          last = row[1].isEmpty() ? Optional.empty() : Optional.of(Nanos.instant(new BigDecimal(row[1])));
          standing = new TierStanding(Optional.ofNullable(rs.getString(5)).map(TierId::of),
              row[2].isEmpty() ? Optional.empty() : Optional.of(Nanos.instant(new BigDecimal(row[2]))),
              Optional.ofNullable(rs.getDate(4)).map(Date::toLocalDate));
        }
      }
    }
    return new Stored(months, certifications, kept, last, earned, standing, versions, monthVersions);
  }

  /** {@code amounts} as a JSON object (a row's totals by key). */
  public static String json(Map<String, BigDecimal> amounts) {
    ObjectNode node = JsonTreeReader.MAPPER.createObjectNode();
    amounts.forEach(node::put);
    try {
      return JsonTreeReader.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a month's totals", e);
    }
  }

  /** A row's totals by key, from their JSON. */
  public static Map<String, BigDecimal> amounts(String json) {
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
