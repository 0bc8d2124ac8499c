package dev.loyalty.core.spi;

import dev.loyalty.core.access.ApprovalId;
import dev.loyalty.core.access.ApprovalRequest;
import dev.loyalty.core.access.ApprovalStatus;
import java.util.List;
import java.util.Optional;

/**
 * Where {@link dev.loyalty.core.access.Approvals} keeps its requests. The approvals decide; a store
 * keeps each request's latest version and refuses a lost update. {@link #inMemory()} keeps them for
 * the life of the JVM.
 *
 * <p>Contract (the abstract {@code ApprovalStoreContract} in core's test-jar checks it):
 * implementations are thread-safe; {@link #insert} and {@link #update} are atomic, also against
 * writers in other processes sharing the store: of concurrent inserts of one id exactly one
 * succeeds, and of concurrent updates from one version exactly one succeeds. Requests are never
 * removed. No method accepts or returns null.
 */
public interface ApprovalStore {

  /** A store that keeps the requests in memory. */
  static ApprovalStore inMemory() {
    return new InMemoryApprovalStore();
  }

  /**
   * Stores {@code request} unless a request with its id is stored.
   *
   * @return whether it was stored; false leaves the stored one as it was
   */
  boolean insert(ApprovalRequest request);

  /** The latest version of request {@code id}. */
  Optional<ApprovalRequest> find(ApprovalId id);

  /**
   * Replaces the stored request with {@code request}'s id by {@code request}, only if the stored
   * one is the version just before ({@code request.version() - 1}).
   *
   * @return whether it was replaced; false (another writer got there first, or there is no such
   *         request) changes nothing
   */
  boolean update(ApprovalRequest request);

  /**
   * The requests now in {@code status}, in the order they were inserted, from after request
   * {@code after} (empty: from the first), at most {@code limit}.
   *
   * @throws IllegalArgumentException if {@code after} names no stored request
   */
  List<ApprovalRequest> list(ApprovalStatus status, Optional<ApprovalId> after, int limit);
}
