package dev.loyalty.core.claims;

import dev.loyalty.core.testing.ClaimsFixture;
import dev.loyalty.core.testing.EngineDatabase;

/**
 * Every test of {@link ClaimsLifecycleTest} on an engine built with {@code postgres(dataSource)}: its ledger,
 * journal, figures, outbox, claims, invoice records and serial register and identities in
 * PostgreSQL (the audit log and approvals in memory); claims and adjustments run staged under the
 * partner's lock.
 */
class ClaimsLifecycleOnPostgresTest extends ClaimsLifecycleTest {
  @Override
  ClaimsFixture fixture() {
    return ClaimsFixture.onPostgres(EngineDatabase.fresh());
  }
}
