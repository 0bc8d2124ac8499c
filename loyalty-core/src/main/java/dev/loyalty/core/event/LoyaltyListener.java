package dev.loyalty.core.event;

/**
 * Receives events. Called from one thread at a time per listener, in outbox order. A listener that
 * throws receives the same event again at the next delivery (and the events after it only then),
 * so it must tolerate duplicates, for example by remembering {@link LoyaltyEvent#id()}s. Delivery is
 * at least once across restarts too: an engine stopped without {@code deliverEvents()} (a crash)
 * hands each listener's last page again when it starts; one flushed before it stops hands nothing
 * twice.
 */
@FunctionalInterface
public interface LoyaltyListener {

  /** Handles {@code event}; throwing means "not handled, deliver again". */
  void onEvent(LoyaltyEvent event) throws Exception;
}
