package dev.loyalty.core.adjustments;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.access.ApprovalId;
import dev.loyalty.core.model.Names;
import dev.loyalty.core.model.ParticipantId;
import java.util.Locale;

/**
 * A manual adjustment as its maker asks for it: credit or debit a participant's points, with a
 * reason. It waits for its approvers (one, or two above the program's threshold) and is posted to
 * the ledger once approved.
 *
 * @param id          the adjustment's id, chosen by the host (its approval request's id); never null
 * @param participant whose wallet is credited or debited; never null
 * @param direction   never null
 * @param points      positive
 * @param reason      why, for the approvers and the audit log; not blank, at most 2,000 characters;
 *                    never null
 */
public record AdjustmentRequest(ApprovalId id, ParticipantId participant, Direction direction, long points,
    String reason) {

  public AdjustmentRequest {
    requireNonNull(id, "id");
    requireNonNull(participant, "participant");
    requireNonNull(direction, "direction");
    if (points <= 0) {
      throw new IllegalArgumentException("adjustment " + id + ": points must be positive, got " + points);
    }
    Names.requireText(reason, "reason of adjustment " + id, 2_000);
  }

  /** A credit of {@code points} to {@code participant}. */
  public static AdjustmentRequest credit(String id, ParticipantId participant, long points, String reason) {
    return new AdjustmentRequest(ApprovalId.of(id), participant, Direction.CREDIT, points, reason);
  }

  /** A debit of {@code points} from {@code participant}. */
  public static AdjustmentRequest debit(String id, ParticipantId participant, long points, String reason) {
    return new AdjustmentRequest(ApprovalId.of(id), participant, Direction.DEBIT, points, reason);
  }

  /** Which way the points go. */
  public enum Direction {
    /** Points added to the wallet (goodwill, a missed award). */
    CREDIT,
    /** Points taken from the wallet (a correction, a clawback agreed with the partner). */
    DEBIT;

    /** "credit" or "debit". */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
