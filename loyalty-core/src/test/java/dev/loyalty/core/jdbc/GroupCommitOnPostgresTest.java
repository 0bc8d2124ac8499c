package dev.loyalty.core.jdbc;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.DISTRIBUTOR;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.DuplicateActivityException;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.jdbc.internal.GroupTransactions;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.core.testing.TriggerFaults;
import dev.loyalty.ledger.TransactionId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's group commit on PostgreSQL ({@link GroupCommit}), with groups made on purpose: a
 * gate in the rules holds the first activity (and so its lane's one group) until the activities of
 * the other partners are queued behind it, so they run as the next group, in one transaction. A
 * refused activity and one whose store fails after it wrote get their own exception and change
 * nothing, while the rest of their group commits; a transient failure in one activity, or at the
 * group's commit, runs the activities again, each applied once; a backend killed in the middle of
 * a group leaves nothing half-applied, and recording again or {@code recover()} leaves one effect
 * of each. Every outcome is compared with the in-memory engine recording the same activities.
 */
class GroupCommitOnPostgresTest {
  private static final Instant START = LocalDateTime.parse("2026-07-01T09:00").atZone(ZONE).toInstant();
  private static final Instant NOW = START.plusSeconds(10 * 3_600L);
  private static final Program PROGRAM = ChannelFixture.program(1_000_000_000L);
  /** The partners of the held group, in the order a group takes their locks (their ids'). */
  private static final List<PartnerId> FOLLOWERS = List.of(DEALERS.get(1), DEALERS.get(2), DISTRIBUTOR);

  private final CountDownLatch gateEntered = new CountDownLatch(1);
  private final CountDownLatch gateOpen = new CountDownLatch(1);
  /** The sample rules, except that dealer-a's activities whose ids start with "GATE" wait for the gate. */
  private final RuleEngine rules = facts -> {
    if (facts.activity().id().value().startsWith("GATE") && facts.activity().partner().equals(DEALERS.get(0))) {
      gateEntered.countDown();
      await(gateOpen);
    }
    return new SampleRules().evaluate(facts);
  };

  private DataSource ds;

  @AfterEach
  void dropTriggers() {
    if (ds != null) {
      TriggerFaults.sql(ds, "DROP TRIGGER IF EXISTS test_group_fault ON ledger_transaction");
      TriggerFaults.sql(ds, "DROP TRIGGER IF EXISTS test_group_fault ON loyalty_journal");
    }
  }

  private static Sale sale(String id, PartnerId partner, long quantity, int hours) {
    Optional<dev.loyalty.core.model.MemberId> member = partner.equals(DISTRIBUTOR) ? Optional.empty()
        : Optional.of(rep(partner, 1));
    return ChannelFixture.sale(id, partner, member, START.plusSeconds(hours * 3_600L), "SKU-1", "cables", quantity,
        "10000");
  }

  private ChannelFixture engine(GroupCommit grouping) {
    ds = EngineDatabase.fresh();
    return ChannelFixture.onPostgres(NOW, PROGRAM, rules, ds, grouping);
  }

  private static ChannelFixture model() {
    return new ChannelFixture(NOW, PROGRAM, new SampleRules());
  }

  /**
   * Records {@code gate} on a thread of its own, waits until it holds its group, records each of
   * {@code others} on a thread of its own, waits until they all wait in the lane, then opens the
   * gate: the others are the next group. Returns each activity's receipt or exception.
   */
  private Map<ActivityId, Object> heldGroup(ChannelFixture f, Activity gate, List<? extends Activity> others)
      throws InterruptedException {
    Map<ActivityId, Object> outcomes = new ConcurrentHashMap<>();
    Function<Activity, Thread> start = a -> {
      Thread t = new Thread(() -> {
        try {
          outcomes.put(a.id(), f.engine.record(a));
        } catch (RuntimeException e) {
          outcomes.put(a.id(), e);
        }
      }, "record-" + a.id().value());
      t.start();
      return t;
    };
    List<Thread> threads = new ArrayList<>();
    threads.add(start.apply(gate));
    assertThat(gateEntered.await(30, TimeUnit.SECONDS)).as("the gate's activity runs").isTrue();
    for (Activity a : others) {
      threads.add(start.apply(a));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (threads.subList(1, threads.size()).stream().anyMatch(t -> t.getState() != Thread.State.WAITING)) {
      assertThat(System.nanoTime()).as("the others queue behind the gate").isLessThan(deadline);
      Thread.sleep(5);
    }
    gateOpen.countDown();
    for (Thread t : threads) {
      t.join(60_000);
      assertThat(t.isAlive()).as("%s finished", t.getName()).isFalse();
    }
    return outcomes;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the gate was never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A trigger on {@code on} (for example "BEFORE INSERT ON ledger_transaction") running {@code body} when {@code when} holds. */
  private void trigger(String on, String when, String body) {
    TriggerFaults.sql(ds, "CREATE SEQUENCE IF NOT EXISTS test_group_fault_calls");
    TriggerFaults.sql(ds, "ALTER SEQUENCE test_group_fault_calls RESTART WITH 1");
    TriggerFaults.sql(ds, "CREATE OR REPLACE FUNCTION test_group_fault() RETURNS trigger LANGUAGE plpgsql AS $$ "
        + "BEGIN IF " + when + " THEN " + body + " END IF; RETURN NEW; END $$");
    TriggerFaults.sql(ds, "CREATE " + (on.startsWith("AFTER") ? "CONSTRAINT " : "") + "TRIGGER test_group_fault " + on
        + (on.startsWith("AFTER") ? " DEFERRABLE INITIALLY DEFERRED" : "") + " FOR EACH ROW EXECUTE FUNCTION "
        + "test_group_fault()");
  }

  private static final String ONCE = "nextval('test_group_fault_calls') = 1";

  /**
   * How many times a fault that fires {@link #ONCE} met its row (its sequence's calls), 0 if never:
   * 2 is the fault, then the run again that went through.
   */
  private long fired() {
    return count("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM test_group_fault_calls");
  }

  private long count(String sql) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Every activity applied exactly once: one journal entry, one ledger transaction of its key. */
  private void appliedOnce(List<? extends Activity> activities) {
    for (Activity a : activities) {
      String id = a.id().value();
      assertThat(count("SELECT count(*) FROM loyalty_journal WHERE activity_id = '" + id + "'"))
          .as("journal entries of %s", id).isEqualTo(1);
      assertThat(count("SELECT count(*) FROM ledger_transaction WHERE idempotency_key LIKE '%:activity:" + id + "'"))
          .as("ledger transactions of %s", id).isEqualTo(1);
    }
  }

  /** Receipts, balances, figures and tiers of {@code f} equal {@code model}'s. */
  private static void sameAs(ChannelFixture model, ChannelFixture f, List<? extends Activity> activities) {
    for (Activity a : activities) {
      assertThat(normalized(f.engine.receipt(a.id()).orElseThrow())).as("receipt of %s", a.id())
          .isEqualTo(normalized(model.engine.receipt(a.id()).orElseThrow()));
    }
    sameStateAs(model, f);
    assertThat(f.journal.incomplete()).isEmpty();
  }

  /**
   * Every participant's wallet, figures and tier of {@code f} equal {@code model}'s, and {@code
   * f}'s ledger balances and its chain verifies.
   */
  static void sameStateAs(ChannelFixture model, ChannelFixture f) {
    List<ParticipantId> participants = new ArrayList<>(List.of(DISTRIBUTOR));
    for (PartnerId dealer : DEALERS) {
      participants.addAll(List.of(dealer, rep(dealer, 1), rep(dealer, 2)));
    }
    for (ParticipantId p : participants) {
      assertThat(f.engine.balance(p)).as("wallet of %s", p).isEqualTo(model.engine.balance(p));
      assertThat(f.engine.figures(p)).as("figures of %s", p).isEqualTo(model.engine.figures(p));
      assertThat(f.engine.progress(p)).as("tier of %s", p).isEqualTo(model.engine.progress(p));
    }
    assertThat(f.ledger.trialBalance().isBalanced()).isTrue();
    assertThat(f.ledger.verify().intact()).isTrue();
  }

  private static Receipt normalized(Receipt r) {
    return r.withTransaction(r.transaction().map(tx -> TransactionId.of(1)));
  }

  /** What a refused activity must not have changed: its partner's and rep's state, and its receipt. */
  private record Untouched(Object receipt, List<Object> state) {
    static Untouched of(ChannelFixture f, Activity a) {
      List<Object> state = new ArrayList<>();
      for (ParticipantId p : List.<ParticipantId>of(a.partner(), rep(a.partner(), 1))) {
        state.add(f.engine.balance(p));
        state.add(f.engine.figures(p));
        state.add(f.engine.progress(p));
      }
      return new Untouched(f.engine.receipt(a.id()), state);
    }
  }

  @Test
  void aGroupWithARefusedAndAFailingActivity_commitsTheOthers_andThoseTwoChangeNothing() throws Exception {
    ChannelFixture f = engine(new GroupCommit(1, 16));
    ChannelFixture model = model();
    Sale earlier = sale("DUP-1", FOLLOWERS.get(0), 4, 1);
    for (ChannelFixture x : List.of(f, model)) {
      x.engine.record(earlier);
    }
    // the ledger's write of BAD-1 fails, after its figures and tier were written in its transaction
    trigger("BEFORE INSERT ON ledger_transaction", "NEW.idempotency_key LIKE '%:activity:BAD-1'",
        "RAISE EXCEPTION 'test fault: the ledger''s write of BAD-1';");
    Sale gate = sale("GATE-1", DEALERS.get(0), 3, 2);
    Sale duplicate = sale("DUP-1", FOLLOWERS.get(0), 9, 3); // the id of an earlier invoice, other content
    Sale failing = sale("BAD-1", FOLLOWERS.get(1), 70, 3);  // 700,000: a tier move too, were it kept
    Sale good = sale("OK-1", FOLLOWERS.get(2), 5, 3);
    Untouched duplicateBefore = Untouched.of(f, duplicate);
    Untouched failingBefore = Untouched.of(f, failing);
    GroupTransactions.Totals before = GroupTransactions.totals();

    Map<ActivityId, Object> outcomes = heldGroup(f, gate, List.of(duplicate, failing, good));

    assertThat(outcomes.get(duplicate.id())).isInstanceOf(DuplicateActivityException.class);
    assertThat(outcomes.get(failing.id())).isInstanceOf(RuntimeException.class)
        .satisfies(e -> assertThat((Throwable) e).hasStackTraceContaining("test fault"));
    assertThat(outcomes.get(good.id())).isInstanceOf(Receipt.class);
    assertThat(outcomes.get(gate.id())).isInstanceOf(Receipt.class);
    GroupTransactions.Totals after = GroupTransactions.totals();
    assertThat(after.groups() - before.groups()).as("the gate's group, then the others' one group").isEqualTo(2);
    assertThat(after.pieces() - before.pieces()).as("committed: the gate's and OK-1").isEqualTo(2);
    assertThat(Untouched.of(f, duplicate)).as("the duplicate changed nothing").isEqualTo(duplicateBefore);
    assertThat(Untouched.of(f, failing)).as("the failing activity changed nothing").isEqualTo(failingBefore);
    assertThat(count("SELECT count(*) FROM loyalty_figures_applied WHERE activity_id = 'BAD-1'")).isZero();
    model.engine.record(gate);
    model.engine.record(good);
    sameAs(model, f, List.of(earlier, gate, good));

    dropTriggers();
    Receipt again = f.engine.record(failing); // once the store works, recording it again applies it once
    assertThat(again.status()).isEqualTo(Receipt.Status.RECORDED);
    model.engine.record(failing);
    appliedOnce(List.of(earlier, gate, good, failing));
    sameAs(model, f, List.of(earlier, gate, good, failing));
  }

  /**
   * Regression (found by {@link GroupCommitConcurrencyTest}): dealer-a's activity looked for its id
   * in the journal, and before its ledger write dealer-b's activity of the same id committed; the
   * ledger then found the key used for another request and the caller got a LoyaltyException
   * ("cannot be written"), where the in-memory engine refuses the second of the two as a duplicate.
   * Now the transaction runs again and finds dealer-b's entry.
   */
  @Test
  void anActivityWhoseIdAnotherPartnerCommittedMeanwhile_isRefusedAsADuplicate() throws Exception {
    ChannelFixture f = engine(new GroupCommit(2, 16));
    Sale mine = sale("GATE-SAME", DEALERS.get(0), 3, 2);
    Sale theirs = sale("GATE-SAME", FOLLOWERS.get(0), 4, 2);
    Map<ActivityId, Object> outcome = new ConcurrentHashMap<>();
    Thread held = new Thread(() -> {
      try {
        outcome.put(mine.id(), f.engine.record(mine));
      } catch (RuntimeException e) {
        outcome.put(mine.id(), e);
      }
    });
    held.start();
    assertThat(gateEntered.await(30, TimeUnit.SECONDS)).isTrue(); // it looked in the journal, found nothing
    Receipt first = f.engine.record(theirs);                        // another lane: committed meanwhile
    gateOpen.countDown();
    held.join(60_000);

    assertThat(outcome.get(mine.id())).isInstanceOf(DuplicateActivityException.class);
    assertThat(f.engine.receipt(mine.id())).contains(first);
    ChannelFixture model = model();
    model.engine.record(theirs);
    appliedOnce(List.of(theirs));
    sameAs(model, f, List.of(theirs));
  }

  /** A held group's run: what the group commit counted, and every activity of it (the gate's first). */
  private record GroupRun(GroupTransactions.Totals counted, List<Sale> all) {
  }

  /**
   * The gate, then OK-B, {@code middle} and OK-D as one held group, with a fault armed that fires
   * once: every activity is recorded, after running again where the fault hit it, once, and as the
   * in-memory engine records it.
   */
  private GroupRun throughAFault(ChannelFixture f, String middle) throws InterruptedException {
    Sale gate = sale("GATE-1", DEALERS.get(0), 3, 2);
    List<Sale> all = List.of(gate, sale("OK-B", FOLLOWERS.get(0), 4, 3), sale(middle, FOLLOWERS.get(1), 70, 3),
        sale("OK-D", FOLLOWERS.get(2), 5, 3));
    GroupTransactions.Totals before = GroupTransactions.totals();

    Map<ActivityId, Object> outcomes = heldGroup(f, gate, all.subList(1, all.size()));

    GroupTransactions.Totals after = GroupTransactions.totals();
    assertThat(outcomes.values()).as("each recorded, where the fault hit after running again")
        .allSatisfy(o -> assertThat(o).isInstanceOf(Receipt.class));
    assertThat(fired()).as("the fault fired, then the run again went through").isEqualTo(2);
    ChannelFixture model = model();
    all.forEach(model.engine::record);
    appliedOnce(all);
    sameAs(model, f, all);
    return new GroupRun(new GroupTransactions.Totals(after.groups() - before.groups(),
        after.pieces() - before.pieces()), all);
  }

  @Test
  void aTransientFailureOfOneActivityInAGroup_runsItAgainInALaterGroup_once() throws Exception {
    ChannelFixture f = engine(new GroupCommit(1, 16));
    trigger("BEFORE INSERT ON ledger_transaction", "NEW.idempotency_key LIKE '%:activity:RETRY-1' AND " + ONCE,
        "RAISE EXCEPTION 'test conflict' USING ERRCODE = '40001';");

    GroupRun run = throughAFault(f, "RETRY-1");

    assertThat(run.counted().groups()).as("the gate's, the others', RETRY-1's again").isEqualTo(3);
    assertThat(run.counted().pieces()).as("each committed once").isEqualTo(4);
  }

  @Test
  void aTransientFailureAtTheGroupsCommit_runsEveryActivityOfTheGroupAgain_once() throws Exception {
    ChannelFixture f = engine(new GroupCommit(1, 16));
    // a deferred trigger fires at the COMMIT: the group's commit fails with a serialization failure, once
    trigger("AFTER INSERT ON loyalty_journal", "NEW.activity_id = 'OK-D' AND " + ONCE,
        "RAISE EXCEPTION 'test conflict at commit' USING ERRCODE = '40001';");

    GroupRun run = throughAFault(f, "OK-C");

    assertThat(run.counted().pieces()).as("each committed once").isEqualTo(4);
    assertThat(run.counted().groups()).as("the failed group is not counted; its three ran again").isBetween(2L, 4L);
  }

  @Test
  void aBackendKilledInTheMiddleOfAGroup_leavesNothingHalfApplied_andEachActivityIsAppliedOnce() throws Exception {
    ChannelFixture f = engine(new GroupCommit(1, 16));
    // the second activity of the group kills the group's connection at its ledger write; the first has run by then
    trigger("BEFORE INSERT ON ledger_transaction", "NEW.idempotency_key LIKE '%:activity:KILL-1' AND " + ONCE,
        "PERFORM pg_terminate_backend(pg_backend_pid()); PERFORM pg_sleep(5);");

    List<Sale> all = throughAFault(f, "KILL-1").all();

    ChannelFixture model = model();
    all.forEach(model.engine::record);
    // recording them again, and recovering, leaves one effect of each
    Map<ActivityId, Receipt> receipts = new LinkedHashMap<>();
    all.forEach(a -> receipts.put(a.id(), f.engine.receipt(a.id()).orElseThrow()));
    all.forEach(a -> assertThat(f.engine.record(a)).isEqualTo(receipts.get(a.id())));
    assertThat(f.engine.recover().finished()).isEmpty();
    appliedOnce(all);
    sameAs(model, f, all);
  }
}
