package dev.loyalty.core.spi;

import dev.loyalty.core.claims.Claim;
import dev.loyalty.core.claims.ClaimId;
import dev.loyalty.core.claims.ClaimStatus;
import dev.loyalty.core.model.PartnerId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the engine keeps its claims: the latest version of each, found by id, by invoice, by
 * fingerprint, by partner and period, by status, and by deadline. The claims capability decides;
 * a store keeps each claim's latest version and refuses a lost update. {@link #inMemory()} keeps
 * them for the life of the JVM.
 *
 * <p>Contract (the abstract {@code ClaimStoreContract} in core's test-jar checks it):
 * implementations are thread-safe; {@link #insert} and {@link #update} are atomic, also against
 * writers in other processes sharing the store: of concurrent inserts of one id exactly one
 * succeeds, and of concurrent updates from one version exactly one succeeds. Every query sees the
 * latest version of each claim (a resubmission that changed the invoice is found by its new invoice
 * only). Claims are never removed. No method accepts or returns null.
 */
public interface ClaimStore {

  /** A store that keeps the claims in memory. */
  static ClaimStore inMemory() {
    return new InMemoryClaimStore();
  }

  /**
   * Stores {@code claim} (version 1) unless a claim with its id is stored.
   *
   * @return whether it was stored; false leaves the stored one as it was
   * @throws IllegalArgumentException if the claim's version is not 1
   */
  boolean insert(Claim claim);

  /**
   * Replaces the stored claim with {@code claim}'s id by {@code claim}, only if the stored one is
   * the version just before ({@code claim.version() - 1}).
   *
   * @return whether it was replaced; false (another writer got there first, or there is no such
   *         claim) changes nothing
   */
  boolean update(Claim claim);

  /** The latest version of claim {@code id}. */
  Optional<Claim> find(ClaimId id);

  /** The claims of {@code partner} whose invoice key ({@code ClaimSubmission.invoiceKey()}) is {@code invoiceKey}. */
  List<Claim> byInvoice(PartnerId partner, String invoiceKey);

  /** The claims, of any partner, whose invoice fingerprint is {@code fingerprint}. */
  List<Claim> byFingerprint(String fingerprint);

  /**
   * The claims of {@code partner} first submitted at or after {@code from} and before {@code to},
   * in the order of {@code submittedAt} (claims submitted at the same instant in the order they
   * were inserted).
   */
  List<Claim> ofPartner(PartnerId partner, Instant from, Instant to);

  /**
   * The claims now in {@code status}, in the order they were inserted, after claim {@code after}
   * (empty: from the first), at most {@code limit}.
   *
   * @throws IllegalArgumentException if {@code after} names no stored claim, or {@code limit} is not
   *                                  positive
   */
  List<Claim> inStatus(ClaimStatus status, Optional<ClaimId> after, int limit);

  /**
   * The claims waiting for a decision ({@link ClaimStatus#awaitsDecision()}) whose deadline is at
   * or before {@code at}, earliest deadline first, at most {@code limit}.
   */
  List<Claim> dueBy(Instant at, int limit);
}
