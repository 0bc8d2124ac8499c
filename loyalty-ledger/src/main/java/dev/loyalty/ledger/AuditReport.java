package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The result of {@link Ledger#audit()}: every account's state recomputed from the journal and
 * compared with what the store holds.
 *
 * @param transactions how many journal transactions were read
 * @param accounts     how many accounts were compared
 * @param findings     everything that differs, in the order found; empty for a sound ledger; never null
 */
public record AuditReport(long transactions, long accounts, List<AuditFinding> findings) {
  public AuditReport {
    findings = List.copyOf(requireNonNull(findings, "findings"));
  }

  /** Whether the store holds exactly what the journal says. */
  public boolean isClean() {
    return findings.isEmpty();
  }
}
