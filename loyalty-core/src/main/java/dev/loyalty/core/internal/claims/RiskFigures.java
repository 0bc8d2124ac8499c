package dev.loyalty.core.internal.claims;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.claims.BalanceDrain;
import dev.loyalty.core.claims.CampaignEnd;
import dev.loyalty.core.claims.Claim;
import dev.loyalty.core.claims.ClaimFacts;
import dev.loyalty.core.claims.ClaimRef;
import dev.loyalty.core.claims.ClaimStatus;
import dev.loyalty.core.claims.ClaimSubmission;
import dev.loyalty.core.claims.IdentityChange;
import dev.loyalty.core.claims.IdentityKind;
import dev.loyalty.core.claims.IdentityRecord;
import dev.loyalty.core.claims.RateFigures;
import dev.loyalty.core.claims.RecordCheck;
import dev.loyalty.core.claims.SerialClaim;
import dev.loyalty.core.claims.SharedIdentity;
import dev.loyalty.core.internal.adjustments.Adjustments;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.TrustPolicy;
import dev.loyalty.core.spi.ClaimStore;
import dev.loyalty.core.spi.IdentityStore;
import dev.loyalty.core.spi.InvoiceRegistry;
import dev.loyalty.ledger.Account;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Balance;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.StatementLine;
import dev.loyalty.ledger.TransactionId;
import dev.loyalty.ledger.TransactionType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes a claim's {@link ClaimFacts}: the other claims of its invoice, fingerprint and serial
 * numbers, and the partner's recent behaviour against its own history, over the windows of the
 * program's {@link TrustPolicy}. Reads only; the rules decide what the figures mean. The claim's own
 * earlier revisions never count against it. Thread-safe.
 *
 * <p>An identifying detail counts against a claim when a participant of another organisation
 * registered it <em>before</em> the claim's partner or member did: a front company that copied an
 * existing partner's bank account is suspect, the partner it copied is not.
 *
 * <p>A detail of a kind the participant had already is a change, seen by its registration time: a
 * participant's first detail of a kind is its enrolment, or the host starting to pass that kind.
 *
 * <p>Windows are counted back from the claim's submission ("now"): the recent window is the last
 * {@code recentDays}, the baseline the {@code baselineDays} before it; a partner's baseline starts
 * no earlier than its first claim (or, for redemptions, its wallet), so a new partner has a short
 * baseline rather than a long empty one. A campaign's end window is its last {@code campaignEndDays}
 * days, and its baseline the {@code baselineDays} before them, by invoice date.
 */
final class RiskFigures {
  /** How far back the partner's claims are read for its amount history. */
  static final Duration AMOUNT_LOOKBACK = Duration.ofDays(365);

  private final Program program;
  private final TrustPolicy trust;
  private final ClaimStore claims;
  private final InvoiceRegistry records;
  private final IdentityStore identities;
  private final Ledger ledger;

  RiskFigures(Program program, ClaimStore claims, InvoiceRegistry records, IdentityStore identities, Ledger ledger) {
    this.program = requireNonNull(program, "program");
    this.trust = program.trust();
    this.claims = requireNonNull(claims, "claims");
    this.records = requireNonNull(records, "records");
    this.identities = requireNonNull(identities, "identities");
    this.ledger = requireNonNull(ledger, "ledger");
  }

  /** The facts of revision {@code revision} of {@code claim} by {@code claimant}, submitted {@code now}. */
  ClaimFacts of(ClaimSubmission claim, ActorId claimant, int revision, RecordCheck check, Partner partner,
      Optional<TierId> tier, Instant now) {
    ZoneId zone = program.zone();
    Instant day = claim.invoiceDate().atStartOfDay(zone).toInstant();
    Optional<Campaign> ending = endingCampaign(claim.invoiceDate(), partner, tier, day);
    Instant from = now.minus(Duration.ofDays(trust.recentDays() + (long) trust.baselineDays()));
    if (ending.isPresent()) {
      Instant campaignBaseline = windowStart(ending.get()).minusDays(trust.baselineDays()).atStartOfDay(zone)
          .toInstant();
      from = campaignBaseline.isBefore(from) ? campaignBaseline : from;
    }
    // Up to and including now: claims submitted at this very instant (a bulk import on one clock) came first.
    List<Claim> history = others(claim, from, now.plusNanos(1));
    List<BigDecimal> paid = paidAmounts(history);
    Instant lookback = now.minus(AMOUNT_LOOKBACK);
    if (paid.size() < trust.amountHistory() && lookback.isBefore(from)) {
      // A partner that claims rarely: its amount history reaches further back than the windows.
      List<Claim> older = new ArrayList<>(others(claim, lookback, from));
      older.addAll(history);
      paid = paidAmounts(older);
    }
    return facts(claim, claimant, revision, check, now, ending, history, paid);
  }

  private ClaimFacts facts(ClaimSubmission claim, ActorId claimant, int revision, RecordCheck check, Instant now,
      Optional<Campaign> ending, List<Claim> history, List<BigDecimal> paid) {
    Spending spent = spending(claim, now);
    return new ClaimFacts(claim.id(), claimant, revision, claim.invoiceNumber(), claim.invoiceDate(), claim.total(),
        check, duplicates(claim), sharedInvoices(claim), serialClaims(claim), velocity(history, now),
        ending.map(c -> List.of(campaignEnd(c, claim, history, paid))).orElse(List.of()),
        RobustAmounts.of(claim.total().amount(), paid, claim.currency()), spent.redemptions(), spent.drain(),
        sharedIdentities(claim), identityChanges(claim, now));
  }

  /** The partner's claims submitted in {@code [from, to)}, but {@code claim} (any revision of it). */
  private List<Claim> others(ClaimSubmission claim, Instant from, Instant to) {
    return claims.ofPartner(claim.partner(), from, to).stream().filter(c -> !c.id().equals(claim.id())).toList();
  }

  private List<ClaimRef> duplicates(ClaimSubmission claim) {
    return claims.byInvoice(claim.partner(), claim.invoiceKey()).stream()
        .filter(c -> !c.id().equals(claim.id()) && c.status().claimsTheSale()).map(ClaimRef::of).toList();
  }

  private List<ClaimRef> sharedInvoices(ClaimSubmission claim) {
    return claims.byFingerprint(claim.fingerprint()).stream()
        .filter(c -> !c.partner().equals(claim.partner())).map(ClaimRef::of).toList();
  }

  private List<SerialClaim> serialClaims(ClaimSubmission claim) {
    List<SerialClaim> found = new ArrayList<>();
    for (String serial : claim.proof().serialKeys()) {
      records.claimsOf(serial).stream().filter(s -> !s.claim().equals(claim.id())).forEach(found::add);
    }
    return found;
  }

  private RateFigures velocity(List<Claim> history, Instant now) {
    Instant recentStart = now.minus(Duration.ofDays(trust.recentDays()));
    Instant baselineStart = recentStart.minus(Duration.ofDays(trust.baselineDays()));
    long recent = 1; // this claim
    long baseline = 0;
    Optional<Instant> first = Optional.empty();
    for (Claim c : history) {
      Instant at = c.submittedAt();
      if (!at.isBefore(recentStart)) {
        recent++;
      } else if (!at.isBefore(baselineStart)) {
        baseline++;
      }
      first = first.isEmpty() || at.isBefore(first.get()) ? Optional.of(at) : first;
    }
    return RateFigures.ofCounts(trust.recentDays(), recent, baseline, daysOfHistory(first, baselineStart, recentStart),
        1);
  }

  /** Whole days from the later of {@code start} and the first event to {@code end}; 0 if none before {@code end}. */
  private static long daysOfHistory(Optional<Instant> first, Instant start, Instant end) {
    if (first.isEmpty() || !first.get().isBefore(end)) {
      return 0;
    }
    Instant from = first.get().isAfter(start) ? first.get() : start;
    return Duration.between(from, end).toDays();
  }

  private List<BigDecimal> paidAmounts(List<Claim> history) {
    List<Claim> paid = history.stream().filter(c -> c.status() == ClaimStatus.PAID).toList();
    List<Claim> latest = paid.subList(Math.max(0, paid.size() - trust.amountHistory()), paid.size());
    return latest.stream().map(c -> c.submission().total().amount()).toList();
  }

  /** The campaign targeting the partner whose last days hold {@code date}; the one ending first if several. */
  private Optional<Campaign> endingCampaign(LocalDate date, Partner partner, Optional<TierId> tier, Instant day) {
    return program.campaigns().stream()
        .filter(c -> c.appliesTo(partner, tier, day, program.zone()) && !date.isBefore(windowStart(c)))
        .min(Comparator.comparing(Campaign::endsOn).thenComparing(c -> c.id().value()));
  }

  private LocalDate windowStart(Campaign c) {
    LocalDate start = c.endsOn().minusDays(trust.campaignEndDays() - 1L);
    return start.isBefore(c.startsOn()) ? c.startsOn() : start;
  }

  private CampaignEnd campaignEnd(Campaign c, ClaimSubmission claim, List<Claim> history, List<BigDecimal> paid) {
    LocalDate windowStart = windowStart(c);
    LocalDate baselineStart = windowStart.minusDays(trust.baselineDays());
    int windowDays = (int) (c.endsOn().toEpochDay() - windowStart.toEpochDay() + 1);
    long windowClaims = 1; // this claim
    BigDecimal windowAmount = claim.total().amount();
    BigDecimal baselineAmount = BigDecimal.ZERO;
    Optional<LocalDate> first = Optional.empty();
    for (Claim other : history) {
      LocalDate sold = other.submission().invoiceDate();
      boolean inWindow = !sold.isBefore(windowStart) && !sold.isAfter(c.endsOn());
      if (inWindow && other.status().claimsTheSale() && other.status() != ClaimStatus.BLOCKED) {
        windowClaims++;
        windowAmount = windowAmount.add(other.submission().total().amount());
      } else if (!sold.isBefore(baselineStart) && sold.isBefore(windowStart) && other.status() == ClaimStatus.PAID) {
        baselineAmount = baselineAmount.add(other.submission().total().amount());
      }
      if (first.isEmpty() || sold.isBefore(first.get())) {
        first = Optional.of(sold);
      }
    }
    long baselineDays = first.filter(f -> f.isBefore(windowStart))
        .map(f -> windowStart.toEpochDay() - (f.isAfter(baselineStart) ? f : baselineStart).toEpochDay()).orElse(0L);
    BigDecimal median = paid.isEmpty() ? BigDecimal.ZERO : RobustAmounts.median(paid);
    return CampaignEnd.of(c.id(), c.endsOn(), windowDays, windowClaims, Money.of(windowAmount, claim.currency()),
        Money.of(baselineAmount, claim.currency()), baselineDays, median);
  }

  /** What the claim's wallets spent: against their baseline, and as a share of what they held. */
  private record Spending(RateFigures redemptions, BalanceDrain drain) {
  }

  /**
   * The wallets' spending, from one statement of each over the baseline and the recent window:
   * {@link RateFigures} of the points spent in the recent window against the baseline before it, and
   * the {@link BalanceDrain} of the recent window's redemptions. What a drain left is the posted
   * balance right after its last redemption <em>as written</em>: the balance now less every line
   * written after it (transaction ids increase as the ledger writes), since a claim of a sale made
   * before the redemption but submitted after it posts a credit dated before it. Lines dated before
   * the statement (a sale claimed more than the baseline after it was made) are not seen. While
   * redemptions not paid yet reserve points, those are spent now, and what is left is the posted
   * balance now less what they reserve.
   */
  private Spending spending(ClaimSubmission claim, Instant now) {
    Instant recentStart = now.minus(Duration.ofDays(trust.recentDays()));
    Instant baselineStart = recentStart.minus(Duration.ofDays(trust.baselineDays()));
    long recent = 0;
    long baseline = 0;
    long drained = 0;
    long left = 0;
    Optional<Instant> opened = Optional.empty();
    for (ParticipantId holder : holders(claim)) {
      AccountId wallet = program.accounts().wallet(holder);
      Optional<Account> account = ledger.account(wallet);
      if (account.isEmpty()) {
        continue;
      }
      Instant openedAt = account.get().openedAt();
      opened = opened.isEmpty() || openedAt.isBefore(opened.get()) ? Optional.of(openedAt) : opened;
      List<StatementLine> lines = ledger.statement(wallet, baselineStart, now.plusNanos(1)).lines();
      long walletRecent = 0;
      Optional<TransactionId> last = Optional.empty();
      for (StatementLine line : lines) {
        if (!isSpending(line)) {
          continue;
        }
        if (line.effectiveAt().isBefore(recentStart)) {
          baseline = Math.addExact(baseline, -line.amount());
        } else {
          walletRecent = Math.addExact(walletRecent, -line.amount());
          last = last.filter(l -> l.compareTo(line.transaction()) > 0).or(() -> Optional.of(line.transaction()));
        }
      }
      recent = Math.addExact(recent, walletRecent);
      Balance balance = ledger.balance(wallet);
      long walletLeft = balance.posted();
      if (balance.pendingDebits() > 0) {
        walletRecent = Math.addExact(walletRecent, balance.pendingDebits());
        walletLeft = Math.subtractExact(walletLeft, balance.pendingDebits());
      } else if (last.isPresent()) {
        TransactionId lastSpent = last.get();
        for (StatementLine line : lines) {
          if (line.transaction().compareTo(lastSpent) > 0) {
            walletLeft = Math.subtractExact(walletLeft, line.amount());
          }
        }
      }
      if (walletRecent > 0) {
        drained = Math.addExact(drained, walletRecent);
        left = Math.addExact(left, Math.max(0, walletLeft));
      }
    }
    return new Spending(RateFigures.ofPoints(trust.recentDays(), recent, baseline,
        daysOfHistory(opened, baselineStart, recentStart), 1), BalanceDrain.of(trust.recentDays(), drained, left));
  }

  /** The claim's partner, and its member if it names one: whose wallets and details count. */
  private static List<ParticipantId> holders(ClaimSubmission claim) {
    List<ParticipantId> holders = new ArrayList<>();
    holders.add(claim.partner());
    claim.member().ifPresent(holders::add);
    return holders;
  }

  /**
   * Whether a statement line spent points: a posted debit (a transfer, or a hold's post) that is not
   * the engine's own (a return is a reversal, an expiry an expiry, a manual debit an adjustment).
   * Until the engine redeems rewards itself, this is what a host's redemption through the ledger's
   * holds looks like.
   */
  private static boolean isSpending(StatementLine line) {
    return line.amount() < 0 && (line.type() == TransactionType.TRANSFER || line.type() == TransactionType.HOLD_POST)
        && !line.reason().equals(Adjustments.REASON);
  }

  private List<SharedIdentity> sharedIdentities(ClaimSubmission claim) {
    Map<String, SharedIdentity> shared = new LinkedHashMap<>();
    for (ParticipantId participant : holders(claim)) {
      for (IdentityRecord mine : identities.of(participant)) {
        // Only those who had the detail first: the copy is suspect, not the original it copied.
        for (IdentityRecord other : identities.holders(mine.kind(), mine.hash())) {
          if (other.participant().equals(participant)) {
            break;
          }
          if (!other.partner().equals(claim.partner())) {
            shared.putIfAbsent(mine.kind() + "|" + participant + "|" + other.participant(),
                new SharedIdentity(mine.kind(), participant, other.participant(), other.partner()));
          }
        }
      }
    }
    return List.copyOf(shared.values());
  }

  /**
   * The partner's and member's changes: per participant and kind, the latest detail registered
   * after another of the same kind, at or before {@code now}; oldest first. A participant's first
   * detail of a kind is its enrolment (or the host starting to pass that kind), not a change.
   */
  private List<IdentityChange> identityChanges(ClaimSubmission claim, Instant now) {
    List<IdentityChange> changes = new ArrayList<>();
    for (ParticipantId participant : holders(claim)) {
      Map<IdentityKind, IdentityRecord> first = new EnumMap<>(IdentityKind.class);
      Map<IdentityKind, IdentityRecord> latest = new EnumMap<>(IdentityKind.class);
      for (IdentityRecord r : identities.of(participant)) {
        if (r.registeredAt().isAfter(now)) {
          continue;
        }
        if (first.putIfAbsent(r.kind(), r) != null && !r.registeredAt().isBefore(latest.getOrDefault(r.kind(), r)
            .registeredAt())) {
          latest.put(r.kind(), r);
        }
      }
      latest.values().forEach(r -> changes.add(new IdentityChange(r.kind(), participant, r.registeredAt(),
          Duration.between(r.registeredAt(), now).toDays())));
    }
    changes.sort(Comparator.comparing(IdentityChange::changedAt));
    return List.copyOf(changes);
  }
}
