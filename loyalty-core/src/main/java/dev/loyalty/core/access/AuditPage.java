package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One page of audit entries, in log order.
 *
 * @param entries never null
 * @param next    the position to pass as {@code after} for the next page; empty on the last page;
 *                never null
 */
public record AuditPage(List<AuditEntry> entries, Optional<Long> next) {
  public AuditPage {
    entries = List.copyOf(requireNonNull(entries, "entries"));
    requireNonNull(next, "next");
  }
}
