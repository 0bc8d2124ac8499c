package dev.loyalty.core.internal.recording;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.InvalidActivityException;
import dev.loyalty.core.NotEnrolledException;
import dev.loyalty.core.UnknownMemberException;
import dev.loyalty.core.UnknownPartnerException;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.Referral;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.EnrolmentStatus;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.rules.TierQualification;
import dev.loyalty.core.spi.PartnerDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an activity, and what the rules made of it, fits the program and the partner directory:
 * enrolled and active participants, the partner's currency, no date in the future, and awards only
 * to participants of the activity's own organisation or the organisations above it. Each refusal is
 * a typed exception whose message names the ids and values involved. Thread-safe.
 */
public final class ActivityChecks {
  /** How far ahead of the clock an activity may be dated (clock skew between systems). */
  private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
  /** Parent chains longer than this are a loop in the host's directory, not a hierarchy. */
  private static final int MAX_DEPTH = 64;

  private final Program program;
  private final PartnerDirectory directory;

  /** Checks against {@code program} and {@code directory}. */
  public ActivityChecks(Program program, PartnerDirectory directory) {
    this.program = requireNonNull(program, "program");
    this.directory = requireNonNull(directory, "directory");
  }

  /** Refuses an activity dated after {@code now} (beyond the clock skew allowed). */
  public void notInFuture(Activity activity, Instant now) {
    if (activity.occurredAt().isAfter(now.plus(FUTURE_TOLERANCE))) {
      throw new InvalidActivityException("activity " + activity.id() + " is dated " + activity.occurredAt()
          + ", after now (" + now + ")");
    }
  }

  /** The enrolled, active partner {@code id}; {@code context} opens the message. */
  public Partner activePartner(PartnerId id, String context) {
    Partner partner = directory.partner(id).orElseThrow(() -> new UnknownPartnerException(context
        + " names partner " + id + ", which is not enrolled"));
    if (partner.status() != EnrolmentStatus.ACTIVE) {
      throw new NotEnrolledException(context + ": partner " + id + " is " + partner.status());
    }
    return partner;
  }

  /** The enrolled, active member {@code id} of {@code partner}. */
  public Member activeMember(MemberId id, Partner partner, Activity activity) {
    Member member = directory.member(id).orElseThrow(() -> new UnknownMemberException("activity " + activity.id()
        + " names member " + id + ", who is not enrolled"));
    if (!member.partner().equals(partner.id())) {
      throw new UnknownMemberException("activity " + activity.id() + " names member " + id + " of partner "
          + member.partner() + ", not of " + partner.id());
    }
    if (member.status() != EnrolmentStatus.ACTIVE) {
      throw new NotEnrolledException("activity " + activity.id() + ": member " + id + " is " + member.status());
    }
    return member;
  }

  /** Refuses an earning activity that does not fit its partner: another currency, an unknown referral. */
  public void fits(Activity activity, Partner partner) {
    if (activity instanceof Sale sale && !sale.currency().equals(partner.currency())) {
      throw new InvalidActivityException("invoice " + sale.id() + " is in " + sale.currency() + " but partner "
          + partner.id() + " invoices in " + partner.currency());
    }
    if (activity instanceof Referral referral) {
      directory.partner(referral.referred()).orElseThrow(() -> new UnknownPartnerException("referral "
          + referral.id() + " names partner " + referral.referred() + ", which is not enrolled"));
    }
  }

  /**
   * Refuses an outcome that awards, or qualifies for a tier, someone outside the activity's
   * organisation: every beneficiary must be enrolled and be the activity's partner, a partner above
   * it (its parent, the parent's parent, ...), a member of one of those, or the partner a referral
   * brought in. A rule that pays someone else is a mistake the receipt would otherwise hide.
   */
  public void beneficiaries(RuleOutcome outcome, Activity activity, Partner partner) {
    List<PartnerId> organisation = organisation(partner);
    for (Award a : outcome.awards()) {
      requireInside(a.beneficiary(), a.rule(), "awards " + a.points() + " points for activity " + activity.id()
          + " to", activity, organisation);
    }
    for (TierQualification q : outcome.qualifications()) {
      requireInside(q.participant(), q.rule(), "qualifies for tier " + q.tier() + " on activity " + activity.id(),
          activity, organisation);
      if (program.tier(q.tier()).isEmpty()) {
        throw new InvalidActivityException("rule " + q.rule() + " qualifies " + q.participant() + " for tier "
            + q.tier() + ", which program " + program.id() + " does not define");
      }
    }
  }

  private void requireInside(ParticipantId participant, RuleRef rule, String what, Activity activity,
      List<PartnerId> organisation) {
    String who = participant.kind() + " " + participant.value();
    Optional<PartnerId> employer = participant instanceof PartnerId p ? directory.partner(p).map(Partner::id)
        : directory.member((MemberId) participant).map(Member::partner);
    if (employer.isEmpty()) {
      throw new InvalidActivityException("rule " + rule + " " + what + " " + who + ", who is not enrolled");
    }
    boolean referred = activity instanceof Referral r && participant.equals(r.referred());
    if (!organisation.contains(employer.get()) && !referred) {
      String of = participant instanceof MemberId ? " of partner " + employer.get() : "";
      throw new InvalidActivityException("rule " + rule + " " + what + " " + who + of + ", outside the activity's"
          + " organisation: only partner " + activity.partner() + ", the partners above it"
          + (organisation.size() > 1 ? " (" + String.join(", ", organisation.subList(1, organisation.size())
              .stream().map(PartnerId::value).toList()) + ")" : " (none)") + " and their members can be paid");
    }
  }

  /** The partner and the partners above it, nearest first. */
  private List<PartnerId> organisation(Partner partner) {
    List<PartnerId> chain = new ArrayList<>();
    Set<PartnerId> seen = new HashSet<>();
    Optional<Partner> next = Optional.of(partner);
    while (next.isPresent() && seen.add(next.get().id()) && chain.size() < MAX_DEPTH) {
      chain.add(next.get().id());
      next = next.get().parent().flatMap(directory::partner);
    }
    return chain;
  }
}
