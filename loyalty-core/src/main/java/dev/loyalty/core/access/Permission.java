package dev.loyalty.core.access;

/**
 * What an {@link Actor} may do in the program. A closed set: the library checks each of these
 * where the action happens, so a host cannot invent one the library would never check.
 *
 * <p>Some permissions move points; an actor can hold those {@linkplain #limitable() up to a limit}
 * in points ({@link Actor#withLimit}). The others are all or nothing.
 */
public enum Permission {
  /** Submit a claim for a sale (sell-out) on behalf of a partner or member; limitable by the claim's points. */
  SUBMIT_CLAIM(true),
  /** Approve or reject a submitted claim; limitable by the claim's points. */
  DECIDE_CLAIM(true),
  /** Approve or reject an activity the risk rules sent to review; limitable by the points held. */
  DECIDE_REVIEW(true),
  /** Request a manual credit or debit of a participant's points; limitable by the points. */
  REQUEST_ADJUSTMENT(true),
  /** Approve or reject a requested manual adjustment; limitable by the points. */
  APPROVE_ADJUSTMENT(true),
  /** Change the program definition: tiers, campaigns, budgets, rule parameters. */
  CHANGE_PROGRAM(false),
  /** Publish a new version of the reward catalog. */
  CHANGE_CATALOG(false),
  /** Redeem rewards from an organisation's wallet (not one's own); limitable by the points redeemed. */
  REDEEM_FROM_ORGANISATION_WALLET(true),
  /** Mark redemptions shipped, delivered or cancelled, and manage stock. */
  MANAGE_FULFILMENT(false);

  private final boolean limitable;

  Permission(boolean limitable) {
    this.limitable = limitable;
  }

  /** Whether the action moves points, so that an actor may hold this permission up to a limit. */
  public boolean limitable() {
    return limitable;
  }
}
