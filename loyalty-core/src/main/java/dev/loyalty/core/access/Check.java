package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One checker's approval or rejection of an {@link ApprovalRequest}.
 *
 * @param checker never null
 * @param at      when, by the approvals' clock; never null
 * @param reason  why; not blank, at most 2,000 characters; never null
 */
public record Check(ActorId checker, Instant at, String reason) {
  public Check {
    requireNonNull(checker, "checker");
    requireNonNull(at, "at");
    Texts.requireReason(reason, "reason of checker " + checker);
  }
}
