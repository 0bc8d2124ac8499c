package dev.loyalty.core.event;

import dev.loyalty.core.jdbc.JdbcEventOutbox;
import dev.loyalty.core.spi.EventOutbox;
import dev.loyalty.core.testing.EngineDatabase;
import net.jqwik.api.PropertyDefaults;

/**
 * {@link DispatcherRestartPropertiesTest} on a {@link JdbcEventOutbox} (its positions and pages in
 * PostgreSQL, a listener's position sent with its next page in the same round trip), fewer tries.
 */
@PropertyDefaults(tries = 25)
class DispatcherRestartOnPostgresTest extends DispatcherRestartPropertiesTest {

  @Override
  EventOutbox newOutbox() {
    return JdbcEventOutbox.using(EngineDatabase.fresh());
  }
}
