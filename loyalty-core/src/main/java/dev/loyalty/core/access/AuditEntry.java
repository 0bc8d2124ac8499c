package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

import dev.loyalty.ledger.Digest;
import java.time.Instant;

/**
 * One link of the audit log: a record with its position, its time and its hash. The hash is
 * SHA-256 of the previous entry's hash followed by this entry's canonical encoding (docs/CLAIMS.md
 * gives the format), so that changing, removing or reordering any entry breaks every later link.
 *
 * @param position 1 for the first entry, one more for each next
 * @param at       when it was appended, by the log's clock; never earlier than the entry before;
 *                 never null
 * @param record   never null
 * @param hash     the chain link; never null
 */
public record AuditEntry(long position, Instant at, AuditRecord record, Digest hash) {
  public AuditEntry {
    if (position < 1) {
      throw new IllegalArgumentException("an audit position starts at 1, got " + position);
    }
    requireNonNull(at, "at");
    requireNonNull(record, "record");
    requireNonNull(hash, "hash");
  }
}
