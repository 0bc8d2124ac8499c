package dev.loyalty.core.program;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.ledger.AccountId;
import java.util.Optional;

/**
 * The ledger accounts a program uses. Wallets and campaign budgets are named from a prefix and the
 * participant's or campaign's id, so a host can find them in the ledger:
 * {@code <prefix>:wallet:partner:<id>}, {@code <prefix>:wallet:member:<id>},
 * {@code <prefix>:budget:<campaign>}, and the system account each campaign's budget is funded from,
 * {@code <prefix>:funding:<campaign>} (its balance is minus what the campaign was given in all).
 * Redeemed points go to {@code <prefix>:system:redemption-clearing}.
 *
 * @param prefix    names this program's accounts, so several programs can share a ledger; never null
 * @param issuance  the system account base awards are issued from; never null
 * @param breakage  the system account expired points go to; never null
 * @param clawback  the system account a return's shortfall is booked to (points already spent);
 *                  never null
 */
public record ProgramAccounts(String prefix, AccountId issuance, AccountId breakage, AccountId clawback) {
  public ProgramAccounts {
    requireNonNull(prefix, "prefix");
    if (!prefix.matches("[a-z0-9][a-z0-9-]{0,49}")) {
      throw new IllegalArgumentException("account prefix '" + prefix
          + "' must be 1-50 lower-case letters, digits or dashes");
    }
    requireNonNull(issuance, "issuance");
    requireNonNull(breakage, "breakage");
    requireNonNull(clawback, "clawback");
  }

  /** {@code <prefix>:system:issuance}, {@code :breakage} and {@code :clawback}. */
  public static ProgramAccounts standard(String prefix) {
    return new ProgramAccounts(prefix, AccountId.of(prefix + ":system:issuance"),
        AccountId.of(prefix + ":system:breakage"), AccountId.of(prefix + ":system:clawback"));
  }

  /**
   * {@code <prefix>:system:adjustments}, the system account manual adjustments are booked against:
   * a credit to a wallet is debited from it, a debit of a wallet credited to it, so its balance is
   * minus the net points adjusted in all.
   */
  public AccountId adjustments() {
    return AccountId.of(prefix + ":system:adjustments");
  }

  /** The wallet of {@code participant}. */
  public AccountId wallet(ParticipantId participant) {
    return AccountId.of(prefix + ":wallet:" + participant.kind() + ":" + participant.value());
  }

  /**
   * The system account redemptions pay into: a redemption holds points from a wallet to it, posts
   * them when the reward goes out, and a refund reverses that post. Its balance is what was redeemed
   * and kept.
   */
  public AccountId redemptionClearing() {
    return AccountId.of(prefix + ":system:redemption-clearing");
  }

  /** The budget account of {@code campaign}. */
  public AccountId budget(CampaignId campaign) {
    return AccountId.of(prefix + ":budget:" + campaign.value());
  }

  /**
   * The system account {@code campaign}'s budget is funded from: every top-up debits it and every
   * reduction credits it back, so minus its balance is what the campaign has been given in all.
   */
  public AccountId funding(CampaignId campaign) {
    return AccountId.of(prefix + ":funding:" + campaign.value());
  }

  /** The participant whose wallet {@code account} is, if it is one of this program's wallets. */
  public Optional<ParticipantId> walletOwner(AccountId account) {
    String partners = prefix + ":wallet:partner:";
    String members = prefix + ":wallet:member:";
    String name = account.value();
    if (name.startsWith(partners)) {
      return Optional.of(PartnerId.of(name.substring(partners.length())));
    }
    if (name.startsWith(members)) {
      return Optional.of(MemberId.of(name.substring(members.length())));
    }
    return Optional.empty();
  }

  /** Whether {@code account} is one of this program's wallets. */
  public boolean isWallet(AccountId account) {
    return account.value().startsWith(prefix + ":wallet:");
  }
}
