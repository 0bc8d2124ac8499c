package dev.loyalty.core.internal.review;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.InvalidActivityException;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.UnknownActivityException;
import dev.loyalty.core.access.AccessRefusedException;
import dev.loyalty.core.access.Actor;
import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.ApprovalId;
import dev.loyalty.core.access.ApprovalRule;
import dev.loyalty.core.access.Authorizer;
import dev.loyalty.core.access.PartnerTraits;
import dev.loyalty.core.access.Refusal;
import dev.loyalty.core.access.Target;
import dev.loyalty.core.internal.Audited;
import dev.loyalty.core.internal.Completion;
import dev.loyalty.core.internal.Journal;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.Names;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.spi.JournalEntry;
import dev.loyalty.core.spi.PartnerDirectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review capability: a checker approves or rejects an activity that risk rules (or the
 * program's points ceiling) held for review. The checker must hold {@code DECIDE_REVIEW} within its
 * limit (for the points held) and scope (the activity's partner), and must not be the activity's
 * maker: the member who reported it, whose actor id is the member's id. Every call, allowed or
 * refused, appends one entry to the audit log ({@code review.approve}, {@code review.reject}, target
 * {@code activity:<id>}).
 *
 * <p>The decision is filed in the journal first, then {@link ReviewHolds} posts or releases the
 * activity's holds and the entry is finished as any other: an approved activity counts in figures
 * and tiers as of its own date. An activity a claim became is decided through the claim, which
 * {@link #settle} serves. Thread-safe.
 */
public final class Review {
  private static final Logger LOG = LoggerFactory.getLogger(Review.class);
  /** The permission a checker of a review needs. */
  private static final ApprovalRule RULE = ApprovalRule.REVIEW;
  /** Activities claims became: decided through their claim only. */
  public static final String CLAIM_PREFIX = "claim:";

  private final Journal journal;
  private final Completion completion;
  private final PartnerDirectory directory;
  private final Authorizer authorizer;
  private final Audited audit;

  /** Reviews activities in {@code journal}. */
  public Review(Journal journal, Completion completion, PartnerDirectory directory, Authorizer authorizer,
      Audited audit) {
    this.journal = requireNonNull(journal, "journal");
    this.completion = requireNonNull(completion, "completion");
    this.directory = requireNonNull(directory, "directory");
    this.authorizer = requireNonNull(authorizer, "authorizer");
    this.audit = requireNonNull(audit, "audit");
  }

  /** Approves ({@code approve}) or rejects activity {@code id} as {@code checker}; see {@code LoyaltyEngine.approve}. */
  public Receipt decide(ActivityId id, Actor checker, String reason, boolean approve) {
    requireNonNull(id, "activity");
    requireNonNull(checker, "checker");
    Names.requireText(reason, "reason of checker " + checker.id(), 2_000);
    String action = RULE.name() + "." + (approve ? "approve" : "reject");
    Optional<JournalEntry> filed = journal.find(id);
    if (filed.isEmpty()) {
      throw audit.refused(checker.id(), action, Target.of("activity", id.value()),
          new UnknownActivityException("activity " + id + " was not recorded"), Map.of());
    }
    PartnerId partner = filed.get().activity().partner();
    Target target = target(id, partner);
    // Where the partner's work is one transaction, every audit entry is appended outside it: an
    // allowed decision's once the transaction has committed (a try the database rolled back and ran
    // again is audited once), and a refusal or a failure once it has been rolled back (it changed
    // nothing, so it is audited as refused, under the refusal's code or the failure's name, and the
    // rollback cannot take the entry back).
    List<Map<String, String>> seen = new ArrayList<>(1);
    try {
      return completion.forPartner(partner, () -> {
        seen.clear();
        JournalEntry entry = finished(id);
        Map<String, String> before = state(entry);
        seen.add(before);
        try {
          refusal(entry, checker, target);
        } catch (LoyaltyException refused) {
          throw completion.atomic() ? refused : audit.refused(checker.id(), action, target, refused, before);
        }
        Receipt decided;
        try {
          decided = decideNow(entry, approve);
        } catch (RuntimeException failure) {
          if (!completion.atomic()) {
            audit.allowed(checker.id(), action, target, reason + " (not finished: " + failure.getMessage()
                + "; deciding again or recover() finishes it)", before, state(journal.find(id).orElseThrow()));
          }
          throw failure;
        }
        Map<String, String> after = state(journal.find(id).orElseThrow());
        completion.afterCommit(() -> {
          LOG.info("activity {} {} by {}", id, approve ? "approved" : "rejected", checker.id());
          audit.allowed(checker.id(), action, target, reason, before, after);
        });
        return decided;
      });
    } catch (RuntimeException failure) {
      if (completion.atomic() && !seen.isEmpty()) {
        audit.refused(checker.id(), action, target, failure, seen.get(0));
      }
      throw failure;
    }
  }

  /**
   * Approves or rejects activity {@code id} for a capability that authorized the decision itself
   * (a claim's checker, a claim's expiry): no access check and no audit entry of its own. An
   * activity already decided is left as it is.
   *
   * @return the activity's receipt after the decision
   */
  public Receipt settle(ActivityId id, boolean approve) {
    JournalEntry filed = journal.find(id).orElseThrow(() -> new UnknownActivityException("activity " + id
        + " was not recorded"));
    return completion.forPartner(filed.activity().partner(), () -> {
      JournalEntry entry = finished(id);
      return entry.receipt().status() == Receipt.Status.IN_REVIEW ? decideNow(entry, approve) : entry.receipt();
    });
  }

  /** The entry of {@code id}, finished first if a crash interrupted it. Holds the partner's lock. */
  private JournalEntry finished(ActivityId id) {
    JournalEntry entry = journal.find(id).orElseThrow();
    if (!entry.complete()) {
      completion.finish(entry); // holds whose opening was interrupted, or a decision interrupted
      entry = journal.find(id).orElseThrow();
    }
    return entry;
  }

  private void refusal(JournalEntry entry, Actor checker, Target target) {
    ActivityId id = entry.activity().id();
    if (id.value().startsWith(CLAIM_PREFIX)) {
      throw new InvalidActivityException("activity " + id + " is a claim's; approve or reject the claim, "
          + "not its activity");
    }
    if (entry.receipt().status() != Receipt.Status.IN_REVIEW) {
      throw new UnknownActivityException("activity " + id + " is not in review; it is " + entry.receipt().status());
    }
    Optional<ActorId> maker = entry.activity().member().map(m -> ActorId.of(m.value()));
    if (maker.filter(checker.id()::equals).isPresent()) {
      throw AccessRefusedException.of(new Refusal.MakerCannotCheck(checker.id(), ApprovalId.of(target.toString())));
    }
    authorizer.require(checker, RULE.checker(), target, OptionalLong.of(heldPoints(entry.receipt())));
  }

  private Receipt decideNow(JournalEntry entry, boolean approve) {
    Receipt r = entry.receipt();
    JournalEntry decided = journal.save(entry.planned(r.withAwards(approve ? Receipt.Status.RECORDED
        : Receipt.Status.REJECTED, r.awards())));
    return completion.finish(decided);
  }

  private Target target(ActivityId id, PartnerId partner) {
    return directory.partner(partner).map(p -> Target.of("activity", id.value(), PartnerTraits.of(p)))
        .orElseGet(() -> Target.of("activity", id.value()));
  }

  /** The points an activity in review holds for its participants. */
  static long heldPoints(Receipt receipt) {
    return receipt.awards().stream().mapToLong(PostedAward::points).reduce(0, Math::addExact);
  }

  /** What the audit log records of an activity: its status, points and who reported it. */
  private static Map<String, String> state(JournalEntry entry) {
    Map<String, String> state = new LinkedHashMap<>();
    state.put("activity", entry.activity().id().value());
    state.put("partner", entry.activity().partner().value());
    entry.activity().member().ifPresent(m -> state.put("reported-by", m.value()));
    state.put("status", entry.receipt().status().name());
    state.put("points", Long.toString(heldPoints(entry.receipt())));
    return state;
  }
}
