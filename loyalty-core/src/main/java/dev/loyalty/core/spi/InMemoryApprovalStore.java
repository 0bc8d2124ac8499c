package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.access.ApprovalId;
import dev.loyalty.core.access.ApprovalRequest;
import dev.loyalty.core.access.ApprovalStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ApprovalStore#inMemory()}: the requests in insertion order, with their positions by id,
 * under the instance's monitor. Thread-safe.
 */
final class InMemoryApprovalStore implements ApprovalStore {

  private final List<ApprovalRequest> inOrder = new ArrayList<>();
  private final Map<ApprovalId, Integer> index = new HashMap<>();

  @Override
  public synchronized boolean insert(ApprovalRequest request) {
    requireNonNull(request, "request");
    if (index.containsKey(request.id())) {
      return false;
    }
    index.put(request.id(), inOrder.size());
    inOrder.add(request);
    return true;
  }

  @Override
  public synchronized Optional<ApprovalRequest> find(ApprovalId id) {
    Integer at = index.get(requireNonNull(id, "id"));
    return at == null ? Optional.empty() : Optional.of(inOrder.get(at));
  }

  @Override
  public synchronized boolean update(ApprovalRequest request) {
    requireNonNull(request, "request");
    Integer at = index.get(request.id());
    if (at == null || inOrder.get(at).version() != request.version() - 1) {
      return false;
    }
    inOrder.set(at, request);
    return true;
  }

  @Override
  public synchronized List<ApprovalRequest> list(ApprovalStatus status, Optional<ApprovalId> after, int limit) {
    requireNonNull(status, "status");
    requireNonNull(after, "after");
    return InsertionOrder.page(inOrder.size(), inOrder::get, index, after, limit, r -> r.status() == status,
        "approval request");
  }
}
