package dev.loyalty.core.internal.claims;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.InvalidActivityException;
import dev.loyalty.core.NotEnrolledException;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.UnknownMemberException;
import dev.loyalty.core.UnknownPartnerException;
import dev.loyalty.core.access.AccessRefusedException;
import dev.loyalty.core.access.Actor;
import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.ApprovalId;
import dev.loyalty.core.access.ApprovalRule;
import dev.loyalty.core.access.Authorizer;
import dev.loyalty.core.access.PartnerTraits;
import dev.loyalty.core.access.Refusal;
import dev.loyalty.core.access.Target;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.claims.Claim;
import dev.loyalty.core.claims.ClaimFacts;
import dev.loyalty.core.claims.ClaimId;
import dev.loyalty.core.claims.ClaimStateException;
import dev.loyalty.core.claims.ClaimStatus;
import dev.loyalty.core.claims.ClaimSubmission;
import dev.loyalty.core.claims.DuplicateClaimException;
import dev.loyalty.core.claims.InvalidClaimException;
import dev.loyalty.core.claims.RecordCheck;
import dev.loyalty.core.claims.SerialClaim;
import dev.loyalty.core.claims.UnknownClaimException;
import dev.loyalty.core.internal.Audited;
import dev.loyalty.core.internal.Completion;
import dev.loyalty.core.internal.Journal;
import dev.loyalty.core.internal.ParticipantFigures;
import dev.loyalty.core.internal.recording.Recording;
import dev.loyalty.core.internal.review.Review;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.Names;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.Tier;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.spi.ClaimStore;
import dev.loyalty.core.spi.IdentityStore;
import dev.loyalty.core.spi.InvoiceRegistry;
import dev.loyalty.ledger.Ledger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claims capability: a partner's (or member's) claim for a sale, checked against the
 * manufacturer's records, judged by the risk rules on figures of its own history, posted at once,
 * held for a checker, or blocked; then approved, rejected, asked about, resubmitted or expired.
 *
 * <p>A claim becomes a sale activity of the engine ({@link Claim#activityOf}): the rules earn on it
 * with the claim's {@link ClaimFacts}, an approved claim posts through the engine, and a claim in
 * review holds its points as the engine's review holds, which {@link Review#settle} posts or
 * releases when the claim is decided.
 *
 * <p>Access: submitting and resubmitting need {@code SUBMIT_CLAIM} (within the claimant's limit for
 * the points the rules award, and its scope); deciding and asking need {@code DECIDE_CLAIM} within
 * the checker's limit (for the points held) and scope, by someone other than the claimant and the
 * member who sold; only the claimant resubmits. Every call appends exactly one entry to the audit
 * log ({@code claim.submit}, {@code claim.approve}, {@code claim.reject}, {@code claim.request-info},
 * {@code claim.resubmit}, one {@code claim.expire} per claim a sweep expires), allowed or refused,
 * after its own writes; a refused call changes nothing but the log.
 *
 * <p>Crash safety: a claim is stored before its activity is written, and each step after is
 * idempotent, so submitting the same claim again, or {@link #recover()}, finishes what a crash
 * interrupted. Calls for one partner run one at a time (the engine's partner lock); the store's
 * version check keeps processes sharing it from both moving one claim. Thread-safe.
 */
public final class Claims {
  /** The actor the engine records for the steps it takes by itself. */
  public static final ActorId SYSTEM = ActorId.of("system:claims");
  private static final Logger LOG = LoggerFactory.getLogger(Claims.class);
  private static final String KIND = "claim";
  private static final ApprovalRule RULE = ApprovalRule.CLAIM;
  private static final int PAGE = 100;

  private final Program program;
  private final Clock clock;
  private final ClaimStore store;
  private final InvoiceRegistry records;
  private final PartnerDirectory directory;
  private final ParticipantFigures figures;
  private final Recording recording;
  private final Review review;
  private final Journal journal;
  private final Completion completion;
  private final Authorizer authorizer;
  private final Audited audit;
  private final RiskFigures risk;

  /** Claims of {@code program}, kept in {@code store}, checked against {@code records}. */
  public Claims(Program program, Clock clock, ClaimStore store, InvoiceRegistry records, IdentityStore identities,
      Ledger ledger, PartnerDirectory directory, ParticipantFigures figures, Recording recording, Review review,
      Journal journal, Completion completion, Authorizer authorizer, Audited audit) {
    this.program = requireNonNull(program, "program");
    this.clock = requireNonNull(clock, "clock");
    this.store = requireNonNull(store, "store");
    this.records = requireNonNull(records, "records");
    this.directory = requireNonNull(directory, "directory");
    this.figures = requireNonNull(figures, "figures");
    this.recording = requireNonNull(recording, "recording");
    this.review = requireNonNull(review, "review");
    this.journal = requireNonNull(journal, "journal");
    this.completion = requireNonNull(completion, "completion");
    this.authorizer = requireNonNull(authorizer, "authorizer");
    this.audit = requireNonNull(audit, "audit");
    this.risk = new RiskFigures(program, store, records, identities, ledger);
  }

  // ---------------------------------------------------------------------------------------------
  // Submission

  /** Submits {@code submission} as {@code claimant}; see {@code LoyaltyEngine.submitClaim}. */
  public Claim submit(Actor claimant, ClaimSubmission submission) {
    requireNonNull(claimant, "claimant");
    requireNonNull(submission, "submission");
    String action = KIND + ".submit";
    Target target = target(submission.id(), submission.partner());
    return completion.forPartner(submission.partner(), () -> {
      Optional<Claim> existing = store.find(submission.id());
      if (existing.isPresent()) {
        return replaySubmission(existing.get(), claimant, submission, action, target);
      }
      Partner partner;
      try {
        authorizer.require(claimant, RULE.maker().orElseThrow(), target, OptionalLong.empty());
        partner = checks(submission);
      } catch (RuntimeException refused) {
        throw audit.refused(claimant.id(), action, target, refused, Map.of());
      }
      Instant now = clock.instant();
      RecordCheck check = RecordChecks.check(submission, records.invoice(submission.partner(), submission.invoiceKey()));
      ClaimFacts facts = risk.of(submission, claimant.id(), 1, check, partner, tier(partner), now);
      Claim submitted = Claim.submitted(submission, claimant.id(), now, deadline(now), check);
      boolean[] stored = {false};
      Receipt receipt;
      try {
        receipt = recording.recordClaim(activity(submission, 1), facts, plan -> {
          authorizer.require(claimant, RULE.maker().orElseThrow(), target, OptionalLong.of(requested(plan)));
          if (!store.insert(submitted)) {
            throw new DuplicateClaimException("claim " + submission.id() + " was submitted at the same moment by "
                + "another process; look it up, or submit it again to see it");
          }
          stored[0] = true;
          registerSerials(submitted);
        });
      } catch (RuntimeException failure) {
        if (!stored[0]) {
          throw audit.refused(claimant.id(), action, target, failure, Map.of());
        }
        // Stored but not finished (a store down, budgets that kept changing): not a refusal.
        audit.allowed(claimant.id(), action, target, "Submitted, not finished: " + failure.getMessage()
            + " Submitting it again or recover() finishes it.", Map.of(), state(submitted));
        throw failure;
      }
      Claim judged = carryOut(claimant.id(), action, target, "Submitted", Map.of(), submitted,
          c -> judge(c, receipt));
      audit.allowed(claimant.id(), action, target, judged.lastReason(), Map.of(), state(judged));
      return judged;
    });
  }

  private Claim replaySubmission(Claim claim, Actor claimant, ClaimSubmission submission, String action,
      Target target) {
    Map<String, String> before = state(claim);
    if (!claim.submission().equals(submission) || !claim.claimant().equals(claimant.id())) {
      throw audit.refused(claimant.id(), action, target, new DuplicateClaimException("claim " + submission.id()
          + " was submitted before " + (claim.claimant().equals(claimant.id()) ? "with other content"
          : "by " + claim.claimant()) + (claim.revision() > 1 ? " (and resubmitted since)" : "")
          + "; a new claim needs a new id"), before);
    }
    Claim done = claim.status().isPassing() ? finish(claim) : claim;
    audit.allowed(claimant.id(), action, target, "Submitted again: claim " + claim.id() + " is "
        + done.status() + ".", before, state(done));
    return done;
  }

  /** The partner, if the claim fits it: enrolled and active, with the member and the currency. */
  private Partner checks(ClaimSubmission submission) {
    Partner partner = directory.partner(submission.partner()).orElseThrow(() -> new UnknownPartnerException("claim "
        + submission.id() + " names partner " + submission.partner() + ", which is not enrolled"));
    if (!submission.currency().equals(partner.currency())) {
      throw new InvalidClaimException("claim " + submission.id() + " is in " + submission.currency() + " but partner "
          + partner.id() + " invoices in " + partner.currency());
    }
    return partner;
  }

  // ---------------------------------------------------------------------------------------------
  // Decisions

  /** Approves claim {@code id} as {@code checker}; see {@code LoyaltyEngine.approveClaim}. */
  public Claim approve(ClaimId id, Actor checker, String reason) {
    return decide(id, checker, reason, KIND + ".approve", ClaimStatus.APPROVED, this::pay);
  }

  /** Rejects claim {@code id} as {@code checker}; see {@code LoyaltyEngine.rejectClaim}. */
  public Claim reject(ClaimId id, Actor checker, String reason) {
    return decide(id, checker, reason, KIND + ".reject", ClaimStatus.REJECTED, rejected -> {
      review.settle(rejected.activity(), false);
      return rejected;
    });
  }

  /** Asks the claimant of claim {@code id} for more information; see {@code LoyaltyEngine.requestClaimInformation}. */
  public Claim requestInformation(ClaimId id, Actor checker, String question) {
    return decide(id, checker, question, KIND + ".request-info", ClaimStatus.MORE_INFO_REQUESTED, asked -> asked);
  }

  /**
   * One checker's step on a claim waiting for a decision: checked and stored (a refusal before the
   * claim is stored changes nothing), then carried out in the ledger ({@code then}), then audited.
   */
  private Claim decide(ClaimId id, Actor checker, String reason, String action, ClaimStatus to,
      UnaryOperator<Claim> then) {
    requireNonNull(id, "id");
    requireNonNull(checker, "checker");
    Names.requireText(reason, "reason of checker " + checker.id(), 2_000);
    Claim found = store.find(id).orElseThrow(() -> audit.refused(checker.id(), action, Target.of(KIND, id.value()),
        new UnknownClaimException("there is no claim " + id), Map.of()));
    Target target = target(id, found.partner());
    return completion.forPartner(found.partner(), () -> {
      Claim claim = store.find(id).orElseThrow();
      Map<String, String> before = state(claim);
      Claim moved;
      try {
        requireCheckable(claim, checker, target);
        if (to == ClaimStatus.MORE_INFO_REQUESTED && claim.status() != ClaimStatus.IN_REVIEW) {
          throw new ClaimStateException("claim " + claim.id() + " is " + claim.status()
              + "; more information can be asked only of a claim IN_REVIEW");
        }
        moved = write(claim.movedTo(to, clock.instant(), checker.id(), reason));
      } catch (RuntimeException refused) {
        throw audit.refused(checker.id(), action, target, refused, before);
      }
      Claim done = carryOut(checker.id(), action, target, reason, before, moved, then);
      audit.allowed(checker.id(), action, target, reason, before, state(done));
      return done;
    });
  }

  /**
   * Runs {@code then} on a claim just stored; if it fails, the action happened in part (the claim
   * moved, its ledger step did not), which the audit log records before the failure goes on:
   * {@link #recover()} finishes it.
   */
  private Claim carryOut(ActorId actor, String action, Target target, String reason, Map<String, String> before,
      Claim stored, UnaryOperator<Claim> then) {
    try {
      return then.apply(stored);
    } catch (RuntimeException failure) {
      audit.allowed(actor, action, target, reason + " (not finished: " + failure.getMessage()
          + "; recover() finishes it)", before, state(stored));
      throw failure;
    }
  }

  private void requireCheckable(Claim claim, Actor checker, Target target) {
    if (!claim.status().awaitsDecision()) {
      throw new ClaimStateException("claim " + claim.id() + " is " + claim.status()
          + "; only a claim waiting for a decision (IN_REVIEW or MORE_INFO_REQUESTED) can be decided or asked about");
    }
    boolean maker = checker.id().equals(claim.claimant())
        || claim.submission().member().filter(m -> m.value().equals(checker.id().value())).isPresent();
    if (maker) {
      throw AccessRefusedException.of(new Refusal.MakerCannotCheck(checker.id(), ApprovalId.of(target.toString())));
    }
    authorizer.require(checker, RULE.checker(), target, OptionalLong.of(claim.points()));
  }

  /** Stores the next version of a claim; refuses if another process moved it first. */
  private Claim write(Claim next) {
    if (!store.update(next)) {
      Claim now = store.find(next.id()).orElseThrow();
      throw new ClaimStateException("claim " + next.id() + " was moved to " + now.status()
          + " by another process a moment ago");
    }
    return next;
  }

  /** Posts an approved claim's held points and marks it paid. */
  private Claim pay(Claim approved) {
    Receipt receipt = review.settle(approved.activity(), true);
    if (receipt.status() != Receipt.Status.RECORDED) {
      // Its activity was decided otherwise behind the claim's back (by hand in the journal): say so.
      return write(approved.movedTo(ClaimStatus.REJECTED, clock.instant(), SYSTEM, "Its activity "
          + approved.activity() + " is " + receipt.status() + ", so nothing could be paid."));
    }
    long paid = receipt.totalPoints();
    return write(approved.judged(approved.riskFlags(), paid).movedTo(ClaimStatus.PAID, clock.instant(), SYSTEM,
        paid + " points posted (activity " + approved.activity() + ")."));
  }

  // ---------------------------------------------------------------------------------------------
  // Resubmission

  /** Resubmits claim {@code revised.id()} with more information; see {@code LoyaltyEngine.resubmitClaim}. */
  public Claim resubmit(Actor claimant, ClaimSubmission revised, String note) {
    requireNonNull(claimant, "claimant");
    requireNonNull(revised, "revised");
    Names.requireText(note, "note of claimant " + claimant.id(), 2_000);
    String action = KIND + ".resubmit";
    Claim found = store.find(revised.id()).orElseThrow(() -> audit.refused(claimant.id(), action,
        Target.of(KIND, revised.id().value()), new UnknownClaimException("there is no claim " + revised.id()),
        Map.of()));
    Target target = target(revised.id(), found.partner());
    return completion.forPartner(found.partner(), () -> {
      Claim claim = store.find(revised.id()).orElseThrow();
      Map<String, String> before = state(claim);
      if (claim.revision() > 1 && claim.status() != ClaimStatus.MORE_INFO_REQUESTED
          && claim.submission().equals(revised) && claim.claimant().equals(claimant.id())) {
        Claim done = claim.status().isPassing() ? finish(claim) : claim;
        audit.allowed(claimant.id(), action, target, "Resubmitted again: claim " + claim.id() + " is " + done.status()
            + ".", before, state(done));
        return done;
      }
      Instant now = clock.instant();
      Claim next;
      ClaimFacts facts;
      try {
        next = resubmission(claim, claimant, revised, target, note, now);
        Partner partner = checks(revised);
        facts = risk.of(revised, claimant.id(), next.revision(), next.records(), partner, tier(partner), now);
        Receipt plan = recording.dryRun(activity(revised, next.revision()), Optional.of(facts));
        authorizer.require(claimant, RULE.maker().orElseThrow(), target, OptionalLong.of(requested(plan)));
        next = write(next);
      } catch (RuntimeException refused) {
        throw audit.refused(claimant.id(), action, target, refused, before);
      }
      Claim judged = carryOut(claimant.id(), action, target, note, before, next, n -> complete(n, Optional.of(facts)));
      audit.allowed(claimant.id(), action, target, note, before, state(judged));
      return judged;
    });
  }

  /** The next revision of {@code claim}, if {@code claimant} may resubmit it as {@code revised}. */
  private Claim resubmission(Claim claim, Actor claimant, ClaimSubmission revised, Target target, String note,
      Instant now) {
    if (claim.status() != ClaimStatus.MORE_INFO_REQUESTED) {
      throw new ClaimStateException("claim " + claim.id() + " is " + claim.status()
          + "; only a claim a checker asked about (MORE_INFO_REQUESTED) can be resubmitted");
    }
    if (!claimant.id().equals(claim.claimant())) {
      throw AccessRefusedException.of(new Refusal.NotTheMaker(claimant.id(), claim.claimant(), target));
    }
    authorizer.require(claimant, RULE.maker().orElseThrow(), target, OptionalLong.empty());
    if (!revised.partner().equals(claim.partner())) {
      throw new InvalidClaimException("claim " + claim.id() + " is partner " + claim.partner()
          + "'s; a resubmission cannot move it to partner " + revised.partner());
    }
    RecordCheck check = RecordChecks.check(revised, records.invoice(revised.partner(), revised.invoiceKey()));
    return claim.resubmitted(revised, check, now, note);
  }

  // ---------------------------------------------------------------------------------------------
  // Expiry and recovery

  /**
   * Expires every claim still waiting for a decision whose deadline is at or before the clock's
   * now: its held points are released. Idempotent: a claim expires once.
   *
   * @return the claims expired now, earliest deadline first
   */
  public List<Claim> expire() {
    Instant now = clock.instant();
    List<Claim> expired = new ArrayList<>();
    List<ClaimId> skipped = new ArrayList<>();
    while (true) {
      List<Claim> due = store.dueBy(now, PAGE + skipped.size()).stream().filter(c -> !skipped.contains(c.id())).toList();
      if (due.isEmpty()) {
        return expired;
      }
      for (Claim c : due) {
        Optional<Claim> done = expireOne(c.id(), now);
        if (done.isPresent()) {
          expired.add(done.get());
        } else {
          skipped.add(c.id());
        }
      }
    }
  }

  private Optional<Claim> expireOne(ClaimId id, Instant now) {
    Claim found = store.find(id).orElseThrow();
    return completion.forPartner(found.partner(), () -> {
      Claim claim = store.find(id).orElseThrow();
      if (!claim.status().awaitsDecision() || claim.deadline().isAfter(now)) {
        return Optional.empty();
      }
      Map<String, String> before = state(claim);
      String reason = "Waited past its deadline of " + claim.deadline() + " without a decision; its held points were "
          + "released.";
      Claim expired = claim.movedTo(ClaimStatus.EXPIRED, now, SYSTEM, reason);
      if (!store.update(expired)) {
        return Optional.empty(); // another process moved it; the next sweep looks again
      }
      review.settle(expired.activity(), false);
      audit.allowed(SYSTEM, KIND + ".expire", target(id, claim.partner()), reason, before, state(expired));
      LOG.info("claim {} expired (deadline {})", id, claim.deadline());
      return Optional.of(expired);
    });
  }

  /**
   * Finishes every claim a crash interrupted: submitted but not judged, approved but not paid, and
   * rejected or expired with its points still held.
   *
   * @return the claims it finished
   */
  public List<ClaimId> recover() {
    List<ClaimId> finished = new ArrayList<>();
    for (ClaimStatus status : List.of(ClaimStatus.SUBMITTED, ClaimStatus.VALIDATED, ClaimStatus.APPROVED,
        ClaimStatus.REJECTED, ClaimStatus.EXPIRED)) {
      Optional<ClaimId> after = Optional.empty();
      while (true) {
        List<Claim> page = store.inStatus(status, after, PAGE);
        for (Claim c : page) {
          if (recoverOne(c)) {
            finished.add(c.id());
          }
        }
        if (page.size() < PAGE) {
          break;
        }
        after = Optional.of(page.get(page.size() - 1).id());
      }
    }
    return finished;
  }

  private boolean recoverOne(Claim found) {
    return completion.forPartner(found.partner(), () -> {
      Claim claim = store.find(found.id()).orElseThrow();
      switch (claim.status()) {
        case SUBMITTED, VALIDATED -> finish(claim);
        case APPROVED -> pay(claim);
        case REJECTED, EXPIRED -> {
          if (!heldStill(claim.activity())) {
            return false;
          }
          review.settle(claim.activity(), false);
        }
        default -> {
          return false;
        }
      }
      LOG.info("recovered claim {}", claim.id());
      return true;
    });
  }

  private boolean heldStill(ActivityId activity) {
    return journal.find(activity).filter(e -> e.receipt().status() == Receipt.Status.IN_REVIEW).isPresent();
  }

  /** Judges a claim stored before its activity was written (or finished). Holds the partner's lock. */
  private Claim finish(Claim claim) {
    return switch (claim.status()) {
      case SUBMITTED, VALIDATED -> complete(claim, Optional.empty());
      case APPROVED -> pay(claim);
      default -> claim;
    };
  }

  /**
   * Writes the activity of a stored revision and judges the claim by its receipt: releases an earlier
   * revision's holds first, registers the serial numbers, records (or replays) the activity.
   */
  private Claim complete(Claim claim, Optional<ClaimFacts> computed) {
    if (claim.revision() > 1) {
      ActivityId previous = Claim.activityOf(claim.id(), claim.revision() - 1);
      if (journal.find(previous).isPresent()) {
        review.settle(previous, false);
      }
    }
    registerSerials(claim);
    Receipt receipt;
    try {
      ClaimFacts facts = computed.orElseGet(() -> {
        Partner partner = checks(claim.submission());
        return risk.of(claim.submission(), claim.claimant(), claim.revision(), claim.records(), partner,
            tier(partner), clock.instant());
      });
      receipt = recording.recordClaim(activity(claim.submission(), claim.revision()), facts, plan -> { });
    } catch (UnknownPartnerException | UnknownMemberException | NotEnrolledException | InvalidActivityException
        | InvalidClaimException refused) {
      if (journal.find(claim.activity()).isPresent()) {
        throw refused; // written in part: recovery tries again
      }
      // Nothing written, and nothing ever will be: the partner left, the invoice no longer fits.
      return write(claim.movedTo(ClaimStatus.REJECTED, clock.instant(), SYSTEM, "It could not be recorded: "
          + refused.getMessage()));
    }
    return judge(claim, receipt);
  }

  // ---------------------------------------------------------------------------------------------
  // Shared

  /** Moves a stored claim by its activity's receipt: paid, in review, blocked or rejected. */
  private Claim judge(Claim claim, Receipt receipt) {
    Instant now = clock.instant();
    List<RiskFlag> flags = receipt.riskFlags();
    return switch (receipt.status()) {
      case RECORDED -> {
        Claim approved = write(claim.judged(flags, receipt.totalPoints()).movedTo(ClaimStatus.APPROVED, now, SYSTEM,
            approvalReason(receipt)));
        yield write(approved.movedTo(ClaimStatus.PAID, now, SYSTEM, receipt.totalPoints() + " points posted (activity "
            + claim.activity() + ")."));
      }
      case IN_REVIEW -> write(claim.judged(flags, held(receipt)).movedTo(ClaimStatus.IN_REVIEW, now, SYSTEM,
          decisionReason(receipt, RiskFlag.Severity.REVIEW) + " " + held(receipt) + " points held until a checker "
              + "decides, at the latest by " + claim.deadline() + "."));
      case BLOCKED -> write(claim.judged(flags, requested(receipt)).movedTo(ClaimStatus.BLOCKED, now, SYSTEM,
          decisionReason(receipt, RiskFlag.Severity.BLOCK)));
      case REFUSED -> write(claim.judged(flags, requested(receipt)).movedTo(ClaimStatus.REJECTED, now, SYSTEM,
          "The ledger refused its points: " + receipt.refusal().orElseThrow()));
      case REJECTED, RETURNED -> throw new IllegalStateException("claim " + claim.id() + ": its new activity "
          + claim.activity() + " is " + receipt.status());
    };
  }

  private static String approvalReason(Receipt receipt) {
    int score = receipt.riskScore();
    return score == 0 ? "Approved without review: no risk signal fired."
        : "Approved without review: a risk score of " + score + " is below the program's review threshold.";
  }

  private static String decisionReason(Receipt receipt, RiskFlag.Severity severity) {
    List<String> reasons = receipt.riskFlags().stream().filter(f -> f.severity() == severity)
        .map(f -> f.reason().endsWith(".") ? f.reason() : f.reason() + ".").toList();
    return String.join(" ", reasons);
  }

  private static long requested(Receipt receipt) {
    return receipt.awards().stream().mapToLong(PostedAward::requested).reduce(0, Math::addExact);
  }

  private static long held(Receipt receipt) {
    return receipt.awards().stream().mapToLong(PostedAward::points).reduce(0, Math::addExact);
  }

  private void registerSerials(Claim claim) {
    for (String serial : claim.submission().proof().serialKeys()) {
      records.registerClaim(new SerialClaim(serial, claim.id(), claim.partner(), claim.claimant(),
          claim.updatedAt()));
    }
  }

  private Sale activity(ClaimSubmission s, int revision) {
    return new Sale(new ActivityHeader(Claim.activityOf(s.id(), revision), s.partner(), s.member(),
        s.invoiceDate().atStartOfDay(program.zone()).toInstant()), s.currency(), s.lines());
  }

  private Instant deadline(Instant now) {
    return now.plus(Duration.ofDays(program.trust().claimReviewDays()));
  }

  private Optional<TierId> tier(Partner partner) {
    return figures.tierOf(partner.id()).map(Tier::id);
  }

  private Target target(ClaimId id, PartnerId partner) {
    return directory.partner(partner).map(p -> Target.of(KIND, id.value(), PartnerTraits.of(p)))
        .orElseGet(() -> Target.of(KIND, id.value()));
  }

  /** The claim with {@code id}, as it stands. */
  public Optional<Claim> find(ClaimId id) {
    return store.find(requireNonNull(id, "id"));
  }

  /** What the audit log records of a claim: enough to follow its story without the claim store. */
  static Map<String, String> state(Claim claim) {
    Map<String, String> state = new LinkedHashMap<>();
    state.put("claim", claim.id().value());
    state.put("partner", claim.partner().value());
    state.put("claimant", claim.claimant().value());
    state.put("invoice", claim.submission().invoiceNumber());
    state.put("revision", Integer.toString(claim.revision()));
    state.put("status", claim.status().name());
    state.put("points", Long.toString(claim.points()));
    state.put("risk-score", Integer.toString(claim.riskScore()));
    if (!claim.signals().isEmpty()) {
      state.put("signals", String.join(",", claim.signals().stream().map(RiskFlag::code).toList()));
    }
    return state;
  }
}
