package dev.loyalty.core.internal.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.program.ProgramAccounts;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.Hold;
import dev.loyalty.ledger.HoldAlreadyResolvedException;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.HoldStatus;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.PostHoldRequest;
import dev.loyalty.ledger.ReversalRequest;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.VoidHoldRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The ledger side of a redemption: a hold from the paying wallet to the program's redemption
 * clearing account (the ledger reserves specific lots, soonest-expiring first), its post when the
 * reward goes out, its void when it does not, and reversals of the post as refunds (the points come
 * back with the dates of the lots the post took). Every command is built from the redemption alone,
 * under a key derived from its id ({@code <prefix>:redemption:<id>:hold}, {@code :post}, {@code
 * :void}, {@code :refund}, {@code :return:<n>}), so running a step again replays what was written.
 * Each carries the redemption, the item and the catalog version in its metadata, which statements
 * show. Thread-safe.
 */
final class RedemptionLedger {
  private final Ledger ledger;
  private final ProgramAccounts accounts;

  /** Redemptions of the program with {@code accounts}, in {@code ledger}; opens its clearing account. */
  RedemptionLedger(Ledger ledger, ProgramAccounts accounts) {
    this.ledger = requireNonNull(ledger, "ledger");
    this.accounts = requireNonNull(accounts, "accounts");
    ledger.openAccount(accounts.redemptionClearing(), AccountType.SYSTEM);
  }

  /** The ledger. */
  Ledger ledger() {
    return ledger;
  }

  /** The paying wallet's account. */
  AccountId wallet(Redemption r) {
    return accounts.wallet(r.wallet());
  }

  /** Points {@code wallet} can spend now; 0 if it never earned. */
  long available(ParticipantId wallet) {
    AccountId account = accounts.wallet(wallet);
    return ledger.account(account).isPresent() ? ledger.balance(account).available() : 0;
  }

  /** Holds the redemption's points in its wallet until its hold timeout. */
  HoldId hold(Redemption r) {
    return ledger.hold(new HoldRequest(key(r, ":hold"), wallet(r), accounts.redemptionClearing(), r.points(),
        Expiry.never(), Optional.of(r.holdTimeoutAt()), "redemption", metadata(r)));
  }

  /** Posts the redemption's hold: the points are paid. */
  Transaction pay(Redemption r) {
    return ledger.postHold(new PostHoldRequest(key(r, ":post"), r.hold().orElseThrow(), OptionalLong.empty(),
        "redemption", metadata(r)));
  }

  /**
   * Releases the redemption's hold, if it has one, unless the ledger's timeout sweep released it
   * already (which is as good).
   *
   * @param reason the release's reason code
   * @throws HoldAlreadyResolvedException if the hold was posted
   */
  void release(Redemption r, String reason) {
    if (r.hold().isEmpty()) {
      return;
    }
    HoldId hold = r.hold().get();
    try {
      ledger.voidHold(new VoidHoldRequest(key(r, ":void"), hold, reason, metadata(r)));
    } catch (HoldAlreadyResolvedException resolved) {
      // The ledger remembers this refusal under the key, so a replay lands here too.
      Hold now = ledger.findHold(hold).orElseThrow();
      if (now.status() != HoldStatus.VOIDED) {
        throw resolved;
      }
    }
  }

  /** Refunds everything the redemption paid: a full reversal of its payment. */
  Transaction refundAll(Redemption r, String reason) {
    return ledger.reverse(ReversalRequest.of(key(r, ":refund"), payment(r), reason).withMetadata(metadata(r)));
  }

  /** Refunds {@code points} of the payment, as the redemption's return number {@code number}. */
  Transaction refund(Redemption r, long points, int number, String reference, String reason) {
    Map<AccountId, Long> postings = Map.of(wallet(r), points, accounts.redemptionClearing(), -points);
    Map<String, String> metadata = new LinkedHashMap<>(metadata(r));
    metadata.put("return", reference);
    return ledger.reverse(ReversalRequest.partial(key(r, ":return:" + number), payment(r), postings, reason)
        .withMetadata(metadata));
  }

  private static TransactionId payment(Redemption r) {
    return r.payment().orElseThrow(() -> new IllegalStateException("redemption " + r.id() + " was not paid"));
  }

  private IdempotencyKey key(Redemption r, String step) {
    return IdempotencyKey.of(accounts.prefix() + ":redemption:" + r.id().value() + step);
  }

  private static Map<String, String> metadata(Redemption r) {
    return Map.of("redemption", r.id().value(), "item", r.item().value(), "catalog-version",
        r.version().value(), "units", Integer.toString(r.units()));
  }
}
