package dev.loyalty.core.jdbc;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.jdbc.internal.Database;
import dev.loyalty.core.jdbc.internal.EventJson;
import dev.loyalty.core.spi.EventOutbox;
import dev.loyalty.core.spi.StoredEvent;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@link EventOutbox} in PostgreSQL. An append inserts the events it does not have yet ({@code
 * ON CONFLICT (id) DO NOTHING}: of two instances appending one id, the second waits for the first
 * to commit and skips it) in the order given; they get no position yet. Positions are given at
 * read time by one sequencer at a time, to the committed events without one, in append order,
 * continuing from the last position: so positions are 1, 2, 3, ... without gaps, and an event
 * committed late (its transaction was long) gets a position after the ones a reader has already
 * seen instead of one behind them, where a consumer would skip it. Joins the calling thread's {@code
 * JdbcUnitOfWork} on the same data source, so an activity's events commit with it. Thread-safe;
 * safe for many application instances on one database.
 */
public final class JdbcEventOutbox implements EventOutbox {

  /** Most events one read gives positions to; the rest wait for the next read. */
  private static final int SEQUENCE_AT_MOST = 10_000;

  /**
   * The sequencer's lock, then (a statement of its own, so that its snapshot includes whatever
   * committed while it waited for the lock) positions for the events without one.
   */
  private static final String SEQUENCE_SQL = "SELECT last_position FROM loyalty_outbox_head FOR UPDATE; "
      + "WITH pending AS (SELECT seq, row_number() OVER (ORDER BY seq) AS n FROM loyalty_outbox "
      + "  WHERE position IS NULL ORDER BY seq LIMIT " + SEQUENCE_AT_MOST + "), "
      + "head AS (SELECT last_position FROM loyalty_outbox_head), "
      + "numbered AS (UPDATE loyalty_outbox o SET position = head.last_position + pending.n FROM pending, head "
      + "  WHERE o.seq = pending.seq AND o.position IS NULL RETURNING o.position) "
      + "UPDATE loyalty_outbox_head SET last_position = last_position + (SELECT count(*) FROM numbered)";

  /**
   * Positions (given, or a consumer's) are bookkeeping that a crash may take back, so their
   * transactions commit without waiting for the disk: WAL is written in order, so a position that
   * survives a crash comes with every position given before it, and a consumer's position taken
   * back only hands it events again (delivery is at least once). An activity's events themselves
   * commit with the activity, durably. Only outside a caller's unit of work, whose commit it would
   * otherwise relax too.
   */
  private static final String NO_WAIT = "SET LOCAL synchronous_commit TO off; ";

  /** The events not there yet, in the order given (parameters: ids, types, events as JSON). */
  private static final String INSERT_SQL = "INSERT INTO loyalty_outbox (id, type, event) "
      + "SELECT id, type, event::jsonb FROM unnest(?::varchar[], ?::varchar[], ?::text[]) WITH ORDINALITY "
      + "AS e(id, type, event, n) ORDER BY n ON CONFLICT (id) DO NOTHING";

  private final Database db;

  private JdbcEventOutbox(DataSource dataSource) {
    this.db = new Database(dataSource, "event outbox");
  }

  /** The outbox in the database of {@code dataSource}, migrated with {@link PostgresStores#migrate()}. */
  public static JdbcEventOutbox using(DataSource dataSource) {
    return new JdbcEventOutbox(dataSource);
  }

  @Override
  public List<LoyaltyEvent> append(List<LoyaltyEvent> events) {
    requireNonNull(events, "events");
    Map<String, LoyaltyEvent> byId = new LinkedHashMap<>();
    events.forEach(e -> byId.putIfAbsent(requireNonNull(e, "event").id(), e));
    if (byId.isEmpty()) {
      return List.of();
    }
    Set<String> inserted = db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(INSERT_SQL + " RETURNING id")) {
        bindEvents(c, ps, 1, List.copyOf(byId.values()));
        Set<String> ids = new HashSet<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
        return ids;
      }
    });
    return byId.values().stream().filter(e -> inserted.contains(e.id())).toList();
  }

  /** In the caller's unit of work, sent with its {@code COMMIT}; otherwise as {@link #append}. */
  @Override
  public void add(List<LoyaltyEvent> events) {
    requireNonNull(events, "events");
    Map<String, LoyaltyEvent> byId = new LinkedHashMap<>();
    events.forEach(e -> byId.putIfAbsent(requireNonNull(e, "event").id(), e));
    if (byId.isEmpty()) {
      return;
    }
    List<LoyaltyEvent> unique = List.copyOf(byId.values());
    db.write(new JdbcUnitOfWork.DeferredWrite() {
      @Override
      public String sql() {
        return INSERT_SQL;
      }

      @Override
      public int bind(Connection c, PreparedStatement ps, int first) throws SQLException {
        bindEvents(c, ps, first, unique);
        return first + 3;
      }
    });
  }

  private static void bindEvents(Connection c, PreparedStatement ps, int first, List<LoyaltyEvent> unique)
      throws SQLException {
    ps.setArray(first, c.createArrayOf("varchar", unique.stream().map(LoyaltyEvent::id).toArray()));
    ps.setArray(first + 1, c.createArrayOf("varchar", unique.stream().map(EventJson::type).toArray()));
    ps.setArray(first + 2, c.createArrayOf("text", unique.stream().map(EventJson::write).toArray()));
  }

  @Override
  public List<StoredEvent> after(long position, int limit) {
    if (position < 0 || limit < 1) {
      throw new IllegalArgumentException("position must not be negative and limit positive, got " + position
          + " and " + limit);
    }
    return page("position > ?", limit, ps -> ps.setLong(1, position));
  }

  /** The consumer's position read by the page's own statement: one round trip, commit included. */
  @Override
  public List<StoredEvent> pending(String consumer, int limit) {
    requireNonNull(consumer, "consumer");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    return page("position > COALESCE((SELECT position FROM loyalty_outbox_consumer WHERE name = ?), 0)", limit,
        ps -> ps.setString(1, consumer));
  }

  /** Binds a page's condition. */
  @FunctionalInterface
  private interface Condition {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /**
   * Positions for what committed since, then up to {@code limit} events from {@code where} on (its
   * parameter bound by {@code condition}), and outside a caller's unit the commit: one round trip.
   */
  private List<StoredEvent> page(String where, int limit, Condition condition) {
    return db.read(c -> {
      boolean own = ownTransaction();
      try (PreparedStatement ps = c.prepareStatement((own ? NO_WAIT : "") + SEQUENCE_SQL + "; SELECT position, "
          + "event::text FROM loyalty_outbox WHERE " + where + " ORDER BY position LIMIT ?" + (own ? "; COMMIT" : ""))) {
        condition.bind(ps);
        ps.setInt(2, limit);
        ps.execute();
        if (own) {
          ps.getMoreResults(); // past the setting
        }
        // the sequencer's lock
        ps.getMoreResults(); // the positions given
        if (!ps.getMoreResults()) {
          throw new IllegalStateException("the outbox's page query gave no result");
        }
        List<StoredEvent> page = new ArrayList<>();
        try (ResultSet rs = ps.getResultSet()) {
          while (rs.next()) {
            page.add(new StoredEvent(rs.getLong(1), EventJson.read(rs.getString(2))));
          }
        }
        return page;
      }
    });
  }

  /** Gives positions to the committed events without one (none: a cheap look at an index). */
  private void sequence(Connection c) throws SQLException {
    try (PreparedStatement any = c.prepareStatement("SELECT 1 FROM loyalty_outbox WHERE position IS NULL LIMIT 1");
        ResultSet rs = any.executeQuery()) {
      if (!rs.next()) {
        return;
      }
    }
    try (PreparedStatement ps = c.prepareStatement(relaxed() + SEQUENCE_SQL)) {
      ps.execute();
    }
  }

  /** Moves the consumer, and outside a caller's unit commits: one round trip. */
  private boolean moveTo(Connection c, String consumer, long position) throws SQLException {
    boolean own = ownTransaction();
    try (PreparedStatement ps = c.prepareStatement(relaxed() + "INSERT INTO loyalty_outbox_consumer AS k (name, "
        + "position) SELECT ?, ? WHERE ? BETWEEN 0 AND (SELECT last_position FROM loyalty_outbox_head) "
        + "ON CONFLICT (name) DO UPDATE SET position = excluded.position WHERE k.position <= excluded.position"
        + (own ? "; COMMIT" : ""))) {
      ps.setString(1, consumer);
      ps.setLong(2, position);
      ps.setLong(3, position);
      ps.execute();
      if (!relaxed().isEmpty()) {
        ps.getMoreResults(); // past the setting
      }
      return ps.getUpdateCount() == 1;
    }
  }

  /** {@link #NO_WAIT} in a transaction of this store's own; nothing inside a caller's unit of work. */
  private String relaxed() {
    return ownTransaction() ? NO_WAIT : "";
  }

  /**
   * Whether this call runs in a transaction of its own (which its statement may then end with a
   * {@code COMMIT}, saving the round trip of the commit), not in a caller's unit of work.
   */
  private boolean ownTransaction() {
    return JdbcUnitOfWork.current(db.dataSource()).isEmpty();
  }

  @Override
  public long position(String consumer) {
    requireNonNull(consumer, "consumer");
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT position FROM loyalty_outbox_consumer WHERE name = ?")) {
        ps.setString(1, consumer);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getLong(1) : 0L;
        }
      }
    });
  }

  @Override
  public void advance(String consumer, long position) {
    requireNonNull(consumer, "consumer");
    long[] refused = db.read(c -> {
      if (moveTo(c, consumer, position)) {
        return null;
      }
      // events appended but not read yet count as in the outbox: give them positions and try again
      sequence(c);
      if (moveTo(c, consumer, position)) {
        return null;
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT position FROM loyalty_outbox_consumer WHERE name = ?), "
          + "last_position FROM loyalty_outbox_head")) {
        ps.setString(1, consumer);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new long[] {rs.getLong(1), rs.getLong(2)};
        }
      }
    });
    if (refused != null) {
      throw new IllegalArgumentException("cannot move " + consumer + " from " + refused[0] + " to " + position
          + " in an outbox of " + refused[1] + " events");
    }
  }
}
