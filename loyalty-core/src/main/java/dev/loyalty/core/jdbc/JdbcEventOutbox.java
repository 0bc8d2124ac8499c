package dev.loyalty.core.jdbc;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.jdbc.internal.Database;
import dev.loyalty.core.jdbc.internal.EventJson;
import dev.loyalty.core.spi.EventOutbox;
import dev.loyalty.core.spi.StoredEvent;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import dev.loyalty.ledger.jdbc.internal.ArrayLiteral;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The {@link EventOutbox} in PostgreSQL. An append inserts the events it does not have yet ({@code
 * ON CONFLICT (id) DO NOTHING}: of two instances appending one id, the second waits for the first
 * to commit and skips it) in the order given; they get no position yet. Positions are given at
 * read time by one sequencer at a time, to the committed events without one, in append order,
 * continuing from the last position: so positions are 1, 2, 3, ... without gaps, and an event
 * committed late (its transaction was long) gets a position after the ones a reader has already
 * seen instead of one behind them, where a consumer would skip it. Joins the calling thread's {@code
 * JdbcUnitOfWork} on the same data source, so an activity's events commit with it ({@link #add}
 * sends them with its {@code COMMIT}). Each append has a number of this instance's (stored with its
 * events), and the instance remembers the events it appended: a page hands those over as the
 * objects appended, without reading their JSON back, as long as the row says that very append
 * stored it; any other event (another instance's, one appended before a restart, one forgotten) is
 * read back. Thread-safe; safe for many application instances on one database.
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
  private static final String INSERT_SQL = "INSERT INTO loyalty_outbox (id, type, event, appended_by) "
      + "SELECT id, type, event::jsonb, ?::bigint FROM unnest(?::varchar[], ?::varchar[], ?::text[]) WITH ORDINALITY "
      + "AS e(id, type, event, n) ORDER BY n ON CONFLICT (id) DO NOTHING";

  /** How many events this instance remembers (by id, with the append that stored them) to deliver them unread. */
  private static final int REMEMBERED = 16_384;

  private final Database db;
  /**
   * The number of this instance's first append: random, below 2^62, so that the numbers of two
   * instances (each counting up from its own) practically never meet; an event is delivered from
   * memory only if its row says the append that stored it is the one remembered with it, so a
   * meeting would at worst need another instance to append the same event id under the same number.
   */
  private final long firstAppend = ThreadLocalRandom.current().nextLong(1L << 62);
  private final AtomicLong appends = new AtomicLong();
  /** Events this instance appended and saw committed, by id, least recently used first. */
  private final Map<String, Appended> appended = new LinkedHashMap<>(256, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Appended> eldest) {
      return size() > REMEMBERED;
    }
  };

  /** An event and the number of the append that stored it. */
  private record Appended(long by, LoyaltyEvent event) {
  }

  private JdbcEventOutbox(DataSource dataSource) {
    this.db = new Database(dataSource, "event outbox");
  }

  /** The number of a new append. */
  private long nextAppend() {
    return firstAppend + appends.incrementAndGet();
  }

  /** Once the caller's unit (if any) has committed, remembers {@code events} as stored by append {@code by}. */
  private void remember(long by, List<LoyaltyEvent> events) {
    JdbcUnitOfWork.afterCommit(db.dataSource(), () -> {
      synchronized (appended) {
        events.forEach(e -> appended.put(e.id(), new Appended(by, e)));
      }
    });
  }

  /** The event remembered under {@code id} if the append that stored its row ({@code by}) is the one remembered. */
  private LoyaltyEvent remembered(String id, long by) {
    synchronized (appended) {
      Appended a = appended.get(id);
      return a != null && a.by() == by ? a.event() : null;
    }
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
    long by = nextAppend();
    Set<String> inserted = db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(INSERT_SQL + " RETURNING id")) {
        bindEvents(ps, 1, by, List.copyOf(byId.values()));
        Set<String> ids = new HashSet<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
        return ids;
      }
    });
    List<LoyaltyEvent> now = byId.values().stream().filter(e -> inserted.contains(e.id())).toList();
    remember(by, now);
    return now;
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
    long by = nextAppend();
    db.write(JdbcUnitOfWork.DeferredWrite.of(INSERT_SQL, (c, ps, first) -> {
      bindEvents(ps, first, by, unique);
      return first + 4;
    }));
    // an event whose id was there already keeps its row and that row's append: this one never matches it
    remember(by, unique);
  }

  private static void bindEvents(PreparedStatement ps, int first, long by, List<LoyaltyEvent> unique)
      throws SQLException {
    ps.setLong(first, by);
    ps.setString(first + 1, ArrayLiteral.ofTexts(unique.stream().map(LoyaltyEvent::id).toList()));
    ps.setString(first + 2, ArrayLiteral.ofTexts(unique.stream().map(EventJson::type).toList()));
    ps.setString(first + 3, ArrayLiteral.ofTexts(unique.stream().map(EventJson::write).toList()));
  }

  @Override
  public List<StoredEvent> after(long position, int limit) {
    if (position < 0 || limit < 1) {
      throw new IllegalArgumentException("position must not be negative and limit positive, got " + position
          + " and " + limit);
    }
    return page("position > ?", limit, (ps, i) -> ps.setLong(i, position));
  }

  /** The consumer's position read by the page's own statement: one round trip, commit included. */
  @Override
  public List<StoredEvent> pending(String consumer, int limit) {
    requireNonNull(consumer, "consumer");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    return page("position > COALESCE((SELECT position FROM loyalty_outbox_consumer WHERE name = ?), 0)", limit,
        (ps, i) -> ps.setString(i, consumer));
  }

  /** Binds a page's condition, its parameter at index {@code index}. */
  @FunctionalInterface
  private interface Condition {
    void bind(PreparedStatement ps, int index) throws SQLException;
  }

  /**
   * Positions for what committed since, then up to {@code limit} events from {@code where} on (its
   * parameter bound by {@code condition}), and outside a caller's unit the commit: one round trip.
   * An event this instance appended comes without its JSON and is delivered from the object
   * appended; any other is read back (those it no longer remembers in a second statement).
   */
  private List<StoredEvent> page(String where, int limit, Condition condition) {
    return db.read(c -> {
      boolean own = ownTransaction();
      List<Object[]> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement((own ? NO_WAIT : "") + SEQUENCE_SQL + "; SELECT position, id, "
          + "appended_by, CASE WHEN appended_by BETWEEN ? AND ? THEN NULL ELSE event::text END FROM loyalty_outbox "
          + "WHERE " + where + " ORDER BY position LIMIT ?" + (own ? "; COMMIT" : ""))) {
        ps.setLong(1, firstAppend);
        ps.setLong(2, firstAppend + appends.get());
        condition.bind(ps, 3);
        ps.setInt(4, limit);
        ps.execute();
        if (own) {
          ps.getMoreResults(); // past the setting
        }
        // the sequencer's lock
        ps.getMoreResults(); // the positions given
        if (!ps.getMoreResults()) {
          throw new IllegalStateException("the outbox's page query gave no result");
        }
        try (ResultSet rs = ps.getResultSet()) {
          while (rs.next()) {
            long by = rs.getLong(3);
            String json = rs.getString(4);
            LoyaltyEvent event = json != null ? EventJson.read(json) : remembered(rs.getString(2), by);
            rows.add(new Object[] {rs.getLong(1), rs.getString(2), event});
          }
        }
      }
      return stored(c, rows);
    });
  }

  /** The page's events, the ones neither read nor remembered read now by id. */
  private static List<StoredEvent> stored(Connection c, List<Object[]> rows) throws SQLException {
    List<String> unread = rows.stream().filter(r -> r[2] == null).map(r -> (String) r[1]).toList();
    Map<String, LoyaltyEvent> read = new HashMap<>();
    if (!unread.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT id, event::text FROM loyalty_outbox WHERE id = ANY (?)")) {
        ps.setArray(1, c.createArrayOf("varchar", unread.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            read.put(rs.getString(1), EventJson.read(rs.getString(2)));
          }
        }
      }
    }
    List<StoredEvent> page = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      LoyaltyEvent event = r[2] != null ? (LoyaltyEvent) r[2] : read.get((String) r[1]);
      page.add(new StoredEvent((Long) r[0], requireNonNull(event, "an event of the page was not found again")));
    }
    return page;
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
