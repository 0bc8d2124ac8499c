package dev.loyalty.core.simulation;

import java.util.OptionalInt;

/**
 * How partners claim their sales in a simulation ({@link Simulator#claims}): each sale of the stream
 * has {@code percent} chances in a hundred (drawn from {@code seed} and the sale's id) to reach the
 * engine as a sell-out claim ({@code engine.submitClaim}, by the claimant actor {@value
 * #CLAIMANT}) instead of being recorded; a return of a claimed sale then returns the claim's sale.
 *
 * <p>The claim is the sale itself: its partner, member (the claim is then the rep's), lines and
 * currency; the invoice number is the sale's id, the invoice date its day in the program's zone, the
 * proof a document named after the claim, with no serial numbers. The claim's id is {@code
 * "CLM-" + sale id}. The manufacturer's records (the run's own {@code InvoiceRegistry}) learn the
 * invoice just before it is claimed, as found in practice: of the claimed sales, drawn from the
 * same seed,
 * <ul>
 *   <li>{@value #UNRECORDED_PERCENT}% are not on record (a distributor's feed that did not arrive);
 *   <li>{@value #DIFFERING_PERCENT}% are on record with the first line's amount 5% lower (a late
 *       discount);
 *   <li>the rest are on record exactly;
 *   <li>and, independently, {@value #DUPLICATE_PERCENT}% are claimed a second time {@value
 *       #DUPLICATE_AFTER_DAYS} days later (id {@code "CLM-" + sale id + "-DUP"}), the invoice number
 *       retyped in lower case: a duplicate the program's risk rules may catch.
 * </ul>
 *
 * <p>A claim the risk rules hold for review is decided by a simulated review desk (the actor {@value
 * #REVIEW_DESK}) {@code reviewDays} days after it was submitted: it approves honest claims and rejects
 * the duplicates. With no {@code reviewDays} nobody reviews: held claims wait until they expire, at
 * the first period close on or after their deadline (the program's {@code trust.claimReviewDays}). A
 * claim still waiting when the desk would reach it after its deadline is left to expire too.
 *
 * <p>Immutable; never null.
 *
 * @param percent    the chance in a hundred that a sale is claimed, 0 to 100
 * @param seed       for the draws
 * @param reviewDays after how many days (0 to 3,650) the review desk decides a held claim; empty:
 *                   nobody reviews, held claims expire
 */
public record Claiming(int percent, long seed, OptionalInt reviewDays) {
  /** The actor id that submits the simulated claims. */
  public static final String CLAIMANT = "simulated-claimant";
  /** The actor id of the simulated review desk. */
  public static final String REVIEW_DESK = "simulated-review-desk";
  /** Of the claimed sales, the share (in a hundred) the manufacturer's records do not have. */
  public static final int UNRECORDED_PERCENT = 3;
  /** Of the claimed sales, the share (in a hundred) on record with another amount. */
  public static final int DIFFERING_PERCENT = 3;
  /** Of the claimed sales, the share (in a hundred) claimed a second time. */
  public static final int DUPLICATE_PERCENT = 2;
  /** How many days after the first claim a duplicate comes. */
  public static final int DUPLICATE_AFTER_DAYS = 5;
  /** The review desk's delay by default, in days. */
  public static final int DEFAULT_REVIEW_DAYS = 3;

  public Claiming {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("the share of sales claimed must be 0 to 100, got " + percent);
    }
    if (reviewDays == null) {
      throw new NullPointerException("reviewDays");
    }
    if (reviewDays.isPresent() && (reviewDays.getAsInt() < 0 || reviewDays.getAsInt() > 3_650)) {
      throw new IllegalArgumentException("the review desk's delay must be 0 to 3650 days, got "
          + reviewDays.getAsInt());
    }
  }

  /** {@code percent} of the sales claimed, held claims decided by the desk after {@value #DEFAULT_REVIEW_DAYS} days. */
  public static Claiming of(int percent, long seed) {
    return new Claiming(percent, seed, OptionalInt.of(DEFAULT_REVIEW_DAYS));
  }

  /** A copy whose held claims the desk decides {@code days} days after they were submitted. */
  public Claiming reviewedAfter(int days) {
    return new Claiming(percent, seed, OptionalInt.of(days));
  }

  /** A copy with no review desk: held claims wait until they expire. */
  public Claiming unreviewed() {
    return new Claiming(percent, seed, OptionalInt.empty());
  }
}
