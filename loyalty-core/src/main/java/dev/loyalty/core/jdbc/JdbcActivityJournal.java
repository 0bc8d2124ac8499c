package dev.loyalty.core.jdbc;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.jdbc.internal.Database;
import dev.loyalty.core.jdbc.internal.JournalFacts;
import dev.loyalty.core.jdbc.internal.NewActivities;
import dev.loyalty.core.jdbc.internal.PrefetchedReads;
import dev.loyalty.core.jdbc.internal.Rows;
import dev.loyalty.core.jdbc.internal.ReceiptJson;
import dev.loyalty.core.json.ActivityJson;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.spi.ActivityJournal;
import dev.loyalty.core.spi.JournalEntry;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The {@link ActivityJournal} in PostgreSQL: one row per activity ({@code loyalty_journal}) with the
 * activity and its receipt as JSON, the order it was first filed in, and whether it is complete;
 * beside it, written by the same statement, the entry's facts in plain columns ({@code
 * loyalty_journal_fact} and {@code loyalty_journal_award}), which {@code engine.insights()} adds up
 * in SQL. {@link #insertIfAbsent} is one {@code INSERT ... ON CONFLICT DO NOTHING}: of two
 * instances filing one id, the second waits for the first to commit and then finds its entry. Joins the calling
 * thread's {@code JdbcUnitOfWork} on the same data source, so an activity's entry commits with its
 * other effects; inside a unit, updates of an entry are kept until the unit commits and only the
 * last is written, in the round trip of its {@code COMMIT} (an entry the unit filed after finding
 * none is inserted there, in its last state). Thread-safe; safe for many application instances on
 * one database.
 */
public final class JdbcActivityJournal implements ActivityJournal {
  private static final String COLUMNS = "activity::text, receipt::text, complete, attempt";
  /** How many entries {@link #forEach} reads at a time. */
  private static final int PAGE = 1_000;
  private static final String INSERT_HEAD = "WITH entry AS (INSERT INTO loyalty_journal (activity_id, partner_id, "
      + "kind, invoice_id, status, complete, attempt, activity, receipt) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)";
  private static final String INSERT_SQL = INSERT_HEAD + " RETURNING activity_id)" + JournalFacts.TAIL;
  private static final String INSERT_UNLESS_FILED_SQL = INSERT_HEAD + " ON CONFLICT (activity_id) DO NOTHING "
      + "RETURNING activity_id)" + JournalFacts.TAIL;
  private static final String UPDATE_SQL = "WITH entry AS (UPDATE loyalty_journal SET status = ?, complete = ?, "
      + "attempt = ?, activity = ?::jsonb, receipt = ?::jsonb WHERE activity_id = ? RETURNING activity_id)"
      + JournalFacts.TAIL;

  private final Database db;

  private JdbcActivityJournal(DataSource dataSource) {
    this.db = new Database(dataSource, "activity journal");
  }

  /** The journal in the database of {@code dataSource}, migrated with {@link PostgresStores#migrate()}. */
  public static JdbcActivityJournal using(DataSource dataSource) {
    return new JdbcActivityJournal(dataSource);
  }

  /**
   * Updates deferred to the end of the calling thread's unit of work, by activity: an activity's
   * entry is saved several times as its steps run, and inside one transaction only the last save
   * counts. Flushed just before the unit commits, and before any read of several entries.
   */
  private Optional<Deferred> deferred() {
    return JdbcUnitOfWork.unitValue(db.dataSource(), this, () -> {
      Deferred deferred = new Deferred(new LinkedHashMap<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
      JdbcUnitOfWork.beforeCommit(db.dataSource(), () -> flush(deferred));
      return deferred;
    });
  }

  /**
   * What the unit of work holds back: the entries to write at its end; the ids known to be filed
   * (so an update needs no check); the ids this unit looked up and did not find; and of the pending
   * entries, those filed in this unit, whose row is inserted at its end rather than updated.
   */
  private record Deferred(Map<ActivityId, JournalEntry> pending, Set<ActivityId> filed, Set<ActivityId> absent,
      Set<ActivityId> unfiled) {
  }

  /**
   * At the unit's commit: each pending entry's row goes with the {@code COMMIT}, inserted if it was
   * filed in this unit, else updated (it was filed before, or found in this unit, under the
   * partner's lock, so the update finds it).
   */
  private void flush(Deferred deferred) {
    for (JournalEntry entry : takePending(deferred)) {
      db.write(deferred.unfiled().remove(entry.activity().id()) ? insertOf(entry, false) : updateOf(entry));
    }
  }

  private static List<JournalEntry> takePending(Deferred deferred) {
    List<JournalEntry> entries = List.copyOf(deferred.pending().values());
    deferred.pending().clear();
    return entries;
  }

  /** Before a read of several entries: the pending rows written now, so the read sees them. */
  private void flushDeferred() {
    deferred().ifPresent(d -> takePending(d).forEach(entry -> {
      if (d.unfiled().remove(entry.activity().id())) {
        db.run(c -> {
          JdbcUnitOfWork.DeferredWrite insert = insertOf(entry, false);
          try (PreparedStatement ps = c.prepareStatement(insert.sql())) {
            insert.bind(c, ps, 1);
            return written(ps);
          }
        });
      } else {
        write(entry);
      }
    }));
  }

  @Override
  public Optional<JournalEntry> find(ActivityId activity) {
    requireNonNull(activity, "activity");
    Optional<Deferred> deferred = deferred();
    JournalEntry pending = deferred.map(d -> d.pending().get(activity)).orElse(null);
    if (pending != null) {
      return Optional.of(pending);
    }
    // usually a partner's unit's first statement: its lock goes in the same round trip
    Optional<JournalEntry> found = db.runAfterPrelude((c, prelude) -> {
      String select = "SELECT " + COLUMNS + " FROM loyalty_journal WHERE activity_id = ?";
      try (PreparedStatement ps = c.prepareStatement(prelude.map(p -> p.sql() + "; ").orElse("") + select)) {
        int next = prelude.isPresent() ? prelude.get().bind(c, ps, 1) : 1;
        ps.setString(next, activity.value());
        ps.execute();
        if (prelude.isPresent() && prelude.get() instanceof PrefetchedReads.Reading reads) {
          reads.read(ps); // the reads sent with the lock, for the stores that would send them next
        }
        if (prelude.isPresent() && !ps.getMoreResults()) { // past the prelude's results
          throw new IllegalStateException("the journal's look-up gave no result");
        }
        try (ResultSet rs = ps.getResultSet()) {
          return rs.next() ? Optional.of(entry(rs)) : Optional.<JournalEntry>empty();
        }
      }
    });
    deferred.ifPresent(d -> (found.isPresent() ? d.filed() : d.absent()).add(activity));
    return found;
  }

  /**
   * Inside a unit of work that has just looked the id up and not found it (as recording does, under
   * the partner's lock), the entry is filed at the unit's end, with its {@code COMMIT}, by a plain
   * {@code INSERT} of its last state: no row inserted and then updated in one transaction. Should
   * another instance file the id meanwhile (an activity of another partner under the same id), the
   * insert fails on the key at the commit, nothing of the unit is committed, and the unit, run
   * again, finds that entry. Otherwise one {@code INSERT ... ON CONFLICT DO NOTHING} at once.
   */
  @Override
  public Optional<JournalEntry> insertIfAbsent(JournalEntry entry) {
    requireNonNull(entry, "entry");
    ActivityId id = entry.activity().id();
    Optional<Deferred> deferred = deferred();
    if (deferred.isPresent() && deferred.get().absent().remove(id)) {
      deferred.get().unfiled().add(id);
      deferred.get().filed().add(id);
      deferred.get().pending().put(id, entry);
      NewActivities.add(db.dataSource(), id);
      return Optional.empty();
    }
    JdbcUnitOfWork.DeferredWrite insert = insertOf(entry, true);
    boolean inserted = db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(insert.sql())) {
        insert.bind(c, ps, 1);
        return written(ps) == 1;
      }
    });
    if (inserted) {
      deferred.ifPresent(d -> d.filed().add(id));
      return Optional.empty();
    }
    return Optional.of(find(id).orElseThrow(() ->
        new IllegalStateException("journal entry of " + id + " was neither inserted nor found")));
  }

  /** The statement that files {@code entry} with its facts; {@code unlessFiled}: nothing if the id is filed. */
  private static JdbcUnitOfWork.DeferredWrite insertOf(JournalEntry entry, boolean unlessFiled) {
    return JdbcUnitOfWork.DeferredWrite.of(unlessFiled ? INSERT_UNLESS_FILED_SQL : INSERT_SQL, (c, ps, first) -> {
      ps.setString(first, entry.activity().id().value());
      ps.setString(first + 1, entry.activity().partner().value());
      ps.setString(first + 2, entry.activity().kind());
      ps.setString(first + 3, entry.activity() instanceof SaleReturn r ? r.invoice().value() : null);
      bindState(ps, first + 4, entry);
      return JournalFacts.bind(ps, first + 9, entry);
    });
  }

  @Override
  public void update(JournalEntry entry) {
    requireNonNull(entry, "entry");
    Optional<Deferred> deferred = deferred();
    if (deferred.isPresent()) {
      ActivityId id = entry.activity().id();
      if (!deferred.get().filed().contains(id) && find(id).isEmpty()) {
        throw new IllegalStateException("no journal entry for activity " + id + " to update");
      }
      deferred.get().pending().put(id, entry);
      return;
    }
    write(entry);
  }

  private void write(JournalEntry entry) {
    JdbcUnitOfWork.DeferredWrite update = updateOf(entry);
    int updated = db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(update.sql())) {
        update.bind(c, ps, 1);
        return written(ps);
      }
    });
    if (updated == 0) {
      throw new IllegalStateException("no journal entry for activity " + entry.activity().id() + " to update");
    }
  }

  /** The statement that writes {@code entry} over its row, with its facts. */
  private static JdbcUnitOfWork.DeferredWrite updateOf(JournalEntry entry) {
    return JdbcUnitOfWork.DeferredWrite.of(UPDATE_SQL, (c, ps, first) -> {
      bindState(ps, first, entry);
      ps.setString(first + 5, entry.activity().id().value());
      return JournalFacts.bind(ps, first + 6, entry);
    });
  }

  /** How many entries a statement ending in {@link JournalFacts#TAIL} wrote. */
  private static int written(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Override
  public List<JournalEntry> returnsOf(ActivityId invoice) {
    requireNonNull(invoice, "invoice");
    flushDeferred();
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM loyalty_journal "
          + "WHERE invoice_id = ? ORDER BY filed")) {
        ps.setString(1, invoice.value());
        return entries(ps);
      }
    });
  }

  @Override
  public List<JournalEntry> incomplete() {
    flushDeferred();
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM loyalty_journal "
          + "WHERE NOT complete ORDER BY filed")) {
        return entries(ps);
      }
    });
  }

  /**
   * Reads the journal page by page in filing order, each page in a transaction of its own (so a
   * page the database made us read again is handed over once), {@code action} running between
   * pages: an entry filed before the call is seen once, an entry updated meanwhile as it was before
   * or after.
   */
  @Override
  public void forEach(Consumer<JournalEntry> action) {
    requireNonNull(action, "action");
    flushDeferred();
    long after = 0;
    while (true) {
      long from = after;
      List<Filed> page = db.run(c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", filed FROM loyalty_journal "
            + "WHERE filed > ? ORDER BY filed LIMIT " + PAGE)) {
          ps.setLong(1, from);
          List<Filed> read = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              read.add(new Filed(entry(rs), rs.getLong(5)));
            }
          }
          return read;
        }
      });
      page.forEach(filed -> action.accept(filed.entry()));
      if (page.size() < PAGE) {
        return;
      }
      after = page.get(page.size() - 1).number();
    }
  }

  /** An entry and the number it was filed under. */
  private record Filed(JournalEntry entry, long number) {
  }

  /** Binds status, complete, attempt, activity and receipt from {@code first} on. */
  private static void bindState(PreparedStatement ps, int first, JournalEntry entry) throws SQLException {
    ps.setString(first, entry.receipt().status().name());
    ps.setBoolean(first + 1, entry.complete());
    ps.setInt(first + 2, entry.attempt());
    ps.setString(first + 3, ActivityJson.write(entry.activity()));
    ps.setString(first + 4, ReceiptJson.write(entry.receipt()));
  }

  private static List<JournalEntry> entries(PreparedStatement ps) throws SQLException {
    return Rows.list(ps, JdbcActivityJournal::entry);
  }

  /** The entry in the current row ({@link #COLUMNS}). */
  private static JournalEntry entry(ResultSet rs) throws SQLException {
    return new JournalEntry(ActivityJson.parse(rs.getString(1)), ReceiptJson.read(rs.getString(2)), rs.getBoolean(3),
        rs.getInt(4));
  }
}
