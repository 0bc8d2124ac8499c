package dev.loyalty.examples;

import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Balance;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.ExpiryRequest;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.InsufficientBalanceException;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Lot;
import dev.loyalty.ledger.PostHoldRequest;
import dev.loyalty.ledger.ReversalRequest;
import dev.loyalty.ledger.Statement;
import dev.loyalty.ledger.StatementLine;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.VoidHoldRequest;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A walk through the points ledger for a person to read: a manufacturer funds a campaign budget,
 * a dealer earns on two invoices, passes points to a sales rep, redeems with a hold, cancels a
 * second redemption, returns an invoice, and an expiry run takes what was left too long.
 *
 * <p>Run it with {@code mvn -q test-compile exec:java} from the repository root.
 */
public final class LedgerDemo {

  private static final AccountId ISSUANCE = AccountId.of("system:issuance");
  private static final AccountId BUDGET = AccountId.of("budget:monsoon-campaign");
  private static final AccountId CLEARING = AccountId.of("system:redemption-clearing");
  private static final AccountId BREAKAGE = AccountId.of("system:breakage");
  private static final AccountId DEALER = AccountId.of("wallet:dealer:sharma-electricals");
  private static final AccountId REP = AccountId.of("wallet:member:ravi");

  private final PrintStream out;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T09:00:00Z"));
  private final Ledger ledger = Ledger.inMemory(clock);

  LedgerDemo(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    new LedgerDemo(System.out).run();
  }

  void run() {
    out.println("Loyalty SDK ledger walk-through (in memory, clock starts " + clock.instant() + ")");
    out.println();
    ledger.openAccount(ISSUANCE, AccountType.SYSTEM);
    ledger.openAccount(BUDGET, AccountType.BUDGET);
    ledger.openAccount(CLEARING, AccountType.SYSTEM);
    ledger.openAccount(BREAKAGE, AccountType.SYSTEM);
    ledger.openAccount(DEALER, AccountType.WALLET);
    ledger.openAccount(REP, AccountType.WALLET);

    step("1. The manufacturer funds the monsoon campaign budget with 10,000 points");
    ledger.transfer(TransferRequest.of(key("fund-monsoon"), "budget-funding",
        Entry.debit(ISSUANCE, 10_000), Entry.credit(BUDGET, 10_000)));
    show(BUDGET);

    step("2. Dealer earns on invoice INV-1001 (1,200 points, expire 2026-06-30) and INV-1002 (800, expire 2026-12-31)");
    Transaction inv1001 = ledger.transfer(TransferRequest.of(key("earn:INV-1001"), "invoice",
        Entry.debit(BUDGET, 1_200), Entry.credit(DEALER, 1_200, Expiry.at(Instant.parse("2026-06-30T23:59:59Z")))));
    clock.advance(Duration.ofDays(10));
    ledger.transfer(TransferRequest.of(key("earn:INV-1002"), "invoice",
        Entry.debit(BUDGET, 800), Entry.credit(DEALER, 800, Expiry.at(Instant.parse("2026-12-31T23:59:59Z")))));
    show(DEALER);
    showLots(DEALER);

    step("3. The ERP sends INV-1002 again (same idempotency key): nothing changes");
    Transaction again = ledger.transfer(TransferRequest.of(key("earn:INV-1002"), "invoice",
        Entry.debit(BUDGET, 800), Entry.credit(DEALER, 800, Expiry.at(Instant.parse("2026-12-31T23:59:59Z")))));
    out.println("  replay returned the original transaction " + again.id());
    show(DEALER);

    step("4. Dealer passes 500 points to sales rep Ravi; the points keep their expiry dates");
    clock.advance(Duration.ofDays(5));
    ledger.transfer(TransferRequest.of(key("share:ravi:jan"), "org-to-member",
        Entry.debit(DEALER, 500), Entry.credit(REP, 500, Expiry.carried())));
    showLots(REP);

    step("5. Dealer redeems a 900-point toolkit: a hold reserves the soonest-expiring lots");
    HoldId toolkit = ledger.hold(HoldRequest.of(key("redeem:R-1"), DEALER, CLEARING, 900, "redemption")
        .timeoutAt(clock.instant().plus(Duration.ofDays(14))));
    show(DEALER);
    out.println("  the toolkit ships: the hold is posted");
    ledger.postHold(PostHoldRequest.full(key("fulfil:R-1"), toolkit, "fulfilled"));
    show(DEALER);

    step("6. Dealer asks for a 300-point voucher, then cancels it: the void restores the balance");
    HoldId voucher = ledger.hold(HoldRequest.of(key("redeem:R-2"), DEALER, CLEARING, 300, "redemption"));
    show(DEALER);
    ledger.voidHold(VoidHoldRequest.of(key("cancel:R-2"), voucher, "cancelled"));
    show(DEALER);

    step("7. Dealer tries to redeem 5,000 points: refused, nothing changes");
    try {
      ledger.hold(HoldRequest.of(key("redeem:R-3"), DEALER, CLEARING, 5_000, "redemption"));
    } catch (InsufficientBalanceException refused) {
      out.println("  refused: " + refused.getMessage());
    }
    show(DEALER);

    step("8. INV-1001 is returned: the reversal takes back what is left of its lot, the rest is booked as a loss");
    AccountId clawback = AccountId.of("system:clawback");
    ledger.openAccount(clawback, AccountType.SYSTEM);
    Transaction reversal = ledger.reverse(ReversalRequest.of(key("return:INV-1001"), inv1001.id(), "invoice-return")
        .withPolicy(dev.loyalty.ledger.ShortfallPolicy.bookTo(clawback)));
    out.println("  reversal " + reversal.id() + " postings: " + reversal.postings());
    show(DEALER);
    show(BUDGET);

    step("9. Time passes to 2027-01-02: the expiry run takes the 500 points Ravi got from the June lot");
    clock.moveTo(Instant.parse("2027-01-02T00:00:00Z"));
    out.println("  expiring by now: " + ledger.expiringBy(clock.instant()));
    ledger.expire(ExpiryRequest.of(key("expiry:2027-01-02"), BREAKAGE, clock.instant()))
        .ifPresent(tx -> out.println("  expiry " + tx.id() + " postings: " + tx.postings()));
    out.println("  a second run finds nothing: " + ledger.expire(ExpiryRequest.of(key("expiry:again"), BREAKAGE,
        clock.instant())).isEmpty());
    show(REP);
    show(BREAKAGE);

    step("10. The dealer's statement for January 2026");
    Statement statement = ledger.statement(DEALER, Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2026-02-01T00:00:00Z"));
    out.printf("  opening %,d%n", statement.opening());
    for (StatementLine line : statement.lines()) {
      out.printf("  %s  %-6s %-10s %-15s %,8d  -> %,8d%n", line.effectiveAt().atOffset(ZoneOffset.UTC).toLocalDate(),
          line.transaction(), line.type(), line.reason(), line.amount(), line.balanceAfter());
    }
    out.printf("  closing %,d%n", statement.closing());

    step("11. The books: trial balance and hash chain");
    out.println("  " + ledger.trialBalance());
    out.println("  balanced: " + ledger.trialBalance().isBalanced());
    out.println("  chain: " + ledger.verify());
  }

  private void step(String title) {
    out.println();
    out.println(title);
  }

  private void show(AccountId id) {
    Balance b = ledger.balance(id);
    out.printf("  %-36s posted %,8d | pending debits %,6d | pending credits %,6d | available %,8d%n", id,
        b.posted(), b.pendingDebits(), b.pendingCredits(), b.available());
  }

  private void showLots(AccountId id) {
    List<Lot> lots = ledger.lots(id, false);
    for (Lot lot : lots) {
      out.printf("    lot %-8s %,6d of %,6d left, %,6d held, expires %s%n", lot.id(), lot.remaining(), lot.original(),
          lot.held(), lot.expiresAt().map(Instant::toString).orElse("never"));
    }
  }

  private static IdempotencyKey key(String value) {
    return IdempotencyKey.of(value);
  }
}
