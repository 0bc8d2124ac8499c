package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

import dev.loyalty.ledger.Digest;
import java.util.Optional;

/**
 * The result of {@link AuditLog#verify()}.
 *
 * @param intact   whether every entry checked out
 * @param checked  how many entries checked out, from position 1 on
 * @param brokenAt the position of the first entry that does not: changed, missing, out of place or
 *                 unreadable; empty when intact; never null
 * @param detail   what was wrong, or "ok"; never null
 * @param head     the hash of the last entry that checked out ({@link Digest#ZERO} for none):
 *                 publish it elsewhere with {@link #checked()} to detect a log cut short later;
 *                 never null
 */
public record AuditVerification(boolean intact, long checked, Optional<Long> brokenAt, String detail, Digest head) {
  public AuditVerification {
    requireNonNull(brokenAt, "brokenAt");
    requireNonNull(detail, "detail");
    requireNonNull(head, "head");
    if (intact == brokenAt.isPresent()) {
      throw new IllegalArgumentException("a verification is intact exactly when nothing is broken");
    }
  }
}
