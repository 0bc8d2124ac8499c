package dev.loyalty.core.claims;

import dev.loyalty.core.testing.ClaimsFixture;
import dev.loyalty.core.testing.EngineDatabase;

/**
 * Every test of {@link AdjustmentsTest} on an engine built with {@code postgres(dataSource)}: its ledger,
 * journal, figures, outbox, claims, invoice records and serial register, identities, audit log
 * and approvals in PostgreSQL; claims and adjustments run staged under the partner's lock.
 */
class AdjustmentsOnPostgresTest extends AdjustmentsTest {
  @Override
  ClaimsFixture fixture() {
    return ClaimsFixture.onPostgres(EngineDatabase.fresh());
  }
}
