package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

/**
 * Why an action was refused: a typed reason with the values involved, and a sentence for people.
 * Every refused action is recorded in the audit log with its {@link #code()} and {@link #message()}.
 */
public sealed interface Refusal {

  /** The kind of refusal; never null. */
  RefusalCode code();

  /** A sentence naming the actor, the action and the values involved; never null. */
  String message();

  /**
   * The actor does not hold the permission.
   *
   * @param actor      never null
   * @param permission the permission the action needs; never null
   */
  record NoPermission(ActorId actor, Permission permission) implements Refusal {
    public NoPermission {
      requireNonNull(actor, "actor");
      requireNonNull(permission, "permission");
    }

    @Override
    public RefusalCode code() {
      return RefusalCode.NO_PERMISSION;
    }

    @Override
    public String message() {
      return "actor " + actor + " does not hold permission " + permission;
    }
  }

  /**
   * The action is for more points than the actor may act on.
   *
   * @param actor      never null
   * @param permission never null
   * @param limit      the actor's limit for the permission
   * @param points     the points of the action, above {@code limit}
   * @param target     never null
   */
  record AboveLimit(ActorId actor, Permission permission, long limit, long points, Target target)
      implements Refusal {
    public AboveLimit {
      requireNonNull(actor, "actor");
      requireNonNull(permission, "permission");
      requireNonNull(target, "target");
    }

    @Override
    public RefusalCode code() {
      return RefusalCode.ABOVE_LIMIT;
    }

    @Override
    public String message() {
      return "actor " + actor + " may use " + permission + " up to " + limit + " points, but " + target + " is for "
          + points + " points";
    }
  }

  /**
   * The target is outside the actor's scope.
   *
   * @param actor      never null
   * @param permission never null
   * @param scope      the actor's scope; never null
   * @param target     never null
   */
  record OutOfScope(ActorId actor, Permission permission, Scope scope, Target target) implements Refusal {
    public OutOfScope {
      requireNonNull(actor, "actor");
      requireNonNull(permission, "permission");
      requireNonNull(scope, "scope");
      requireNonNull(target, "target");
    }

    @Override
    public RefusalCode code() {
      return RefusalCode.OUT_OF_SCOPE;
    }

    @Override
    public String message() {
      return target + target.partner().map(p -> " of " + p).orElse(" (program-wide)")
          + " is outside the scope of actor " + actor + " for " + permission + ": " + scope;
    }
  }

  /**
   * The maker of a request tried to approve or reject it.
   *
   * @param actor   the maker; never null
   * @param request never null
   */
  record MakerCannotCheck(ActorId actor, ApprovalId request) implements Refusal {
    public MakerCannotCheck {
      requireNonNull(actor, "actor");
      requireNonNull(request, "request");
    }

    @Override
    public RefusalCode code() {
      return RefusalCode.MAKER_CANNOT_CHECK;
    }

    @Override
    public String message() {
      return "actor " + actor + " made approval request " + request + " and cannot approve or reject it";
    }
  }

  /**
   * Someone other than its maker tried what only the maker may do: resubmit a claim with more
   * information.
   *
   * @param actor  who tried; never null
   * @param maker  who made it; never null
   * @param target never null
   */
  record NotTheMaker(ActorId actor, ActorId maker, Target target) implements Refusal {
    public NotTheMaker {
      requireNonNull(actor, "actor");
      requireNonNull(maker, "maker");
      requireNonNull(target, "target");
    }

    @Override
    public RefusalCode code() {
      return RefusalCode.NOT_THE_MAKER;
    }

    @Override
    public String message() {
      return "actor " + actor + " did not make " + target + " (" + maker + " did); only its maker may resubmit it";
    }
  }

  /**
   * A checker who approved a request tried to approve or reject it again.
   *
   * @param actor   never null
   * @param request never null
   */
  record AlreadyChecked(ActorId actor, ApprovalId request) implements Refusal {
    public AlreadyChecked {
      requireNonNull(actor, "actor");
      requireNonNull(request, "request");
    }

    @Override
    public RefusalCode code() {
      return RefusalCode.ALREADY_CHECKED;
    }

    @Override
    public String message() {
      return "actor " + actor + " already approved approval request " + request
          + "; another checker must decide it";
    }
  }

  /**
   * The request was decided before.
   *
   * @param request never null
   * @param status  {@code APPROVED} or {@code REJECTED}; never null
   */
  record AlreadyDecided(ApprovalId request, ApprovalStatus status) implements Refusal {
    public AlreadyDecided {
      requireNonNull(request, "request");
      requireNonNull(status, "status");
      if (status == ApprovalStatus.PENDING) {
        throw new IllegalArgumentException("approval request " + request + " is pending, not decided");
      }
    }

    @Override
    public RefusalCode code() {
      return RefusalCode.ALREADY_DECIDED;
    }

    @Override
    public String message() {
      return "approval request " + request + " was already " + status;
    }
  }

  /**
   * No request has the id.
   *
   * @param request never null
   */
  record UnknownRequest(ApprovalId request) implements Refusal {
    public UnknownRequest {
      requireNonNull(request, "request");
    }

    @Override
    public RefusalCode code() {
      return RefusalCode.UNKNOWN_REQUEST;
    }

    @Override
    public String message() {
      return "there is no approval request " + request;
    }
  }

  /**
   * A request with the id exists.
   *
   * @param request never null
   * @param maker   who made the existing one; never null
   */
  record DuplicateRequest(ApprovalId request, ActorId maker) implements Refusal {
    public DuplicateRequest {
      requireNonNull(request, "request");
      requireNonNull(maker, "maker");
    }

    @Override
    public RefusalCode code() {
      return RefusalCode.DUPLICATE_REQUEST;
    }

    @Override
    public String message() {
      return "approval request " + request + " exists already (made by " + maker + ")";
    }
  }
}
