package dev.loyalty.core.jdbc;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.jdbc.SentStatements;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What one activity sends to PostgreSQL on an engine built with {@code postgres(dataSource)}: the
 * writes it needs no answer to (its journal entry, filed once in its last state, the events, the
 * tier standing and move, and the participants' figures and earned points, since the activity is
 * new) go in the round trip of its {@code COMMIT}, none in a round trip of its own; the partner's
 * lock goes with the journal's look-up of the activity, and between them, after the lock, the reads
 * the plan needs first: the partner with its parents, the member, both participants' rows; and the delivery that follows reads a listener's page and moves its
 * position in one round trip each, each with its commit. Counted on the connections (a statement
 * text sent counts once, however many statements it holds; a commit counts when the connection
 * was in a transaction, as only then does the driver send it).
 */
class ActivityRoundTripsTest {
  private static final Instant START = LocalDateTime.parse("2026-07-01T09:00").atZone(ZONE).toInstant();
  private static final PartnerId DEALER = DEALERS.get(0);


  @Test
  void theWritesAnActivityNeedsNoAnswerToGoWithItsCommit_andTheDeliveryTakesOneRoundTrip() {
    SentStatements trace = new SentStatements(EngineDatabase.fresh());
    ChannelFixture f = ChannelFixture.onPostgres(START.plusSeconds(5 * 3_600L), ChannelFixture.program(300),
        new SampleRules(), trace.dataSource());
    f.engine.record(sale("INV-1", "cables", 2, 1)); // the participants' rows exist from here on
    trace.clear();

    Receipt receipt = f.engine.record(sale("INV-2", "switches", 60, 2)); // 620,000 in two categories: gold
    assertThat(receipt.status()).isEqualTo(Receipt.Status.RECORDED);
    assertThat(receipt.tierChanges()).as("the activity moved a tier, so its standing and move were written")
        .isNotEmpty();

    List<String> sent = trace.sent();
    int commit = indexOf(sent, "COMMIT", 0);
    assertThat(commit).as("the activity's transaction ends with a statement that commits: %s", sent)
        .isGreaterThanOrEqualTo(0);
    List<String> activity = sent.subList(0, commit + 1);
    String last = activity.get(activity.size() - 1);
    for (String deferred : List.of("INSERT INTO loyalty_journal", "INSERT INTO loyalty_outbox (",
        "tier_since_ns, short_since) VALUES", "INSERT INTO loyalty_tier_move", "INSERT INTO loyalty_figures_applied",
        "INSERT INTO loyalty_points_applied")) {
      assertThat(last).as("%s goes with the COMMIT", deferred).contains(deferred);
      assertThat(activity.subList(0, activity.size() - 1)).as("%s in no round trip of its own", deferred)
          .noneMatch(s -> s.contains(deferred));
    }
    assertThat(activity).as("the entry is filed in its last state: never inserted, then updated")
        .noneMatch(s -> s.contains("UPDATE loyalty_journal"));
    assertThat(activity.stream().filter(s -> s.contains("FROM loyalty_partner")).count())
        .as("the dealer read once, its distributor with it").isEqualTo(1);
    String first = activity.get(0);
    assertThat(first).as("the partner's lock goes with the journal's look-up")
        .contains("pg_advisory_xact_lock").contains("FROM loyalty_journal");
    assertThat(first).as("the partner with its parents, the member, and both participants' rows go with the lock")
        .contains("FROM loyalty_partner").contains("FROM loyalty_member");
    assertThat(first.split("FROM loyalty_points_period", -1)).as("both participants' rows").hasSize(3);
    assertThat(first.indexOf("pg_advisory_xact_lock")).as("the lock before every read")
        .isLessThan(first.indexOf("FROM loyalty_partner")).isLessThan(first.indexOf("FROM loyalty_points_period"))
        .isLessThan(first.indexOf("FROM loyalty_journal"));
    assertThat(activity.subList(1, activity.size())).as("no read of the partner, member or participants after it")
        .noneMatch(s -> s.contains("FROM loyalty_partner") || s.contains("FROM loyalty_member")
            || s.contains("FROM loyalty_figures_month WHERE"));
    assertThat(activity).as("the partner's lock in no round trip of its own")
        .noneMatch(s -> s.strip().equals("SELECT pg_advisory_xact_lock(?, ?)"));
    // the lock with the journal, the partner, the member and two participants' rows; the campaign budget's
    // account, which the plan reads in the ledger; the ledger's two; the commit
    assertThat(activity).as("the activity's round trips: %s", activity).hasSizeLessThanOrEqualTo(5);

    List<String> delivery = sent.subList(commit + 1, sent.size());
    assertThat(delivery).as("the delivery: the listener's page with the position the last delivery reached, "
        + "committing").hasSize(1).allMatch(s -> s.endsWith("COMMIT"));
    assertThat(delivery.get(0)).contains("INSERT INTO loyalty_outbox_consumer")
        .contains("loyalty_outbox_consumer WHERE name = ?");
    assertThat(f.events).as("the events were delivered").isNotEmpty();
  }

  private static int indexOf(List<String> sent, String part, int from) {
    for (int i = from; i < sent.size(); i++) {
      if (sent.get(i).contains(part)) {
        return i;
      }
    }
    return -1;
  }

  private static Sale sale(String id, String category, long quantity, int hours) {
    return ChannelFixture.sale(id, DEALER, Optional.of(rep(DEALER, 1)), START.plusSeconds(hours * 3_600L),
        "SKU-" + category, category, quantity, "10000");
  }
}
