package dev.loyalty.core.internal.setup;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.BudgetChange;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramAccounts;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.HistoryPage;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.InsufficientBalanceException;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.TransferRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a program's accounts and brings each campaign's budget to what the program says, at every
 * start. What a campaign has been given in all is read from its funding account (minus its
 * balance); a raised budget is topped up and a lowered one reduced, each change its own transfer
 * between the funding and the budget account, keyed by the campaign and the number of changes
 * before it, so engines starting together with the same program make the change once. A reduction
 * never takes back points already paid out or reserved by holds: the budget then stays at what was
 * used, and the change says so. A raise takes effect on the campaign's first day, so late
 * activities of the campaign find the budget there as of their own date. Not thread-safe; run
 * once per engine.
 */
public final class ProgramSetup {
  private static final Logger LOG = LoggerFactory.getLogger(ProgramSetup.class);
  /** How often a reduction is tried again when awards spent the budget meanwhile. */
  private static final int ATTEMPTS = 8;

  private final Program program;
  private final Ledger ledger;

  /** Sets up {@code program} in {@code ledger}. */
  public ProgramSetup(Program program, Ledger ledger) {
    this.program = requireNonNull(program, "program");
    this.ledger = requireNonNull(ledger, "ledger");
  }

  /**
   * Opens the accounts and settles every budget.
   *
   * @return the budgets it changed (or could not lower as far as asked), in the program's order
   */
  public List<BudgetChange> apply() {
    ProgramAccounts accounts = program.accounts();
    ledger.openAccount(accounts.issuance(), AccountType.SYSTEM);
    ledger.openAccount(accounts.breakage(), AccountType.SYSTEM);
    ledger.openAccount(accounts.clawback(), AccountType.SYSTEM);
    ledger.openAccount(accounts.adjustments(), AccountType.SYSTEM);
    List<BudgetChange> changes = new ArrayList<>();
    for (Campaign c : program.campaigns()) {
      ledger.openAccount(accounts.budget(c.id()), AccountType.BUDGET);
      ledger.openAccount(accounts.funding(c.id()), AccountType.SYSTEM);
      settle(c).ifPresent(change -> {
        LOG.info("campaign {}: {}", c.id(), change.note());
        changes.add(change);
      });
    }
    return changes;
  }

  private Optional<BudgetChange> settle(Campaign c) {
    AccountId budget = program.accounts().budget(c.id());
    AccountId funding = program.accounts().funding(c.id());
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      List<Transaction> fundings = history(funding);
      long before = Math.addExact(legacyFunding(c, budget), -ledger.balance(funding).posted());
      long after = c.budget();
      if (after == before) {
        return Optional.empty();
      }
      if (after < before) {
        long free = Math.max(0, ledger.balance(budget).available());
        after = before - Math.min(before - after, free);
        if (after == before) {
          return Optional.of(new BudgetChange(c.id(), before, c.budget(), before, Optional.empty(), "the budget stays at "
              + before + " points, not the " + c.budget() + " the program asks: all of it was paid out or is "
              + "reserved"));
        }
      }
      long delta = after - before;
      // Keyed by the count of earlier changes: a start that repeats this one replays it.
      IdempotencyKey key = IdempotencyKey.of(program.accounts().prefix() + ":budget:" + c.id().value() + ":"
          + fundings.size() + ":" + before + "-" + after);
      List<Entry> entries = delta > 0 ? List.of(Entry.debit(funding, delta), Entry.credit(budget, delta))
          : List.of(Entry.debit(budget, -delta), Entry.credit(funding, -delta));
      Transaction tx;
      try {
        tx = ledger.transfer(new TransferRequest(key, entries, "campaign-budget", Map.of("campaign", c.id().value(),
            "program", program.id(), "from", Long.toString(before), "to", Long.toString(after), "requested",
            Long.toString(c.budget())), delta > 0 ? fundedFrom(c) : Optional.empty()));
      } catch (InsufficientBalanceException spentMeanwhile) {
        LOG.debug("campaign {}: {}; reading the budget again", c.id(), spentMeanwhile.getMessage());
        continue;
      }
      String note = before == 0 ? "funded with " + after + " points"
          : delta > 0 ? "budget raised from " + before + " to " + after + " points"
          : "budget lowered from " + before + " to " + after + " points" + (after == c.budget() ? ""
              : ", not to the " + c.budget() + " the program asks: the rest was paid out or is reserved");
      return Optional.of(new BudgetChange(c.id(), before, c.budget(), after, Optional.of(tx.id()), note));
    }
    throw new LoyaltyException("campaign " + c.id() + "'s budget could not be lowered to " + c.budget() + " after "
        + ATTEMPTS + " attempts: awards kept spending it meanwhile; start the engine again");
  }

  /**
   * When a raise takes effect: the campaign's first day (in the program's zone) if that has come,
   * else now. The ledger holds a budget's balance as of any time at or above zero, and awards are
   * effective when their activities happened, so a budget funded "now" could not pay an activity of
   * the campaign's first weeks imported later. A reduction takes effect now: it takes only what is
   * unused now, which keeps every earlier as-of balance as it was.
   */
  private Optional<Instant> fundedFrom(Campaign c) {
    Instant start = c.startsOn().atStartOfDay(program.zone()).toInstant();
    return start.isBefore(ledger.clock().instant()) ? Optional.of(start) : Optional.empty();
  }

  /**
   * What an earlier version of the engine funded the campaign with: one transfer from issuance
   * under {@code <prefix>:fund:<campaign>}, the budget account's first transaction.
   */
  private long legacyFunding(Campaign c, AccountId budget) {
    String legacyKey = program.accounts().prefix() + ":fund:" + c.id().value();
    return ledger.history(budget, Optional.empty(), 1).transactions().stream()
        .filter(t -> t.key().value().equals(legacyKey)).mapToLong(t -> t.amountFor(budget)).sum();
  }

  /** Every transaction of {@code account}; a funding account has one per budget change. */
  private List<Transaction> history(AccountId account) {
    List<Transaction> all = new ArrayList<>();
    Optional<TransactionId> after = Optional.empty();
    do {
      HistoryPage page = ledger.history(account, after, 1000);
      all.addAll(page.transactions());
      after = page.next();
    } while (after.isPresent());
    return all;
  }
}
