package dev.loyalty.core.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.access.AccessRefusedException;
import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.AuditLog;
import dev.loyalty.core.access.AuditRecord;
import dev.loyalty.core.access.Target;
import dev.loyalty.core.claims.ClaimException;
import java.util.Locale;
import java.util.Map;

/**
 * How the engine's capabilities record what actors do in the audit log: one entry per action,
 * allowed or refused, appended after the action's own writes (a crash in between loses the entry,
 * never the action, as with {@code Approvals}). A refusal is recorded under a code: the access
 * refusal's, the claim refusal's, or one named after the exception ({@code UnknownActivityException}
 * is {@code UNKNOWN_ACTIVITY}). Thread-safe.
 */
public final class Audited {
  /** Reasons and details longer than this are cut: the log keeps a sentence, not a document. */
  private static final int MAX_TEXT = 2_000;

  private final AuditLog log;

  /** Records in {@code log}. */
  public Audited(AuditLog log) {
    this.log = requireNonNull(log, "log");
  }

  /** The log. */
  public AuditLog log() {
    return log;
  }

  /**
   * Records an allowed action that took {@code target} from {@code before} to {@code after}, with
   * the actor's {@code reason} (cut to 2,000 characters when the engine added to it).
   */
  public void allowed(ActorId actor, String action, Target target, String reason, Map<String, String> before,
      Map<String, String> after) {
    log.append(AuditRecord.allowed(actor, action, target, cut(reason), before, after));
  }

  /**
   * Records {@code refusal} of an action on {@code target}, which stayed in {@code state}, and
   * returns it for the caller to throw.
   */
  public <E extends RuntimeException> E refused(ActorId actor, String action, Target target, E refusal,
      Map<String, String> state) {
    log.append(AuditRecord.refused(actor, action, target, code(refusal), cut(refusal.getMessage()), state));
    return refusal;
  }

  /**
   * The code a refusal is recorded under; a failure that is not a refusal (a store that is down)
   * but changed nothing is recorded too, under its exception's name.
   */
  static String code(RuntimeException refusal) {
    if (refusal instanceof AccessRefusedException access) {
      return access.code().name();
    }
    if (refusal instanceof ClaimException claim) {
      return claim.code();
    }
    String name = refusal.getClass().getSimpleName().replaceFirst("Exception$", "");
    return name.isEmpty() ? "REFUSED" : name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  private static String cut(String text) {
    String t = text == null || text.isBlank() ? "(no reason given)" : text;
    return t.length() <= MAX_TEXT ? t : t.substring(0, MAX_TEXT - 3) + "...";
  }
}
