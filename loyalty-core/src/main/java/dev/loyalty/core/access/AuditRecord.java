package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What happened, as the acting code tells the {@link AuditLog}: who did what to which target,
 * whether it was allowed, why, and the target's state before and after (small string maps; a
 * refused action has {@code after} equal to {@code before}, since it changed nothing).
 *
 * @param actor   never null
 * @param action  dot-separated names of lower-case letters, digits and dashes ("adjustment.approve");
 *                never null
 * @param target  never null
 * @param outcome never null
 * @param code    the refusal's code ("ABOVE_LIMIT"): present exactly when refused; upper-case
 *                letters, digits and underscores; never null
 * @param reason  the actor's reason, or the refusal's message; not blank, at most 2,000 characters;
 *                never null
 * @param before  the target's state before; keys not blank; never null
 * @param after   the target's state after; keys not blank; never null
 */
public record AuditRecord(ActorId actor, String action, Target target, AuditOutcome outcome, Optional<String> code,
    String reason, Map<String, String> before, Map<String, String> after) {

  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,99}");

  public AuditRecord {
    requireNonNull(actor, "actor");
    Texts.requireAction(action);
    requireNonNull(target, "target");
    requireNonNull(outcome, "outcome");
    requireNonNull(code, "code");
    if (code.isPresent() != (outcome == AuditOutcome.REFUSED)) {
      throw new IllegalArgumentException("an audit record has a code exactly when it is REFUSED; got " + outcome
          + " with code " + code);
    }
    code.ifPresent(c -> {
      if (!CODE.matcher(c).matches()) {
        throw new IllegalArgumentException("audit code '" + c + "' must be upper-case letters, digits and underscores");
      }
    });
    Texts.requireReason(reason, "reason of " + action);
    before = Texts.requireDetails(before, "before of " + action);
    after = Texts.requireDetails(after, "after of " + action);
    if (outcome == AuditOutcome.REFUSED && !before.equals(after)) {
      throw new IllegalArgumentException("a refused " + action + " changed nothing: its after must equal its before");
    }
  }

  /** An allowed action that took {@code target} from {@code before} to {@code after}. */
  public static AuditRecord allowed(ActorId actor, String action, Target target, String reason,
      Map<String, String> before, Map<String, String> after) {
    return new AuditRecord(actor, action, target, AuditOutcome.ALLOWED, Optional.empty(), reason, before, after);
  }

  /** A refused action: {@code target} stayed in {@code state}. */
  public static AuditRecord refused(ActorId actor, String action, Target target, String code, String reason,
      Map<String, String> state) {
    return new AuditRecord(actor, action, target, AuditOutcome.REFUSED, Optional.of(code), reason, state, state);
  }

  /** {@link #refused(ActorId, String, Target, String, String, Map)} for {@code refusal}. */
  public static AuditRecord refused(ActorId actor, String action, Target target, Refusal refusal,
      Map<String, String> state) {
    return refused(actor, action, target, refusal.code().name(), refusal.message(), state);
  }
}
