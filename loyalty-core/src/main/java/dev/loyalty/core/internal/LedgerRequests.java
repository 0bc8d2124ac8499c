package dev.loyalty.core.internal;

import dev.loyalty.core.AwardReturn;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.program.ProgramAccounts;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.TransferRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the one ledger transfer of an activity from its receipt. Deterministic: the same receipt
 * always gives the same request, so repeating an activity whose transfer was already written
 * replays it under its idempotency key instead of writing it twice.
 */
public final class LedgerRequests {
  private LedgerRequests() {
  }

  /** The idempotency key of an activity's transfer. */
  public static IdempotencyKey key(ProgramAccounts accounts, String activityId) {
    return IdempotencyKey.of(accounts.prefix() + ":activity:" + activityId);
  }

  /**
   * The transfer that posts {@code receipt}'s awards: sources (issuance, campaign budgets) debited,
   * wallets credited; empty when nothing is posted.
   */
  public static Optional<TransferRequest> awards(Receipt receipt, String kind, ProgramAccounts accounts,
      Instant effectiveAt) {
    Map<AccountId, Long> amounts = new LinkedHashMap<>();
    Optional<Instant> expiry = Optional.empty();
    for (PostedAward a : receipt.awards()) {
      if (a.points() == 0) {
        continue;
      }
      AccountId source = a.campaign().map(accounts::budget).orElse(accounts.issuance());
      amounts.merge(source, -a.points(), Math::addExact);
      amounts.merge(accounts.wallet(a.beneficiary()), a.points(), Math::addExact);
      expiry = a.expiresAt();
    }
    Expiry lotExpiry = expiry.<Expiry>map(Expiry::at).orElse(Expiry.never());
    return request(receipt, "award:" + kind, amounts, lotExpiry, accounts, effectiveAt);
  }

  /**
   * The transfer that takes back what {@code receipt} (a return's) says from the wallets, books the
   * shortfalls to the clawback account and gives everything back to the sources that paid the
   * invoice's awards ({@code invoiceAwards}); empty when nothing is taken back.
   */
  public static Optional<TransferRequest> takeBacks(Receipt receipt, List<PostedAward> invoiceAwards,
      ProgramAccounts accounts, Instant effectiveAt) {
    Map<AccountId, Long> amounts = new LinkedHashMap<>();
    for (AwardReturn r : receipt.returns()) {
      PostedAward award = invoiceAwards.get(r.award());
      AccountId source = award.campaign().map(accounts::budget).orElse(accounts.issuance());
      amounts.merge(source, r.points(), Math::addExact);
      amounts.merge(accounts.wallet(r.beneficiary()), -r.points(), Math::addExact);
    }
    for (Map.Entry<ParticipantId, Long> s : receipt.shortfalls().entrySet()) {
      // the wallet keeps what it no longer has; the clawback account records the loss instead
      amounts.merge(accounts.wallet(s.getKey()), s.getValue(), Math::addExact);
      amounts.merge(accounts.clawback(), -s.getValue(), Math::addExact);
    }
    return request(receipt, "return", amounts, Expiry.never(), accounts, effectiveAt);
  }

  private static Optional<TransferRequest> request(Receipt receipt, String reason, Map<AccountId, Long> amounts,
      Expiry creditExpiry, ProgramAccounts accounts, Instant effectiveAt) {
    List<Entry> entries = new ArrayList<>();
    amounts.forEach((account, amount) -> {
      if (amount > 0) {
        entries.add(Entry.credit(account, amount, accounts.isWallet(account) ? creditExpiry : Expiry.never()));
      } else if (amount < 0) {
        entries.add(Entry.debit(account, -amount));
      }
    });
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    TransferRequest request = new TransferRequest(key(accounts, receipt.activity().value()), entries, reason,
        Map.of("activity", receipt.activity().value()), Optional.of(effectiveAt));
    return Optional.of(request);
  }
}
