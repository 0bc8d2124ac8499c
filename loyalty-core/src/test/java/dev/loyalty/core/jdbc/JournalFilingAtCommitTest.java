package dev.loyalty.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.StoreFailureException;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.spi.JournalEntry;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Inside a unit of work that looked an activity up and did not find it (what recording does, under
 * the partner's lock), the journal files the entry at the unit's end, in its last state, with one
 * {@code INSERT}: never a row inserted and then updated. If another instance files the same id in
 * between, the unit fails at its commit with a transient {@link StoreFailureException} (the journal's
 * own failure type, as if the insert had been sent at once) and commits nothing; run again, it
 * finds the other's entry.
 */
class JournalFilingAtCommitTest {
  private static final Instant T = Instant.parse("2026-07-02T10:00:00Z");
  private static final ActivityId ID = ActivityId.of("INV-1");

  private static JournalEntry entry(boolean complete, Receipt.Status status) {
    Sale sale = new Sale(ActivityHeader.of(ID.value(), "dealer-a", "dealer-a-rep-1", T), Currency.getInstance("INR"),
        List.of(InvoiceLine.of("CAB-25", "cables", 10, "100.50")));
    return new JournalEntry(sale, Receipt.planned(ID, status, T, List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of()), complete, 0);
  }

  @Test
  void anEntryFiledInTheUnitIsInsertedAtItsEndInItsLastState() {
    DataSource ds = EngineDatabase.fresh();
    JdbcActivityJournal journal = JdbcActivityJournal.using(ds);
    JournalEntry planned = entry(false, Receipt.Status.RECORDED);
    JournalEntry done = entry(true, Receipt.Status.RECORDED);
    JdbcUnitOfWork.inTransaction(ds, () -> {
      assertThat(journal.find(ID)).isEmpty();
      assertThat(journal.insertIfAbsent(planned)).as("filed now").isEmpty();
      assertThat(journal.find(ID)).contains(planned);
      journal.update(done);
      assertThat(journal.find(ID)).contains(done);
      return null;
    });
    assertThat(journal.find(ID)).contains(done);
    assertThat(journal.incomplete()).isEmpty();
  }

  @Test
  void aReadOfSeveralEntriesInsideTheUnitSeesTheEntryFiledInIt() {
    DataSource ds = EngineDatabase.fresh();
    JdbcActivityJournal journal = JdbcActivityJournal.using(ds);
    JournalEntry planned = entry(false, Receipt.Status.RECORDED);
    List<JournalEntry> seen = JdbcUnitOfWork.inTransaction(ds, () -> {
      journal.find(ID);
      journal.insertIfAbsent(planned);
      return journal.incomplete();
    });
    assertThat(seen).containsExactly(planned);
    assertThat(journal.incomplete()).containsExactly(planned);
  }

  @Test
  void anotherInstanceFilingTheIdMeanwhileFailsTheUnitAtItsCommit_andTheUnitRunAgainFindsItsEntry() throws Exception {
    DataSource ds = EngineDatabase.fresh();
    JdbcActivityJournal journal = JdbcActivityJournal.using(ds);
    JdbcActivityJournal other = JdbcActivityJournal.using(EngineDatabase.dataSource());
    JournalEntry theirs = entry(true, Receipt.Status.IN_REVIEW);
    ExecutorService instance = Executors.newSingleThreadExecutor();
    try {
      assertThatThrownBy(() -> JdbcUnitOfWork.inTransaction(ds, () -> {
        assertThat(journal.find(ID)).isEmpty();
        assertThat(journal.insertIfAbsent(entry(false, Receipt.Status.RECORDED))).isEmpty();
        journal.update(entry(true, Receipt.Status.RECORDED));
        try {
          // the other instance files the id before this unit commits
          assertThat(instance.submit(() -> other.insertIfAbsent(theirs)).get(30, TimeUnit.SECONDS)).isEmpty();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return null;
      })).isInstanceOfSatisfying(StoreFailureException.class, e -> {
        assertThat(e.isTransient()).as("a lost race on a key: run the unit again").isTrue();
        assertThat(e).hasMessageContaining("23505");
      });
    } finally {
      instance.shutdownNow();
    }
    assertThat(journal.find(ID)).as("only the other's entry").contains(theirs);
    // run again, the unit finds it
    assertThat(JdbcUnitOfWork.inTransaction(ds, () -> journal.find(ID))).contains(theirs);
  }
}
