package dev.loyalty.core.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.program.ProgramAccounts;

/**
 * What every ledger step that writes a receipt's awards (or takes them back) works with: the
 * {@link LedgerPoster} (ledger, keys, attempts, the journal to save progress to) and the
 * {@link AwardPlanner} (which account pays an award, plans redone against budgets).
 */
public abstract class PostingStep implements LedgerStep {
  /** Writes to the ledger and saves progress; never null. */
  protected final LedgerPoster poster;
  /** Plans and sources of awards; never null. */
  protected final AwardPlanner planner;
  /** The program's accounts; never null. */
  protected final ProgramAccounts accounts;
  /** The program's account ids, made once per participant and campaign; never null. */
  protected final ProgramAccountIds accountIds;
  /** Where progress is saved; never null. */
  protected final Journal journal;

  /** A step writing through {@code poster}, planning with {@code planner}. */
  protected PostingStep(LedgerPoster poster, AwardPlanner planner) {
    this.poster = requireNonNull(poster, "poster");
    this.planner = requireNonNull(planner, "planner");
    this.accounts = poster.accounts();
    this.accountIds = poster.accountIds();
    this.journal = poster.journal();
  }
}
