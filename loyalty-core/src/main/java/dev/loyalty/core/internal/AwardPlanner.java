package dev.loyalty.core.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.InvalidActivityException;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.Award;
import dev.loyalty.ledger.AccountId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a rule engine's awards into posted awards, cutting those paid by a campaign to what its
 * budget still holds, in the order the rules gave them. The ledger refuses to overdraw a budget
 * anyway; cutting first lets the receipt say exactly what was cut and why instead of refusing the
 * whole activity. Every award of an activity expires as the program's policy says for the
 * activity's own date. Thread-safe.
 */
public final class AwardPlanner {
  private final Program program;
  private final LedgerPoster poster;

  /** Plans awards of {@code program} against the budgets {@code poster}'s ledger holds. */
  public AwardPlanner(Program program, LedgerPoster poster) {
    this.program = requireNonNull(program, "program");
    this.poster = requireNonNull(poster, "poster");
  }

  /**
   * Plans {@code awards} earned at {@code earnedAt} against what the budgets hold now.
   *
   * @throws InvalidActivityException if an award names a campaign the program does not define
   */
  public List<PostedAward> plan(List<Award> awards, Instant earnedAt) {
    return plan(awards, earnedAt, true, Optional.empty());
  }

  /** {@code awards} as the rules gave them, no budget cut: for an activity that posts nothing. */
  public List<PostedAward> unposted(List<Award> awards, Instant earnedAt) {
    return plan(awards, earnedAt, false, Optional.empty());
  }

  /**
   * Plans against what each budget may give a debit effective at {@code budgetsAsOf} (empty: what
   * it holds now). Budgets are read as of the debit's time only when the ledger refused a plan:
   * the read may go through a budget's history.
   */
  private List<PostedAward> plan(List<Award> awards, Instant earnedAt, boolean againstBudgets,
      Optional<Instant> budgetsAsOf) {
    Optional<Instant> expiresAt = program.expiry().expiryOf(earnedAt, program.zone());
    Map<CampaignId, Long> left = new HashMap<>();
    List<PostedAward> posted = new ArrayList<>(awards.size());
    for (Award a : awards) {
      if (a.campaign().isEmpty()) {
        posted.add(new PostedAward(a.beneficiary(), a.points(), a.points(), a.rule(), a.reason(), Optional.empty(),
            expiresAt, Optional.empty()));
        continue;
      }
      CampaignId campaign = a.campaign().get();
      if (program.campaign(campaign).isEmpty()) {
        throw new InvalidActivityException("rule " + a.rule() + " awards from campaign " + campaign
            + ", which program " + program.id() + " does not define");
      }
      long budget = left.computeIfAbsent(campaign, c -> !againstBudgets ? Long.MAX_VALUE
          : Math.max(0, budgetsAsOf.map(t -> poster.availableFrom(poster.accountIds().budget(c), t))
              .orElseGet(() -> poster.available(poster.accountIds().budget(c)))));
      long points = Math.min(budget, a.points());
      left.put(campaign, budget - points);
      Optional<String> note = Optional.empty();
      if (points == 0) {
        note = Optional.of("Campaign " + campaign + "'s budget is exhausted, so nothing of the " + a.points()
            + " points was posted.");
      } else if (points < a.points()) {
        note = Optional.of("Campaign " + campaign + "'s budget had only " + points + " of the " + a.points()
            + " points left.");
      }
      posted.add(new PostedAward(a.beneficiary(), a.points(), points, a.rule(), a.reason(), a.campaign(), expiresAt,
          note));
    }
    return posted;
  }

  /**
   * {@code receipt} with its awards planned again, from what the rules asked, after the ledger
   * refused its plan: against what each budget may give a debit effective when the awards post
   * (the earlier of {@code earnedAt} and the receipt's recording), which for a late activity may be
   * less than the budget holds now (points it got after the activity's date).
   */
  public Receipt replan(Receipt receipt, Instant earnedAt) {
    List<Award> requested = receipt.awards().stream().map(PostedAward::requestedAward).toList();
    Instant posting = earnedAt.isBefore(receipt.recordedAt()) ? earnedAt : receipt.recordedAt();
    return receipt.withAwards(receipt.status(), plan(requested, earnedAt, true, Optional.of(posting)));
  }

  /** The account that pays {@code award}: its campaign's budget, or the program's issuance account. */
  public AccountId source(PostedAward award) {
    ProgramAccountIds ids = poster.accountIds();
    return award.campaign().isPresent() ? ids.budget(award.campaign().get()) : ids.issuance();
  }
}
