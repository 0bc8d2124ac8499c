package dev.loyalty.core.claims;

import static dev.loyalty.core.testing.ChannelFixture.INR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.access.Actor;
import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.ApprovalId;
import dev.loyalty.core.access.ApprovalStatus;
import dev.loyalty.core.access.AuditEntry;
import dev.loyalty.core.access.AuditOutcome;
import dev.loyalty.core.access.Permission;
import dev.loyalty.core.access.Roles;
import dev.loyalty.core.access.Scope;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.adjustments.Adjustment;
import dev.loyalty.core.adjustments.AdjustmentRequest;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.testing.ClaimTestRules;
import dev.loyalty.core.testing.ClaimsFixture;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random streams of claims, decisions, questions, resubmissions, expiry sweeps and manual
 * adjustments by random actors (claimants, checkers with limits and scopes, actors without the
 * permission, the makers themselves), against a model of who may do what:
 * <ul>
 *   <li>every action is allowed exactly when the model says so, and a refused one changes nothing;
 *   <li>the ledger stays balanced and its chain intact; each wallet holds exactly the points of its
 *       partner's paid claims and posted adjustments, and its pending credits are exactly the points
 *       of its claims waiting for a decision: a blocked, rejected or expired claim never posts;
 *   <li>no actor ever checks what it made (no claim decided or asked about by its claimant, no
 *       adjustment approved by its maker);
 *   <li>the audit log has exactly one entry per action (one per claim a sweep expires), allowed or
 *       refused, and verifies.
 * </ul>
 */
@PropertyDefaults(tries = 50)
class ClaimStreamPropertiesTest {
  private static final LocalDate DAY = LocalDate.of(2026, 7, 1);
  private static final List<PartnerId> PARTNERS = List.of(ClaimsFixture.DEALER, ClaimsFixture.OTHER_DEALER);

  /** The actors: index 0-1 claimants, 2-5 checkers of claims, 6 nobody, 7-9 adjustments. */
  private static final List<Actor> ACTORS = List.of(
      Actor.of(ActorId.of("ana"), Roles.CLAIMANT, Roles.REVIEWER).withLimit(Permission.SUBMIT_CLAIM, 5_000),
      Actor.of(ActorId.of("ben"), Roles.CLAIMANT),
      Actor.of(ActorId.of("bob"), Roles.REVIEWER).withLimit(Permission.DECIDE_CLAIM, 1_000),
      Actor.of(ActorId.of("caro"), Roles.REVIEWER),
      Actor.of(ActorId.of("dan"), Roles.REVIEWER).withScope(Scope.regions("south")),
      Actor.of(ActorId.of("dealer-a-rep-1"), Roles.ADMINISTRATOR),
      Actor.of(ActorId.of("eve")),
      Actor.of(ActorId.of("ada"), Roles.ADJUSTER, Roles.APPROVER).withLimit(Permission.REQUEST_ADJUSTMENT, 50_000),
      Actor.of(ActorId.of("amy"), Roles.APPROVER).withLimit(Permission.APPROVE_ADJUSTMENT, 20_000),
      Actor.of(ActorId.of("ali"), Roles.APPROVER));

  /** One action of the stream. */
  sealed interface Op permits Submit, Decide, Resubmit, Sweep, Adjust, DecideAdjustment {
  }

  /** A claim: a new id, or (again) the id of an earlier one, picked by {@code again}. */
  record Submit(int again, int partner, int invoice, long quantity, boolean byRep, int actor) implements Op {
  }

  /** A decision on a claim: mostly one waiting for a decision, picked by {@code pick}. */
  record Decide(int pick, int verb, int actor) implements Op {
  }

  /** A resubmission: mostly of a claim a checker asked about, picked by {@code pick}. */
  record Resubmit(int pick, long quantity, int actor) implements Op {
  }

  record Sweep(int days) implements Op {
  }

  /** An adjustment: a new id, or (by {@code again}) an earlier one's. */
  record Adjust(int again, int partner, boolean credit, long points, int actor) implements Op {
  }

  /** A decision on an adjustment: mostly a pending one, picked by {@code pick}. */
  record DecideAdjustment(int pick, boolean approve, int actor) implements Op {
  }

  @Provide
  Arbitrary<List<Op>> streams() {
    Arbitrary<Integer> pick = Arbitraries.integers().between(0, 99);
    // Actors weighted to those who may act, with the others (makers, no permission, out of scope) too.
    Arbitrary<Integer> checker = Arbitraries.frequency(Tuple.of(6, 3), Tuple.of(2, 2), Tuple.of(1, 0),
        Tuple.of(1, 4), Tuple.of(1, 5), Tuple.of(1, 6));
    Arbitrary<Long> quantity = Arbitraries.frequency(Tuple.of(2, 1L), Tuple.of(1, 10L), Tuple.of(5, 60L),
        Tuple.of(3, 100L), Tuple.of(1, 600L));
    Arbitrary<Op> submit = Combinators.combine(Arbitraries.frequency(Tuple.of(8, 0), Tuple.of(1, 1), Tuple.of(1, 2)),
        Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 6), quantity,
        Arbitraries.of(true, false, false), Arbitraries.frequency(Tuple.of(5, 0), Tuple.of(2, 1), Tuple.of(1, 3),
        Tuple.of(1, 6))).as(Submit::new);
    Arbitrary<Op> decide = Combinators.combine(pick, Arbitraries.of(0, 1, 2, 2, 2), checker).as(Decide::new);
    Arbitrary<Op> resubmit = Combinators.combine(pick, quantity, Arbitraries.of(0, 0, 0, 0, 1)).as(Resubmit::new);
    // Some sweeps pass the 30-day review deadline at once, so claims in review also expire in short streams.
    Arbitrary<Op> sweep = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.integers().between(1, 20)),
        Tuple.of(1, Arbitraries.integers().between(31, 45))).map(Sweep::new);
    Arbitrary<Op> adjust = Combinators.combine(Arbitraries.frequency(Tuple.of(8, 0), Tuple.of(1, 1)),
        Arbitraries.integers().between(0, 1), Arbitraries.of(true, true, false), Arbitraries.of(50L, 400L, 15_000L,
        30_000L), Arbitraries.frequency(Tuple.of(6, 7), Tuple.of(1, 6), Tuple.of(1, 8))).as(Adjust::new);
    Arbitrary<Op> decideAdjustment = Combinators.combine(pick, Arbitraries.of(true, true, false),
        Arbitraries.frequency(Tuple.of(3, 8), Tuple.of(3, 9), Tuple.of(1, 7), Tuple.of(1, 3), Tuple.of(1, 6)))
        .as(DecideAdjustment::new);
    return Arbitraries.frequencyOf(Tuple.of(4, submit), Tuple.of(6, decide), Tuple.of(3, resubmit),
        Tuple.of(1, sweep), Tuple.of(2, adjust), Tuple.of(3, decideAdjustment)).list().ofMinSize(15).ofMaxSize(60);
  }

  /** The stream's memory: the claims and adjustments made so far, in order. */
  private static final class Made {
    final List<ClaimSubmission> claims = new ArrayList<>();
    final List<String> adjustments = new ArrayList<>();

    /** The claim {@code pick} chooses: one in {@code wanted} states if any (3 times in 4), else any. */
    Optional<ClaimId> claim(ClaimsFixture f, int pick, Set<ClaimStatus> wanted) {
      if (claims.isEmpty()) {
        return Optional.empty();
      }
      List<ClaimId> in = claims.stream().map(ClaimSubmission::id).filter(id -> f.engine.claim(id)
          .filter(c -> wanted.contains(c.status())).isPresent()).toList();
      List<ClaimId> from = in.isEmpty() || pick % 4 == 0 ? claims.stream().map(ClaimSubmission::id).toList() : in;
      return Optional.of(from.get(pick % from.size()));
    }

    /** The adjustment {@code pick} chooses: a pending one if any (3 times in 4), else any. */
    Optional<ApprovalId> adjustment(ClaimsFixture f, int pick) {
      if (adjustments.isEmpty()) {
        return Optional.empty();
      }
      List<ApprovalId> all = adjustments.stream().map(ApprovalId::of).toList();
      List<ApprovalId> pending = all.stream().filter(id -> f.engine.adjustment(id)
          .filter(a -> a.status() == ApprovalStatus.PENDING).isPresent()).toList();
      List<ApprovalId> from = pending.isEmpty() || pick % 4 == 0 ? all : pending;
      return Optional.of(from.get(pick % from.size()));
    }
  }

  @Property
  void claimAndAdjustmentStreamsKeepTheInvariants(@ForAll("streams") List<Op> ops) {
    ClaimsFixture f = new ClaimsFixture(ClaimsFixture.T0, ClaimsFixture.defaultProgram().withTrust(
        ClaimsFixture.defaultProgram().trust().withAdjustmentSecondApproverAbove(10_000)), new ClaimTestRules());
    Made made = new Made();
    for (Op op : ops) {
      int entries = f.auditEntries().size();
      Snapshot before = Snapshot.of(f);
      Target target = Target.of(f, op, made);
      boolean expected = allowed(f, op, target);
      boolean done;
      int actions = 1;
      try {
        actions = run(f, op, target, made);
        done = true;
      } catch (LoyaltyException refused) {
        done = false;
        Statistics.label("refusal").collect(op.getClass().getSimpleName() + " " + refused.getClass().getSimpleName());
        assertThat(Snapshot.of(f)).as("a refused %s changes nothing", op).isEqualTo(before);
        assertThat(f.auditEntries().get(f.auditEntries().size() - 1).record().outcome())
            .isEqualTo(AuditOutcome.REFUSED);
      }
      assertThat(done).as("%s on %s allowed", op, target).isEqualTo(expected);
      Statistics.label("action").collect(op.getClass().getSimpleName() + (done ? " allowed" : " refused"));
      assertThat(f.auditEntries()).as("one audit entry per action of %s", op).hasSize(entries + actions);
      invariants(f);
    }
    for (Claim c : allClaims(f)) {
      Statistics.label("claim").collect(c.status());
    }
    // Every kind of allowed action happens, and claims end in every state. (At least once: a
    // resubmission needs a claim asked for more information and not yet expired, which the long
    // sweeps make rare enough that a bar of 5 failed in one of a day's full runs.)
    Statistics.label("action").coverage(c -> {
      for (String kind : List.of("Submit", "Decide", "Resubmit", "Adjust", "DecideAdjustment")) {
        c.check(kind + " allowed").count(n -> n > 0);
      }
    });
    Statistics.label("claim").coverage(c -> {
      for (ClaimStatus status : List.of(ClaimStatus.PAID, ClaimStatus.IN_REVIEW, ClaimStatus.BLOCKED,
          ClaimStatus.REJECTED, ClaimStatus.MORE_INFO_REQUESTED, ClaimStatus.EXPIRED)) {
        c.check(status).count(n -> n > 0);
      }
    });
  }

  /** What an op acts on, resolved against the stream so far. */
  private record Target(ClaimSubmission claim, ApprovalId adjustment) {
    static Target of(ClaimsFixture f, Op op, Made made) {
      if (op instanceof Submit s) {
        // invoices 0 and 1 are claimed again and again (duplicates); the others are new each time
        String invoice = s.invoice() <= 1 ? "INV-" + s.invoice() : "INV-N" + made.claims.size();
        ClaimSubmission fresh = submission("C-" + made.claims.size(), invoice, s);
        if (s.again() == 0 || made.claims.isEmpty()) {
          return new Target(fresh, null);
        }
        ClaimSubmission earlier = made.claims.get(s.invoice() % made.claims.size());
        return new Target(s.again() == 1 ? earlier : submission(earlier.id().value(), earlier.invoiceNumber(), s),
            null);
      }
      if (op instanceof Decide d) {
        return new Target(made.claim(f, d.pick(), Set.of(ClaimStatus.IN_REVIEW, ClaimStatus.MORE_INFO_REQUESTED))
            .map(id -> f.engine.claim(id).orElseThrow().submission()).orElse(null), null);
      }
      if (op instanceof Resubmit r) {
        Optional<ClaimId> id = made.claim(f, r.pick(), Set.of(ClaimStatus.MORE_INFO_REQUESTED));
        return new Target(id.map(i -> f.engine.claim(i).orElseThrow().submission().withLines(List.of(
            InvoiceLine.of("CAB-25", "cables", r.quantity(), "1000")))).orElse(null), null);
      }
      if (op instanceof Adjust a) {
        boolean again = a.again() == 1 && !made.adjustments.isEmpty();
        return new Target(null, ApprovalId.of(again ? made.adjustments.get(0) : "ADJ-" + made.adjustments.size()));
      }
      if (op instanceof DecideAdjustment d) {
        return new Target(null, made.adjustment(f, d.pick()).orElse(null));
      }
      return new Target(null, null);
    }
  }

  /** Runs {@code op}; how many actions it was (a sweep is one per claim it expired). */
  private static int run(ClaimsFixture f, Op op, Target target, Made made) {
    if (op instanceof Submit s) {
      f.engine.submitClaim(ACTORS.get(s.actor()), target.claim());
      if (made.claims.stream().noneMatch(c -> c.id().equals(target.claim().id()))) {
        made.claims.add(target.claim());
      }
    } else if (op instanceof Decide d) {
      ClaimId id = target.claim() == null ? ClaimId.of("C-404") : target.claim().id();
      Actor actor = ACTORS.get(d.actor());
      switch (d.verb()) {
        case 0 -> f.engine.approveClaim(id, actor, "checked");
        case 1 -> f.engine.rejectClaim(id, actor, "not convinced");
        default -> f.engine.requestClaimInformation(id, actor, "attach the delivery note");
      }
    } else if (op instanceof Resubmit r) {
      ClaimSubmission revised = target.claim() == null ? submission("C-404", "INV-404",
          new Submit(0, 0, 0, 1, false, 0)) : target.claim();
      f.engine.resubmitClaim(resubmitter(f, r, target), revised, "more units were on the delivery note");
    } else if (op instanceof Sweep s) {
      f.clock.advance(Duration.ofDays(s.days()));
      return f.engine.expireClaims().size();
    } else if (op instanceof Adjust a) {
      PartnerId partner = PARTNERS.get(a.partner());
      String id = target.adjustment().value();
      f.engine.requestAdjustment(ACTORS.get(a.actor()), a.credit() ? AdjustmentRequest.credit(id, partner,
          a.points(), "goodwill") : AdjustmentRequest.debit(id, partner, a.points(), "correction"));
      if (!made.adjustments.contains(id)) {
        made.adjustments.add(id);
      }
    } else {
      DecideAdjustment d = (DecideAdjustment) op;
      ApprovalId id = target.adjustment() == null ? ApprovalId.of("ADJ-404") : target.adjustment();
      Adjustment decided = d.approve() ? f.engine.approveAdjustment(id, ACTORS.get(d.actor()), "ok")
          : f.engine.rejectAdjustment(id, ACTORS.get(d.actor()), "no");
      assertThat(decided.refusal()).as("the ledger never refuses an approved adjustment here").isEmpty();
    }
    return 1;
  }

  /** Resubmissions come from the claim's claimant (actor 0) or the other claimant (actor 1). */
  private static Actor resubmitter(ClaimsFixture f, Resubmit r, Target target) {
    ActorId claimant = Optional.ofNullable(target.claim()).flatMap(c -> f.engine.claim(c.id())).map(Claim::claimant)
        .orElse(ACTORS.get(0).id());
    Actor maker = ACTORS.stream().filter(a -> a.id().equals(claimant)).findFirst().orElseThrow();
    return r.actor() == 0 ? maker : ACTORS.get(maker == ACTORS.get(0) ? 1 : 0);
  }

  private static ClaimSubmission submission(String id, String invoice, Submit s) {
    ClaimSubmission claim = new ClaimSubmission(ClaimId.of(id), PARTNERS.get(s.partner()), Optional.empty(),
        invoice, DAY, INR, List.of(InvoiceLine.of("CAB-25", "cables", s.quantity(), "1000")),
        Proof.document("DOC-" + id));
    return s.byRep() ? claim.withMember(dev.loyalty.core.testing.ChannelFixture.rep(PARTNERS.get(s.partner()), 1))
        : claim;
  }

  /** Whether the model allows {@code op}: permissions, limits, scopes, makers, states, balances. */
  private static boolean allowed(ClaimsFixture f, Op op, Target target) {
    if (op instanceof Submit s) {
      Actor actor = ACTORS.get(s.actor());
      ClaimSubmission claim = target.claim();
      Optional<Claim> existing = f.engine.claim(claim.id());
      if (existing.isPresent()) {
        return existing.get().submission().equals(claim) && existing.get().claimant().equals(actor.id());
      }
      return actor.holds(Permission.SUBMIT_CLAIM) && withinLimit(actor, Permission.SUBMIT_CLAIM,
          requested(s.quantity()));
    }
    if (op instanceof Decide d) {
      Optional<Claim> claim = Optional.ofNullable(target.claim()).flatMap(c -> f.engine.claim(c.id()));
      Actor actor = ACTORS.get(d.actor());
      if (claim.isEmpty() || !claim.get().status().awaitsDecision()
          || (d.verb() == 2 && claim.get().status() != ClaimStatus.IN_REVIEW)) {
        return false;
      }
      boolean maker = actor.id().equals(claim.get().claimant()) || claim.get().submission().member()
          .filter(m -> m.value().equals(actor.id().value())).isPresent();
      return !maker && actor.holds(Permission.DECIDE_CLAIM) && actor.scope().isAll()
          && withinLimit(actor, Permission.DECIDE_CLAIM, claim.get().points());
    }
    if (op instanceof Resubmit r) {
      Optional<Claim> claim = Optional.ofNullable(target.claim()).flatMap(c -> f.engine.claim(c.id()));
      Actor actor = resubmitter(f, r, target);
      ClaimSubmission revised = target.claim();
      if (claim.isEmpty()) {
        return false;
      }
      boolean replay = claim.get().revision() > 1 && claim.get().status() != ClaimStatus.MORE_INFO_REQUESTED
          && claim.get().submission().equals(revised) && claim.get().claimant().equals(actor.id());
      return replay || claim.get().status() == ClaimStatus.MORE_INFO_REQUESTED
          && actor.id().equals(claim.get().claimant()) && actor.holds(Permission.SUBMIT_CLAIM)
          && withinLimit(actor, Permission.SUBMIT_CLAIM, requested(r.quantity()));
    }
    if (op instanceof Sweep) {
      return true;
    }
    if (op instanceof Adjust a) {
      Actor actor = ACTORS.get(a.actor());
      if (f.engine.adjustment(target.adjustment()).isPresent()) {
        return false;
      }
      boolean covered = a.credit() || f.engine.balance(PARTNERS.get(a.partner())).available() >= a.points();
      return actor.holds(Permission.REQUEST_ADJUSTMENT) && covered
          && withinLimit(actor, Permission.REQUEST_ADJUSTMENT, a.points());
    }
    if (op instanceof DecideAdjustment d) {
      Optional<Adjustment> adjustment = Optional.ofNullable(target.adjustment()).flatMap(f.engine::adjustment);
      Actor actor = ACTORS.get(d.actor());
      if (adjustment.isEmpty() || adjustment.get().status() != ApprovalStatus.PENDING) {
        return false;
      }
      var approval = adjustment.get().approval();
      boolean checks = !actor.id().equals(approval.maker()) && !approval.checkedBy(actor.id())
          && actor.holds(Permission.APPROVE_ADJUSTMENT)
          && withinLimit(actor, Permission.APPROVE_ADJUSTMENT, adjustment.get().request().points());
      boolean completes = approval.approvals().size() + 1 == approval.requiredApprovals();
      boolean covered = !d.approve() || !completes || adjustment.get().request().direction()
          == AdjustmentRequest.Direction.CREDIT || f.engine.balance(adjustment.get().request().participant())
          .available() >= adjustment.get().request().points();
      return checks && covered;
    }
    throw new AssertionError("unknown op " + op);
  }

  /** What the sample rules ask for a claim of {@code quantity} cables at 1,000: 10 a unit, and half again. */
  private static long requested(long quantity) {
    long base = quantity * 10;
    return base + base / 2;
  }

  private static boolean withinLimit(Actor actor, Permission permission, long points) {
    return actor.limit(permission).stream().allMatch(limit -> points <= limit);
  }

  private static void invariants(ClaimsFixture f) {
    assertThat(f.ledger.trialBalance().isBalanced()).isTrue();
    assertThat(f.ledger.verify().intact()).isTrue();
    assertThat(f.engine.audit().verify().intact()).isTrue();
    List<Claim> claims = allClaims(f);
    for (PartnerId partner : PARTNERS) {
      long paid = 0;
      long waiting = 0;
      for (Claim c : claims) {
        if (!c.partner().equals(partner)) {
          continue;
        }
        if (c.status() == ClaimStatus.PAID) {
          paid += c.points();
        } else if (c.status().awaitsDecision()) {
          waiting += c.points();
        }
      }
      long adjusted = adjusted(f, partner);
      var balance = f.engine.balance(partner);
      // a rep's claim pays the rep's share to the rep: count both wallets
      var rep = f.engine.balance(dev.loyalty.core.testing.ChannelFixture.rep(partner, 1));
      assertThat(balance.posted() + rep.posted()).as("posted to %s", partner).isEqualTo(paid + adjusted);
      assertThat(balance.pendingCredits() + rep.pendingCredits()).as("held for %s", partner).isEqualTo(waiting);
    }
    for (Claim c : claims) {
      for (int revision = 1; revision <= c.revision(); revision++) {
        Receipt r = f.engine.receipt(Claim.activityOf(c.id(), revision)).orElseThrow();
        boolean posted = r.status() == Receipt.Status.RECORDED;
        assertThat(posted).as("claim %s revision %d posted", c.id(), revision)
            .isEqualTo(c.status() == ClaimStatus.PAID && revision == c.revision());
      }
      for (ClaimTransition t : c.history()) {
        if (t.to() == ClaimStatus.APPROVED || t.to() == ClaimStatus.REJECTED
            || t.to() == ClaimStatus.MORE_INFO_REQUESTED) {
          assertThat(t.actor()).as("checker of %s", c.id()).isNotEqualTo(c.claimant());
        }
      }
    }
    for (AuditEntry e : f.auditEntries()) {
      if (e.record().outcome() == AuditOutcome.ALLOWED && Set.of("claim.approve", "claim.reject",
          "claim.request-info").contains(e.record().action())) {
        assertThat(e.record().actor().value()).isNotEqualTo(e.record().before().get("claimant"));
      }
      if (e.record().outcome() == AuditOutcome.ALLOWED && e.record().action().equals("adjustment.approve")) {
        assertThat(e.record().actor().value()).isNotEqualTo(e.record().before().get("maker"));
      }
    }
  }

  /** The net points of {@code partner}'s posted adjustments, from the ledger's adjustment transfers. */
  private static long adjusted(ClaimsFixture f, PartnerId partner) {
    long net = 0;
    for (var line : f.engine.statement(partner, ClaimsFixture.T0.minus(Duration.ofDays(1)),
        f.clock.instant().plus(Duration.ofDays(1))).lines()) {
      if (line.reason().equals("adjustment")) {
        net += line.amount();
      }
    }
    return net;
  }

  private static List<Claim> allClaims(ClaimsFixture f) {
    List<Claim> all = new ArrayList<>();
    for (ClaimStatus status : ClaimStatus.values()) {
      all.addAll(f.claims.inStatus(status, Optional.empty(), 10_000));
    }
    return all;
  }

  /** What a refused action must leave as it was. */
  private record Snapshot(dev.loyalty.ledger.TrialBalance ledger, List<Claim> claims, List<Optional<Adjustment>> adjustments,
      int events) {
    static Snapshot of(ClaimsFixture f) {
      List<Optional<Adjustment>> adjustments = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        adjustments.add(f.engine.adjustment(ApprovalId.of("ADJ-" + i)));
      }
      return new Snapshot(f.ledger.trialBalance(), allClaims(f), adjustments, f.events.size());
    }
  }
}
