package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One page of approval requests, in the order they were submitted.
 *
 * @param requests never null
 * @param next     the id to pass as {@code after} for the next page; empty on the last page;
 *                 never null
 */
public record ApprovalPage(List<ApprovalRequest> requests, Optional<ApprovalId> next) {
  public ApprovalPage {
    requests = List.copyOf(requireNonNull(requests, "requests"));
    requireNonNull(next, "next");
  }
}
