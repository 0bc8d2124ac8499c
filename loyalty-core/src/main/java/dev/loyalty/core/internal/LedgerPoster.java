package dev.loyalty.core.internal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.StoreFailureException;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramAccounts;
import dev.loyalty.core.spi.JournalEntry;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.IdempotencyConflictException;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.InsufficientBalanceException;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.LedgerException;
import dev.loyalty.ledger.Posting;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.UnknownAccountException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every ledger step shares: the program's wallets opened on first use, the keys of an
 * activity's commands, the loop that plans again when a budget changed between plan and write,
 * the line between a refusal a retry may cure and one it cannot, and the events of posted awards.
 * It writes nothing to the journal itself except through {@link Journal}. Thread-safe.
 */
public final class LedgerPoster {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerPoster.class);
  /** How often a write is planned again when a budget changed between plan and write. */
  private static final int ATTEMPTS = 8;

  private final Program program;
  private final Ledger ledger;
  private final Journal journal;
  private final PartnerWork work;
  /** Wallets known to be open: a wallet opened inside a transaction counts once that commits. */
  private final Set<AccountId> openWallets = ConcurrentHashMap.newKeySet();
  /** The program's account ids, made once per participant, campaign and account. */
  private final ProgramAccountIds accountIds;

  /** Posts {@code program}'s activities to {@code ledger}. */
  public LedgerPoster(Program program, Ledger ledger, Journal journal, PartnerWork work) {
    this.program = requireNonNull(program, "program");
    this.ledger = requireNonNull(ledger, "ledger");
    this.journal = requireNonNull(journal, "journal");
    this.work = requireNonNull(work, "work");
    this.accountIds = new ProgramAccountIds(program.accounts());
  }

  /** The ledger. */
  public Ledger ledger() {
    return ledger;
  }

  /** The program's accounts. */
  public ProgramAccounts accounts() {
    return program.accounts();
  }

  /** The program's account ids, made once (what {@link #accounts()} builds on every call). */
  public ProgramAccountIds accountIds() {
    return accountIds;
  }

  /** The journal a step saves its progress to. */
  public Journal journal() {
    return journal;
  }

  /** What {@code account} can spend now; 0 if it is not open. */
  public long available(AccountId account) {
    try {
      return ledger.balance(account).available();
    } catch (UnknownAccountException notOpen) {
      return 0;
    }
  }

  /**
   * What a debit of {@code account} effective at {@code effectiveAt} may take now (see {@link
   * Ledger#availableFrom}); 0 if it is not open.
   */
  public long availableFrom(AccountId account, Instant effectiveAt) {
    try {
      return ledger.availableFrom(account, effectiveAt);
    } catch (UnknownAccountException notOpen) {
      return 0;
    }
  }

  /** Opens those of {@code accounts} that are the program's wallets, once. */
  public void openWallets(Collection<AccountId> accounts) {
    for (AccountId account : accounts) {
      if (!openWallets.contains(account) && accountIds.isWallet(account)) {
        ledger.openAccount(account, AccountType.WALLET);
        work.afterCommit(() -> openWallets.add(account));
      }
    }
  }

  /**
   * The key of the entry's {@code part} ("" for its one command): derived from the activity id and
   * the attempt, so a new plan after a refusal is a new ledger command (the ledger remembers a
   * refusal under its key).
   */
  public IdempotencyKey key(JournalEntry entry, String part) {
    String base = program.accounts().prefix() + ":activity:" + entry.activity().id().value();
    return IdempotencyKey.of(base + (entry.attempt() == 0 ? "" : "#" + entry.attempt()) + part);
  }

  /** One attempt at writing an entry's commands. */
  @FunctionalInterface
  public interface Attempt {
    /**
     * Writes the entry's commands.
     *
     * @throws InsufficientBalanceException when a budget no longer holds what the plan drew on; the
     *                                      attempt must have undone whatever it opened first
     */
    LedgerStep.Result write(JournalEntry entry);
  }

  /**
   * Runs {@code attempt}; when the ledger finds a budget short, saves {@code replan} of the receipt
   * as the next attempt and runs it again. A refusal no retry cures comes back as
   * {@link LedgerStep.Refused}.
   *
   * @throws LoyaltyException if budgets kept changing through every attempt (the entry stays
   *                          incomplete, and recording it again or {@code recover()} retries)
   */
  public LedgerStep.Result write(JournalEntry planned, Attempt attempt, UnaryOperator<Receipt> replan) {
    JournalEntry entry = planned;
    for (int i = 0; i < ATTEMPTS; i++) {
      try {
        return attempt.write(entry);
      } catch (InsufficientBalanceException e) {
        LOG.debug("activity {}: {}; planning again", entry.activity().id(), e.getMessage());
        entry = journal.save(entry.replanned(replan.apply(entry.receipt())));
      } catch (IdempotencyConflictException e) {
        if (work.atomic()) {
          // In one transaction the key is most likely another partner's activity of the same id,
          // committed after this one looked for it in the journal: run the transaction again,
          // which finds that entry (a duplicate) instead of writing.
          throw new StoreFailureException("activity " + entry.activity().id() + ": its ledger key was taken "
              + "meanwhile (" + e.getMessage() + "); its transaction is run again", e, true);
        }
        // Something outside the engine used the key, or the program changed under a written plan:
        // the ledger may hold points for it, so this is for a person to look at, not a refusal.
        throw new LoyaltyException("activity " + entry.activity().id() + " cannot be written: " + e.getMessage(), e);
      } catch (LedgerException e) {
        LOG.warn("activity {} refused by the ledger: {}", entry.activity().id(), e.getMessage());
        return new LedgerStep.Refused(entry, e.getMessage());
      }
    }
    throw new LoyaltyException("activity " + planned.activity().id() + " could not be written after " + ATTEMPTS
        + " attempts: budgets kept changing meanwhile; record it again or call recover()");
  }

  /**
   * One {@link LoyaltyEvent.AwardPosted} per wallet {@code transactions} credited, with the points
   * it got in all and the first transaction that credited it.
   */
  public List<LoyaltyEvent> awardEvents(ActivityId activity, List<Transaction> transactions) {
    Map<ParticipantId, Long> points = new LinkedHashMap<>();
    Map<ParticipantId, Transaction> first = new LinkedHashMap<>();
    for (Transaction tx : transactions) {
      for (Posting p : tx.postings()) {
        accountIds.walletOwner(p.account()).ifPresent(owner -> {
          points.merge(owner, p.amount(), Math::addExact);
          first.putIfAbsent(owner, tx);
        });
      }
    }
    List<LoyaltyEvent> events = new ArrayList<>();
    points.forEach((owner, amount) -> {
      Transaction tx = first.get(owner);
      events.add(new LoyaltyEvent.AwardPosted("award:" + activity.value() + ":" + owner.kind() + ":" + owner.value(),
          tx.recordedAt(), activity, owner, amount, tx.id()));
    });
    return events;
  }
}
