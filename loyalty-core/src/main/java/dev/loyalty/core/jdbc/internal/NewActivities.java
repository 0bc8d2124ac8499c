package dev.loyalty.core.jdbc.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ActivityId;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The activities that the calling thread's unit of work looked up in the PostgreSQL journal, did
 * not find, and files itself with its {@code COMMIT} (by a plain {@code INSERT}, which fails the
 * whole unit should another transaction file the id meanwhile). Nothing of such an activity can be
 * in the database before the unit commits: every store of one database writes an activity's effects
 * in the unit that files its entry. So the performance store may send an activity's contributions
 * with the {@code COMMIT} too, without first asking the database whether they were applied (their
 * marks are then plain inserts, which fail the unit should one exist after all). Per unit; used by
 * the unit's thread only.
 */
public final class NewActivities {
  /** The key of the unit's set (the class itself: one set per unit and data source). */
  private static final Object KEY = NewActivities.class;

  private NewActivities() {
  }

  /** Records that the unit open on {@code dataSource} files {@code activity}, unfound; nothing if none is open. */
  public static void add(DataSource dataSource, ActivityId activity) {
    requireNonNull(activity, "activity");
    ids(dataSource).ifPresent(ids -> ids.add(activity));
  }

  /** Whether the unit open on {@code dataSource} files {@code activity}, unfound; false if none is open. */
  public static boolean contains(DataSource dataSource, ActivityId activity) {
    requireNonNull(activity, "activity");
    return ids(dataSource).map(ids -> ids.contains(activity)).orElse(false);
  }

  private static Optional<Set<ActivityId>> ids(DataSource dataSource) {
    return JdbcUnitOfWork.unitValue(dataSource, KEY, HashSet::new);
  }
}
