package dev.loyalty.examples.bench;

/** The counts a thread keeps during a run ({@link Tally}) and their sums over threads ({@link Tally.Merged}). */
class Counters {

  /** Operations done (one operation may be several commands). */
  long operations;
  /** Ledger commands sent (or, for the baseline, book updates). */
  long commands;
  /** Spends replaced by an earn because the harness's shadow balance said the wallet was short. */
  long substitutions;
  long expiryRuns;
  long expiryRunsWithNothingToExpire;
  long expiredPoints;
  long expiredWallets;
  /** Lot movements of the transactions written (each lot a command took from or created is one). */
  long lotMovements;

  /** Adds {@code other}'s counts to these. */
  void add(Counters other) {
    operations += other.operations;
    commands += other.commands;
    substitutions += other.substitutions;
    expiryRuns += other.expiryRuns;
    expiryRunsWithNothingToExpire += other.expiryRunsWithNothingToExpire;
    expiredPoints += other.expiredPoints;
    expiredWallets += other.expiredWallets;
    lotMovements += other.lotMovements;
  }
}
