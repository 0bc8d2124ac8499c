package dev.loyalty.core.claims;

import dev.loyalty.core.testing.ClaimsFixture;
import dev.loyalty.core.testing.EngineDatabase;

/**
 * Every test of {@link ClaimsConcurrencyTest} on an engine built with {@code postgres(dataSource)},
 * claims in PostgreSQL: racing checkers and two engines on one database, where the claim store's
 * version check in the database lets exactly one decision win.
 */
class ClaimsConcurrencyOnPostgresTest extends ClaimsConcurrencyTest {
  @Override
  ClaimsFixture fixture() {
    return ClaimsFixture.onPostgres(EngineDatabase.fresh());
  }
}
