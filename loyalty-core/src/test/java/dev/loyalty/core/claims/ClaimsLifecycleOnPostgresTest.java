package dev.loyalty.core.claims;

import dev.loyalty.core.testing.ClaimsFixture;
import dev.loyalty.core.testing.EngineDatabase;

/**
 * Every test of {@link ClaimsLifecycleTest} on an engine built with {@code postgres(dataSource)}: its ledger,
 * journal, figures and outbox in PostgreSQL, while the claims' own stores are still in memory, so
 * claims and adjustments run staged under the partner's lock.
 */
class ClaimsLifecycleOnPostgresTest extends ClaimsLifecycleTest {
  @Override
  ClaimsFixture fixture() {
    return ClaimsFixture.onPostgres(EngineDatabase.fresh());
  }
}
