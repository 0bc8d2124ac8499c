package dev.loyalty.core.access;

/**
 * The actor may not do this: it lacks the permission, the points are above its limit, the target
 * is outside its scope, or maker-checker forbids it (it made the request, approved it already, or
 * did not make what only its maker may resubmit).
 * {@link #code()} says which.
 */
public final class NotAuthorizedException extends AccessRefusedException {
  private static final long serialVersionUID = 1L;

  NotAuthorizedException(Refusal refusal) {
    super(refusal);
  }
}
