package dev.loyalty.core.simulation.internal;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.access.Actor;
import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.Roles;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.claims.Claim;
import dev.loyalty.core.claims.ClaimId;
import dev.loyalty.core.claims.ClaimStatus;
import dev.loyalty.core.claims.ClaimSubmission;
import dev.loyalty.core.claims.InvoiceRecord;
import dev.loyalty.core.claims.Proof;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.simulation.Claiming;
import dev.loyalty.core.spi.InMemoryInvoiceRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A simulation's sell-out claims (see {@link Claiming}): which sales are claimed, their records in
 * the run's registry, the duplicates, the review desk and the expiry sweep. What comes later than the
 * activity being recorded (a duplicate, a desk's decision) waits in a queue by time and runs when
 * the run's clock reaches it, so a run stays in time order and deterministic. On the run's thread.
 */
public final class Claimer {
  /** Sale ids longer than this leave no room for the claim id's prefix and suffix (100 at most). */
  private static final int MAX_SALE_ID = 92;
  private static final BigDecimal DISCOUNTED = new BigDecimal("0.95");

  private final Claiming how;
  private final LoyaltyEngine engine;
  private final InMemoryInvoiceRegistry records;
  private final ZoneId zone;
  private final SimulationClock clock;
  private final Actor claimant = Actor.of(ActorId.of(Claiming.CLAIMANT), Roles.CLAIMANT);
  private final Actor desk = Actor.of(ActorId.of(Claiming.REVIEW_DESK), Roles.REVIEWER);
  private final PriorityQueue<Later> later = new PriorityQueue<>(Comparator.comparing(Later::at)
      .thenComparingLong(Later::seq));
  private long seq;

  /**
   * @param records the run's registry, the one {@code engine} checks claims against
   * @param zone    the program's zone: a claim's invoice date is its sale's day there
   */
  public Claimer(Claiming how, LoyaltyEngine engine, InMemoryInvoiceRegistry records, ZoneId zone,
      SimulationClock clock) {
    this.how = how;
    this.engine = engine;
    this.records = records;
    this.zone = zone;
    this.clock = clock;
  }

  /** Whether the run claims {@code sale} instead of recording it: the first draw of its stream. */
  public boolean claims(Sale sale) {
    String id = sale.id().value();
    return id.length() <= MAX_SALE_ID && id.chars().anyMatch(Character::isLetterOrDigit)
        && draws(sale.id()).nextInt(100) < how.percent();
  }

  /**
   * Claims {@code sale} (which {@link #claims} chose): loads its record, submits the claim, counts it
   * and plans what comes of it. A sale claimed before is submitted again (the engine returns the
   * claim as it stands, or refuses other content) and counted as replayed.
   *
   * @return the receipt of the claim's activity
   * @throws LoyaltyException the engine's refusal, counted
   */
  public Receipt claim(Sale sale, Tally tally) {
    ClaimSubmission submission = submission(sale, claimId(sale.id(), false), sale.id().value());
    try {
      if (engine.claim(submission.id()).isPresent()) {
        Claim again = engine.submitClaim(claimant, submission);
        tally.replayed();
        return receipt(again);
      }
      SplittableRandom draws = draws(sale.id());
      draws.nextInt(100);   // the draw that chose the sale
      int record = draws.nextInt(100);
      boolean duplicate = draws.nextInt(100) < Claiming.DUPLICATE_PERCENT;
      if (record >= Claiming.UNRECORDED_PERCENT) {
        records.put(record(submission, record < Claiming.UNRECORDED_PERCENT + Claiming.DIFFERING_PERCENT));
      }
      Claim claim = submitted(submission, false, tally);
      if (duplicate) {
        ClaimSubmission twice = submission(sale, claimId(sale.id(), true), sale.id().value().toLowerCase(Locale.ROOT));
        plan(sale.occurredAt().plus(Duration.ofDays(Claiming.DUPLICATE_AFTER_DAYS)), t -> submitted(twice, true, t));
      }
      return receipt(claim);
    } catch (LoyaltyException refused) {
      tally.claimRefused(refused.getMessage());
      throw refused;
    }
  }

  /**
   * {@code ret}, or when it returns part of a sale the run claimed, the same return of the claim's
   * sale; empty (and counted) when that claim was not paid: there is nothing to take back.
   */
  public Optional<SaleReturn> returnOf(SaleReturn ret, Tally tally) {
    if (ret.invoice().value().length() > MAX_SALE_ID) {
      return Optional.of(ret);
    }
    Optional<Claim> claim = engine.claim(claimId(ret.invoice(), false));
    if (claim.isEmpty()) {
      return Optional.of(ret);
    }
    if (receipt(claim.get()).status() != Receipt.Status.RECORDED) {
      tally.claimReturnLeftOut();
      return Optional.empty();
    }
    return Optional.of(new SaleReturn(ret.header(), claim.get().activity(), ret.lines()));
  }

  /** Runs, in time order, what was planned for {@code at} or before: duplicates, the desk's decisions. */
  public void until(Instant at, Tally tally) {
    while (!later.isEmpty() && !later.peek().at().isAfter(at)) {
      Later next = later.poll();
      clock.advanceTo(next.at());
      try {
        next.action().accept(tally);
      } catch (LoyaltyException refused) {
        tally.claimRefused(refused.getMessage());
      }
    }
  }

  /** The expiry sweep, at a period close: held claims past their deadline expire. */
  public void expire(Tally tally) {
    engine.expireClaims().forEach(c -> tally.claimExpired());
  }

  private Claim submitted(ClaimSubmission submission, boolean duplicate, Tally tally) {
    Claim claim = engine.submitClaim(claimant, submission);
    tally.claimSubmitted(claim, receipt(claim), duplicate);
    if (claim.status() == ClaimStatus.IN_REVIEW && how.reviewDays().isPresent()) {
      plan(claim.submittedAt().plus(Duration.ofDays(how.reviewDays().getAsInt())), t -> decide(claim.id(),
          duplicate, t));
    }
    return claim;
  }

  /** The desk approves an honest claim and rejects a duplicate; one past its deadline is left to expire. */
  private void decide(ClaimId id, boolean duplicate, Tally tally) {
    Claim claim = engine.claim(id).orElseThrow();
    if (!claim.status().awaitsDecision() || !clock.instant().isBefore(claim.deadline())) {
      return;
    }
    Claim decided = duplicate
        ? engine.rejectClaim(id, desk, "A second claim of invoice " + claim.submission().invoiceNumber() + ".")
        : engine.approveClaim(id, desk, "The sale is genuine.");
    tally.claimDecided(decided, receipt(decided));
  }

  private Receipt receipt(Claim claim) {
    return engine.receipt(claim.activity()).orElseThrow(() -> new IllegalStateException("claim " + claim.id()
        + " has no receipt of its activity " + claim.activity()));
  }

  private void plan(Instant at, Consumer<Tally> action) {
    later.add(new Later(at, seq++, action));
  }

  private ClaimSubmission submission(Sale sale, ClaimId id, String invoiceNumber) {
    LocalDate day = LocalDate.ofInstant(sale.occurredAt(), zone);
    return new ClaimSubmission(id, sale.partner(), sale.member(), invoiceNumber, day, sale.currency(), sale.lines(),
        Proof.document("DOC-" + id.value()));
  }

  /** The manufacturer's record of a claimed sale: exact, or with the first line 5% cheaper. */
  private static InvoiceRecord record(ClaimSubmission claim, boolean differing) {
    List<InvoiceLine> lines = new ArrayList<>(claim.lines());
    if (differing) {
      InvoiceLine first = lines.get(0);
      lines.set(0, new InvoiceLine(first.sku(), first.category(), first.quantity(), first.unitPrice(),
          first.amount().multiply(DISCOUNTED)));
    }
    return new InvoiceRecord(claim.partner(), claim.invoiceNumber(), claim.invoiceDate(), claim.currency(), lines,
        Set.of());
  }

  private static ClaimId claimId(ActivityId sale, boolean duplicate) {
    return ClaimId.of("CLM-" + sale.value() + (duplicate ? "-DUP" : ""));
  }

  /** A sale's own draws: whether it is claimed, its record, whether it is claimed twice. */
  private SplittableRandom draws(ActivityId sale) {
    return new SplittableRandom(how.seed() * 0x9E3779B97F4A7C15L + sale.value().hashCode());
  }

  /** Something planned for a later instant, in the order planned among equals. */
  private record Later(Instant at, long seq, Consumer<Tally> action) {
  }
}
