package dev.loyalty.core.testing;

import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.performance.Contribution;
import dev.loyalty.core.performance.ParticipantHistory;
import dev.loyalty.core.performance.PointsContribution;
import dev.loyalty.core.performance.TierStanding;
import dev.loyalty.core.spi.PerformanceStore;
import java.util.Currency;
import java.util.List;

/**
 * A performance store that passes every call to an in-memory one: tests override what they make
 * fail (a store that dies, one that is down).
 */
public abstract class ForwardingPerformanceStore implements PerformanceStore {
  private final PerformanceStore delegate = PerformanceStore.inMemory();

  @Override
  public ParticipantHistory history(ParticipantId participant, Currency currency) {
    return delegate.history(participant, currency);
  }

  @Override
  public boolean apply(ParticipantId participant, Currency currency, Contribution contribution) {
    return delegate.apply(participant, currency, contribution);
  }

  @Override
  public boolean applyPoints(ParticipantId participant, Currency currency, PointsContribution contribution) {
    return delegate.applyPoints(participant, currency, contribution);
  }

  @Override
  public TierStanding standing(ParticipantId participant) {
    return delegate.standing(participant);
  }

  @Override
  public void saveStanding(ParticipantId participant, TierStanding standing) {
    delegate.saveStanding(participant, standing);
  }

  @Override
  public List<ParticipantId> participants() {
    return delegate.participants();
  }
}
