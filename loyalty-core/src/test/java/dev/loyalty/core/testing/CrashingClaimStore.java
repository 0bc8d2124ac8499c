package dev.loyalty.core.testing;

import dev.loyalty.core.claims.Claim;
import dev.loyalty.core.claims.ClaimId;
import dev.loyalty.core.claims.ClaimStatus;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.spi.ClaimStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An in-memory claim store that dies like a process would: the first update matching a condition
 * throws instead of being saved, as if the process stopped just before it.
 */
public final class CrashingClaimStore implements ClaimStore {
  private final ClaimStore delegate = ClaimStore.inMemory();
  private final Predicate<Claim> when;
  private final AtomicInteger left = new AtomicInteger(1);

  private CrashingClaimStore(Predicate<Claim> when) {
    this.when = when;
  }

  /** A store whose first update matching {@code when} throws and saves nothing. */
  public static CrashingClaimStore crashingOnce(Predicate<Claim> when) {
    return new CrashingClaimStore(when);
  }

  @Override
  public boolean insert(Claim claim) {
    return delegate.insert(claim);
  }

  @Override
  public boolean update(Claim claim) {
    if (when.test(claim) && left.getAndDecrement() > 0) {
      throw new IllegalStateException("process killed while saving claim " + claim.id() + " as " + claim.status());
    }
    return delegate.update(claim);
  }

  @Override
  public Optional<Claim> find(ClaimId id) {
    return delegate.find(id);
  }

  @Override
  public List<Claim> byInvoice(PartnerId partner, String invoiceKey) {
    return delegate.byInvoice(partner, invoiceKey);
  }

  @Override
  public List<Claim> byFingerprint(String fingerprint) {
    return delegate.byFingerprint(fingerprint);
  }

  @Override
  public List<Claim> ofPartner(PartnerId partner, Instant from, Instant to) {
    return delegate.ofPartner(partner, from, to);
  }

  @Override
  public List<Claim> inStatus(ClaimStatus status, Optional<ClaimId> after, int limit) {
    return delegate.inStatus(status, after, limit);
  }

  @Override
  public List<Claim> dueBy(Instant at, int limit) {
    return delegate.dueBy(at, limit);
  }
}
