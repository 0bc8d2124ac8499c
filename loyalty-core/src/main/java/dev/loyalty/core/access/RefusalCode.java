package dev.loyalty.core.access;

/** Why an action was refused, for code to branch on; the {@link Refusal} carries the values. */
public enum RefusalCode {
  /** The actor does not hold the permission the action needs. */
  NO_PERMISSION,
  /** The action is for more points than the actor's limit for the permission. */
  ABOVE_LIMIT,
  /** The target's partner is outside the actor's scope. */
  OUT_OF_SCOPE,
  /** The actor made the approval request it tries to approve or reject. */
  MAKER_CANNOT_CHECK,
  /** The actor is not the maker of what only its maker may change (a claim's resubmission). */
  NOT_THE_MAKER,
  /** The actor already approved this request; a second approval must come from someone else. */
  ALREADY_CHECKED,
  /** The approval request was approved or rejected already. */
  ALREADY_DECIDED,
  /** No approval request has this id. */
  UNKNOWN_REQUEST,
  /** An approval request with this id exists already. */
  DUPLICATE_REQUEST
}
