package dev.loyalty.core.internal.insights;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.program.ProgramAccounts;
import dev.loyalty.ledger.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When the points of a journal entry count, as the ledger steps date their transactions: an
 * activity's awards and take-backs by the activity's time, or by the time it was recorded if that
 * came first; an award approved in review by the hold post that paid it. One rule for every
 * {@link InsightsReads}. Stateless.
 */
public final class AwardTiming {

  /**
   * A review hold of a receipt that was posted.
   *
   * @param from     the account it held from (the issuance account or a campaign budget); never null
   * @param to       the wallet it credits; never null
   * @param postedAt the effective time of the ledger transaction that posted it; empty when unknown
   */
  public record PostedHold(AccountId from, AccountId to, Optional<Instant> postedAt) {
    /** Validates. */
    public PostedHold {
      requireNonNull(from, "from");
      requireNonNull(to, "to");
      requireNonNull(postedAt, "postedAt");
    }
  }

  private AwardTiming() {
  }

  /** When an activity's ledger steps count: its own time, or the time it was recorded if that came first. */
  public static Instant postedAt(Instant occurredAt, Instant recordedAt) {
    return occurredAt.isBefore(recordedAt) ? occurredAt : recordedAt;
  }

  /**
   * When an award counts: {@code posted} for a receipt without review holds ({@code held} false);
   * otherwise the time of the first posted hold from the award's source (its campaign's budget, or
   * the issuance account) to the beneficiary's wallet, or {@code posted} when there is none.
   */
  public static Instant awardedAt(ProgramAccounts accounts, Instant posted, boolean held, List<PostedHold> posts,
      ParticipantId beneficiary, Optional<CampaignId> campaign) {
    if (!held) {
      return posted;
    }
    AccountId source = campaign.map(accounts::budget).orElse(accounts.issuance());
    AccountId wallet = accounts.wallet(beneficiary);
    return posts.stream().filter(h -> h.from().equals(source) && h.to().equals(wallet)).findFirst()
        .flatMap(PostedHold::postedAt).orElse(posted);
  }
}
