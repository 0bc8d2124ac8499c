package dev.loyalty.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.EngineDatabase;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every refusal of {@link EngineRefusalsTest} with every store in PostgreSQL: the same exceptions
 * and messages, and nothing changed (ledger, journal, figures, events), now that a refusal is a
 * rolled-back transaction. A test's second engine (other rules) is a second instance on the same
 * database.
 */
class EngineRefusalsOnPostgresTest extends EngineRefusalsTest {
  private static final Instant T0 = LocalDateTime.parse("2026-07-02T10:00").atZone(ChannelFixture.ZONE).toInstant();

  /** Whether this test emptied the database yet (left unset by an initializer: the base class calls first). */
  private boolean emptied;

  @Override
  ChannelFixture fixture(RuleEngine rules) {
    var ds = emptied ? EngineDatabase.dataSource() : EngineDatabase.fresh();
    emptied = true;
    return ChannelFixture.onPostgres(T0, ChannelFixture.program(300), rules, ds);
  }

  /**
   * In one transaction the engine counts an activity in figures and tiers before the ledger's write
   * (which locks the accounts everyone pays from until the commit); a refusal for good must then
   * count nothing: the transaction is rolled back and run again with the ledger first.
   */
  @Test
  void aLedgerRefusalForGoodCountsNothing_inTheTransactionThatCountedFirst() {
    RuleEngine huge = facts -> new RuleOutcome(List.of(Award.of(facts.partner().id(), 1_000_000_000_000_000_000L,
        RuleRef.of("huge", "1"), "A rule gone wrong.")), List.of(), List.of(), List.of(), List.of());
    ChannelFixture f = ChannelFixture.onPostgres(T0, ChannelFixture.program(300).withReviewAbovePoints(Long.MAX_VALUE),
        huge, EngineDatabase.fresh());
    PartnerId dealer = ChannelFixture.DEALERS.get(0);
    for (int i = 1; i <= 9; i++) {
      f.engine.record(ChannelFixture.sale("INV-" + i, dealer, Optional.empty(), T0, "CAB-25", "cables", 1, "100"));
    }
    var ledgerBefore = f.ledger.trialBalance();
    var figuresBefore = f.engine.figures(dealer);
    int eventsBefore = f.events.size();

    assertThatThrownBy(() -> f.engine.record(ChannelFixture.sale("INV-10", dealer, Optional.empty(), T0, "CAB-25",
        "cables", 1, "100"))).isInstanceOf(ActivityRefusedException.class).hasMessageContaining("overflows a long");

    Receipt refused = f.engine.receipt(ActivityId.of("INV-10")).orElseThrow();
    assertThat(refused.status()).isEqualTo(Receipt.Status.REFUSED);
    assertThat(f.ledger.trialBalance()).isEqualTo(ledgerBefore);
    assertThat(f.engine.figures(dealer)).isEqualTo(figuresBefore);
    assertThat(f.engine.figures(dealer).windowOrders()).isEqualTo(9);
    assertThat(f.events).hasSize(eventsBefore);
    assertThat(f.journal.incomplete()).isEmpty();
    // and again: the same refusal, still nothing counted
    assertThatThrownBy(() -> f.engine.record(ChannelFixture.sale("INV-10", dealer, Optional.empty(), T0, "CAB-25",
        "cables", 1, "100"))).isInstanceOf(ActivityRefusedException.class);
    assertThat(f.engine.figures(dealer).windowOrders()).isEqualTo(9);
  }
}
