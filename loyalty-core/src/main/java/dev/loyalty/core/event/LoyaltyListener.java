package dev.loyalty.core.event;

/**
 * Receives events. Called from one thread at a time per listener, in outbox order. A listener that
 * throws receives the same event again at the next delivery (and the events after it only then),
 * so it must tolerate duplicates, for example by remembering {@link LoyaltyEvent#id()}s.
 */
@FunctionalInterface
public interface LoyaltyListener {

  /** Handles {@code event}; throwing means "not handled, deliver again". */
  void onEvent(LoyaltyEvent event) throws Exception;
}
