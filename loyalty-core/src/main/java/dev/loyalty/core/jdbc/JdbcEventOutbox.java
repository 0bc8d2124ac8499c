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
 * to commit and skips it) in the order given, and in the same statement one pending row (per 256 of
 * them) that lists their {@code seq}s; they get no position yet. Positions are given at read time
 * by one sequencer at a time (it holds the {@code loyalty_outbox_head} row), to the committed
 * appends still pending, in append order, continuing from the last position: it deletes their
 * pending rows and writes one narrow batch row per append ({@code loyalty_outbox_batch}: the last
 * position and the events' {@code seq}s in position order), so an event's own row is written once,
 * by its append, and never rewritten (schema version 11). So positions are 1, 2, 3, ... without
 * gaps, and an event committed late (its transaction was long) gets a position after the ones a
 * reader has already seen instead of one behind them, where a consumer would skip it. Joins the calling thread's {@code
 * JdbcUnitOfWork} on the same data source, so an activity's events commit with it ({@link #add}
 * sends them with its {@code COMMIT}). Each append has a number of this instance's (stored with its
 * events), and the instance remembers the events it appended: a page hands those over as the
 * objects appended, without reading their JSON back, as long as the row says that very append
 * stored it; any other event (another instance's, one appended before a restart, one forgotten) is
 * read back. Thread-safe; safe for many application instances on one database.
 */
public final class JdbcEventOutbox implements EventOutbox {

  /** Most pending appends one read gives positions to; the rest wait for the next read. */
  private static final int SEQUENCE_AT_MOST = 1_000;

  /** Most events one pending row (and so one batch row) lists: a larger append takes several. */
  private static final int BATCH_AT_MOST = 256;

  /**
   * The sequencer's lock, then (a statement of its own, so that its snapshot includes whatever
   * committed while it waited for the lock) positions for the appends still pending, in the order
   * of their first events: their pending rows deleted, a batch row each written, the head moved
   * (only when there was any).
   */
  private static final String SEQUENCE_SQL = "SELECT last_position FROM loyalty_outbox_head FOR UPDATE; "
      + "WITH taken AS (DELETE FROM loyalty_outbox_pending WHERE first_seq IN (SELECT first_seq "
      + "  FROM loyalty_outbox_pending ORDER BY first_seq LIMIT " + SEQUENCE_AT_MOST + ") RETURNING first_seq, seqs), "
      + "numbered AS (SELECT seqs, sum(cardinality(seqs)) OVER (ORDER BY first_seq) AS upto FROM taken), "
      + "head AS (UPDATE loyalty_outbox_head SET last_position = last_position + (SELECT max(upto) FROM numbered) "
      + "  WHERE EXISTS (SELECT 1 FROM numbered) RETURNING last_position - (SELECT max(upto) FROM numbered) AS before) "
      + "INSERT INTO loyalty_outbox_batch (last_position, seqs) SELECT head.before + numbered.upto, numbered.seqs "
      + "FROM numbered, head";

  /**
   * Moves a consumer (parameters: name, position, position) forward, to a position the outbox has:
   * 1 row if it moved (or stayed), 0 if it is past the position already or the position is not there.
   */
  private static final String MOVE_SQL = "INSERT INTO loyalty_outbox_consumer AS k (name, position) SELECT ?, ? "
      + "WHERE ? BETWEEN 0 AND (SELECT last_position FROM loyalty_outbox_head) "
      + "ON CONFLICT (name) DO UPDATE SET position = excluded.position WHERE k.position <= excluded.position";

  /**
   * Positions (given, or a consumer's) are bookkeeping that a crash may take back, so their
   * transactions commit without waiting for the disk: WAL is written in order, so a position that
   * survives a crash comes with every position given before it, and a consumer's position taken
   * back only hands it events again (delivery is at least once). An activity's events themselves
   * commit with the activity, durably. Only outside a caller's unit of work, whose commit it would
   * otherwise relax too.
   */
  private static final String NO_WAIT = "SET LOCAL synchronous_commit TO off; ";

  /**
   * The events not there yet, in the order given (parameters: the append's number, ids, types,
   * events as JSON), as the CTE {@code ins} (their {@code seq} and {@code id}).
   */
  private static final String INSERTED = "WITH ins AS (INSERT INTO loyalty_outbox (id, type, event, appended_by) "
      + "SELECT id, type, event::jsonb, ?::bigint FROM unnest(?::varchar[], ?::varchar[], ?::text[]) WITH ORDINALITY "
      + "AS e(id, type, event, n) ORDER BY n ON CONFLICT (id) DO NOTHING RETURNING seq, id) ";

  /** The pending rows listing the events of {@code ins}, {@link #BATCH_AT_MOST} a row, in their order. */
  private static final String PENDING = "INSERT INTO loyalty_outbox_pending (first_seq, seqs) "
      + "SELECT min(seq), array_agg(seq ORDER BY seq) FROM (SELECT seq, (row_number() OVER (ORDER BY seq) - 1) / "
      + BATCH_AT_MOST + " AS part FROM ins) p GROUP BY part";

  /**
   * The events and their pending rows, one statement (so the pending rows commit with the events or
   * not at all), without an answer.
   */
  private static final String INSERT_SQL = INSERTED + PENDING;

  /** The same, answering the ids inserted. */
  private static final String INSERT_RETURNING_SQL = INSERTED + ", pend AS (" + PENDING + ") SELECT id FROM ins";

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
      try (PreparedStatement ps = c.prepareStatement(INSERT_RETURNING_SQL)) {
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
    return page("?::bigint", limit, null, (ps, i) -> {
      ps.setLong(i, position);
      return i + 1;
    });
  }

  /** The consumer's position read by the page's own statement: one round trip, commit included. */
  @Override
  public List<StoredEvent> pending(String consumer, int limit) {
    requireNonNull(consumer, "consumer");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    return page(CONSUMER_POSITION, limit, null, (ps, i) -> {
      ps.setString(i, consumer);
      return i + 1;
    });
  }

  /**
   * The consumer moved and its page read in one round trip, commit included: the move (an upsert
   * that only moves forward) goes between the sequencer and the page query, which reads the
   * consumer's position as the move left it. A position the outbox does not have (the rare case:
   * the move changed nothing and the consumer is not past it) is sent again as {@link #advance},
   * which refuses it.
   */
  @Override
  public List<StoredEvent> advanceAndPending(String consumer, long handled, int limit) {
    requireNonNull(consumer, "consumer");
    if (handled < 0 || limit < 1) {
      throw new IllegalArgumentException("handled must not be negative and limit positive, got " + handled
          + " and " + limit);
    }
    int[] moved = new int[1];
    List<StoredEvent> page = page(CONSUMER_POSITION, limit, moved, (ps, i) -> {
      ps.setString(i, consumer);
      ps.setLong(i + 1, handled);
      ps.setLong(i + 2, handled);
      ps.setString(i + 3, consumer);
      return i + 4;
    });
    if (moved[0] == 0 && position(consumer) < handled) {
      advance(consumer, handled); // throws if the outbox does not have it (yet)
      return pending(consumer, limit);
    }
    return page;
  }

  /** The position of the consumer named by the page's parameter: the start of its page. */
  private static final String CONSUMER_POSITION =
      "COALESCE((SELECT position FROM loyalty_outbox_consumer WHERE name = ?), 0)";

  /** Binds the page's parameters from index {@code index}; returns the index after them. */
  @FunctionalInterface
  private interface Parameters {
    int bind(PreparedStatement ps, int index) throws SQLException;
  }

  /**
   * Positions for what committed since, then (when {@code moved} is given) a consumer's move, then
   * up to {@code limit} events after the position {@code from} (an SQL expression: the move's
   * consumer's position, or a parameter), and outside a caller's unit the commit: one round trip.
   * The page reads at most {@code limit} batch rows from the batch table's primary key, their
   * {@code seq}s unnested, each event by its {@code seq}. An event this instance appended comes
   * without its JSON and is delivered from the object appended; any other is read back (those it no
   * longer remembers in a second statement). {@code parameters} binds the move's parameters (name,
   * position, position) if any, then {@code from}'s.
   */
  private List<StoredEvent> page(String from, int limit, int[] moved, Parameters parameters) {
    return db.read(c -> {
      boolean own = ownTransaction();
      List<Object[]> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement((own ? NO_WAIT : "") + SEQUENCE_SQL + "; "
          + (moved != null ? MOVE_SQL + "; " : "") + pageSql(from) + (own ? "; COMMIT" : ""))) {
        int next = parameters.bind(ps, 1);
        ps.setInt(next, limit);
        ps.setLong(next + 1, firstAppend);
        ps.setLong(next + 2, firstAppend + appends.get());
        ps.setInt(next + 3, limit);
        ps.execute();
        if (own) {
          ps.getMoreResults(); // past the setting
        }
        // the sequencer's lock
        ps.getMoreResults(); // the positions given
        if (moved != null) {
          ps.getMoreResults(); // the move
          moved[0] = ps.getUpdateCount();
        }
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

  /**
   * The page query from the position {@code from} (an SQL expression, its parameters first; then
   * the range of this instance's appends, the most batch rows, the most events). Each event is read
   * by its {@code seq} in a subquery of its own ({@code OFFSET 0} keeps the planner from joining
   * the whole table: a generic plan, which knows no {@code LIMIT}, otherwise hashes every event).
   */
  static String pageSql(String from) {
    return "WITH f AS (SELECT " + from + " AS p) "
        + "SELECT b.last_position - cardinality(b.seqs) + s.n, o.id, o.appended_by, o.event "
        + "FROM f CROSS JOIN LATERAL (SELECT last_position, seqs FROM loyalty_outbox_batch WHERE last_position > f.p "
        + "  ORDER BY last_position LIMIT ?) b "
        + "CROSS JOIN LATERAL unnest(b.seqs) WITH ORDINALITY AS s(seq, n) "
        + "CROSS JOIN LATERAL (SELECT id, appended_by, CASE WHEN appended_by BETWEEN ? AND ? THEN NULL "
        + "  ELSE event::text END AS event FROM loyalty_outbox WHERE seq = s.seq OFFSET 0) o "
        + "WHERE b.last_position - cardinality(b.seqs) + s.n > f.p ORDER BY 1 LIMIT ?";
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

  /** Gives positions to the committed appends still pending (none: a cheap look at a small table). */
  private void sequence(Connection c) throws SQLException {
    try (PreparedStatement any = c.prepareStatement("SELECT 1 FROM loyalty_outbox_pending LIMIT 1");
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
    try (PreparedStatement ps = c.prepareStatement(relaxed() + MOVE_SQL + (own ? "; COMMIT" : ""))) {
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
