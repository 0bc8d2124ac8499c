package dev.loyalty.core;

import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.EngineDatabase;
import java.time.Instant;
import java.time.LocalDateTime;

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
}
