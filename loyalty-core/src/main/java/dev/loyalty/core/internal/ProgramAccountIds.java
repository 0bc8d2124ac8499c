package dev.loyalty.core.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.program.ProgramAccounts;
import dev.loyalty.ledger.AccountId;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A program's account ids made once: each participant's wallet, each campaign's budget, and each
 * account's owner, which {@link ProgramAccounts} otherwise builds from strings on every call (the
 * ledger request of every activity names its wallets and budgets, and its award events their
 * owners). Answers exactly what {@link ProgramAccounts} answers. As many entries as the program
 * has participants, campaigns and accounts named to it; thread-safe.
 */
public final class ProgramAccountIds {
  private final ProgramAccounts accounts;
  private final ConcurrentMap<ParticipantId, AccountId> wallets = new ConcurrentHashMap<>();
  private final ConcurrentMap<CampaignId, AccountId> budgets = new ConcurrentHashMap<>();
  private final ConcurrentMap<AccountId, Optional<ParticipantId>> owners = new ConcurrentHashMap<>();
  private final ConcurrentMap<AccountId, Boolean> isWallet = new ConcurrentHashMap<>();

  /** The ids of {@code accounts}. */
  public ProgramAccountIds(ProgramAccounts accounts) {
    this.accounts = requireNonNull(accounts, "accounts");
  }

  /** {@link ProgramAccounts#wallet}. */
  public AccountId wallet(ParticipantId participant) {
    AccountId known = wallets.get(requireNonNull(participant, "participant"));
    if (known != null) {
      return known;
    }
    AccountId made = accounts.wallet(participant);
    AccountId raced = wallets.putIfAbsent(participant, made);
    if (raced != null) {
      return raced;
    }
    // its owner known too: the award events ask who a credited wallet is
    owners.putIfAbsent(made, Optional.of(participant));
    return made;
  }

  /** {@link ProgramAccounts#budget}. */
  public AccountId budget(CampaignId campaign) {
    AccountId known = budgets.get(requireNonNull(campaign, "campaign"));
    return known != null ? known : budgets.computeIfAbsent(campaign, accounts::budget);
  }

  /** {@link ProgramAccounts#issuance}. */
  public AccountId issuance() {
    return accounts.issuance();
  }

  /** {@link ProgramAccounts#walletOwner}. */
  public Optional<ParticipantId> walletOwner(AccountId account) {
    Optional<ParticipantId> known = owners.get(requireNonNull(account, "account"));
    return known != null ? known : owners.computeIfAbsent(account, accounts::walletOwner);
  }

  /** {@link ProgramAccounts#isWallet}. */
  public boolean isWallet(AccountId account) {
    Boolean known = isWallet.get(requireNonNull(account, "account"));
    return known != null ? known : isWallet.computeIfAbsent(account, accounts::isWallet);
  }
}
