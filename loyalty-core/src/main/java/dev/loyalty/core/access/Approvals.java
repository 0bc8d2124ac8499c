package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.access.internal.RequestState;
import dev.loyalty.core.spi.ApprovalStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Maker-checker: a maker {@linkplain #submit submits} a request, distinct checkers {@linkplain
 * #approve approve} it until its rule's count is reached, or one {@linkplain #reject rejects} it.
 * The capability that owns the request (claims, reviews, manual adjustments) carries it out once
 * it is {@link ApprovalStatus#APPROVED}.
 *
 * <p>Every call, allowed or refused, appends exactly one entry to the {@link AuditLog}: its action
 * is the rule's name and the verb ("adjustment.approve"), its target the request's target, its
 * before and after the request's state ({@code RequestState}). A refusal is an {@link
 * AccessRefusedException} whose {@link Refusal} says why, and changes nothing but the audit log:
 * <ul>
 *   <li>submit: {@link RefusalCode#DUPLICATE_REQUEST} if the id is taken; the maker's permission
 *       under the rule, checked by the {@link Authorizer} ({@link RefusalCode#NO_PERMISSION},
 *       {@link RefusalCode#OUT_OF_SCOPE}, {@link RefusalCode#ABOVE_LIMIT});
 *   <li>approve and reject: {@link RefusalCode#UNKNOWN_REQUEST}; {@link
 *       RefusalCode#ALREADY_DECIDED} (a request is decided at most once); {@link
 *       RefusalCode#MAKER_CANNOT_CHECK}; {@link RefusalCode#ALREADY_CHECKED} (a checker counts
 *       once: approving twice is refused, not ignored, so that a double click cannot pass for
 *       a second pair of eyes); then the checker's permission under the rule, within its limit
 *       and scope. A rejection is a decision like an approval and needs the same.
 * </ul>
 *
 * <p>Thread-safe; share one instance. Calls on one instance are serialised (approvals happen at
 * human pace), so its audit entries follow the order of the decisions. Instances in several
 * processes sharing one store are kept apart by the store's version check: of two checkers
 * deciding the same request at once exactly one wins, the other is refused as {@link
 * RefusalCode#ALREADY_DECIDED} (or, on a two-checker request, counted second). The request is
 * stored before its audit entry is appended: a crash between the two loses the entry, not the
 * decision. No method accepts or returns null.
 */
public final class Approvals {

  /** Names the target of an audit entry about a request that does not exist. */
  public static final String UNKNOWN_REQUEST_KIND = "approval";

  private final ApprovalStore store;
  private final AuditLog audit;
  private final Authorizer authorizer;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();

  private Approvals(ApprovalStore store, AuditLog audit, Authorizer authorizer, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.audit = requireNonNull(audit, "audit");
    this.authorizer = requireNonNull(authorizer, "authorizer");
    this.clock = requireNonNull(clock, "clock");
  }

  /** Approvals kept in {@code store}, audited in {@code audit}, authorized by {@code authorizer}. */
  public static Approvals using(ApprovalStore store, AuditLog audit, Authorizer authorizer, Clock clock) {
    return new Approvals(store, audit, authorizer, clock);
  }

  /**
   * Approvals kept in memory, audited in {@code audit}, with the {@linkplain Authorizer#standard()
   * standard} checks.
   */
  public static Approvals inMemory(AuditLog audit, Clock clock) {
    return new Approvals(ApprovalStore.inMemory(), audit, Authorizer.standard(), clock);
  }

  /**
   * Submits a request by {@code maker}, pending until its checkers decide.
   *
   * @return the request, version 1
   * @throws DuplicateApprovalException if a request with the id exists
   * @throws NotAuthorizedException     if the maker may not make it
   */
  public ApprovalRequest submit(Actor maker, ApprovalSubmission submission) {
    requireNonNull(maker, "maker");
    requireNonNull(submission, "submission");
    String action = submission.rule().name() + ".submit";
    Target target = submission.target();
    lock.lock();
    try {
      while (true) {
        Optional<ApprovalRequest> existing = store.find(submission.id());
        if (existing.isPresent()) {
          throw refused(maker, action, target, new Refusal.DuplicateRequest(submission.id(), existing.get().maker()),
              RequestState.of(existing.get()));
        }
        Optional<Refusal> refusal = submission.rule().maker()
            .flatMap(p -> authorizer.check(maker, p, target, submission.points()));
        if (refusal.isPresent()) {
          throw refused(maker, action, target, refusal.get(), Map.of());
        }
        ApprovalRequest request = ApprovalRequest.submitted(submission, maker.id(), clock.instant());
        if (store.insert(request)) {
          audit.append(AuditRecord.allowed(maker.id(), action, target, submission.reason(), Map.of(),
              RequestState.of(request)));
          return request;
        }
        // Another process inserted this id first: it is a duplicate now.
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Approves request {@code id} as {@code checker}; the request is approved once enough distinct
   * checkers did.
   *
   * @param reason why; not blank, at most 2,000 characters
   * @return the request as it now stands
   * @throws UnknownApprovalException  if there is no such request
   * @throws ApprovalDecidedException  if it was approved or rejected already
   * @throws NotAuthorizedException    if the checker made it, approved it already, or may not
   *                                   check it (permission, scope, limit)
   */
  public ApprovalRequest approve(ApprovalId id, Actor checker, String reason) {
    return decide(id, checker, reason, true);
  }

  /**
   * Rejects request {@code id} as {@code checker}: one rejection decides it.
   *
   * @param reason why; not blank, at most 2,000 characters
   * @return the rejected request
   * @throws UnknownApprovalException  if there is no such request
   * @throws ApprovalDecidedException  if it was approved or rejected already
   * @throws NotAuthorizedException    if the checker made it, approved it already, or may not
   *                                   check it (permission, scope, limit)
   */
  public ApprovalRequest reject(ApprovalId id, Actor checker, String reason) {
    return decide(id, checker, reason, false);
  }

  private ApprovalRequest decide(ApprovalId id, Actor checker, String reason, boolean approve) {
    requireNonNull(id, "id");
    requireNonNull(checker, "checker");
    Texts.requireReason(reason, "reason of checker " + checker.id());
    String verb = approve ? "approve" : "reject";
    lock.lock();
    try {
      while (true) {
        Optional<ApprovalRequest> found = store.find(id);
        if (found.isEmpty()) {
          throw refused(checker, UNKNOWN_REQUEST_KIND + "." + verb, Target.of(UNKNOWN_REQUEST_KIND, id.value()),
              new Refusal.UnknownRequest(id), Map.of());
        }
        ApprovalRequest request = found.get();
        String action = request.rule().name() + "." + verb;
        Map<String, String> before = RequestState.of(request);
        Optional<Refusal> refusal = refusal(request, checker);
        if (refusal.isPresent()) {
          throw refused(checker, action, request.target(), refusal.get(), before);
        }
        Check check = new Check(checker.id(), clock.instant(), reason);
        ApprovalRequest next = approve ? request.withApproval(check) : request.withRejection(check);
        if (store.update(next)) {
          audit.append(AuditRecord.allowed(checker.id(), action, request.target(), reason, before,
              RequestState.of(next)));
          return next;
        }
        // Another process decided first: look at the request again.
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Why {@code checker} may not approve or reject request {@code id} now, checked as {@link
   * #approve} checks (the request exists and is pending, the checker is not its maker and has not
   * checked it, then the authorizer); empty if it may. Writes nothing, not even to the audit log:
   * for a capability that must check something of its own before a decision, and for a host that
   * shows a checker only what it may decide.
   */
  public Optional<Refusal> checkerRefusal(ApprovalId id, Actor checker) {
    requireNonNull(id, "id");
    requireNonNull(checker, "checker");
    Optional<ApprovalRequest> found = store.find(id);
    return found.isEmpty() ? Optional.of(new Refusal.UnknownRequest(id)) : refusal(found.get(), checker);
  }

  private Optional<Refusal> refusal(ApprovalRequest request, Actor checker) {
    if (request.status() != ApprovalStatus.PENDING) {
      return Optional.of(new Refusal.AlreadyDecided(request.id(), request.status()));
    }
    if (checker.id().equals(request.maker())) {
      return Optional.of(new Refusal.MakerCannotCheck(checker.id(), request.id()));
    }
    if (request.checkedBy(checker.id())) {
      return Optional.of(new Refusal.AlreadyChecked(checker.id(), request.id()));
    }
    return authorizer.check(checker, request.rule().checker(), request.target(), request.points());
  }

  private AccessRefusedException refused(Actor actor, String action, Target target, Refusal refusal,
      Map<String, String> state) {
    audit.append(AuditRecord.refused(actor.id(), action, target, refusal, state));
    return AccessRefusedException.of(refusal);
  }

  /** Request {@code id} as it now stands. */
  public Optional<ApprovalRequest> find(ApprovalId id) {
    return store.find(requireNonNull(id, "id"));
  }

  /**
   * The requests now in {@code status}, oldest first, after request {@code after} (empty: from
   * the first), at most {@code limit}.
   *
   * @param limit 1 to {@value AuditLog#MAX_PAGE}
   */
  public ApprovalPage list(ApprovalStatus status, Optional<ApprovalId> after, int limit) {
    requireNonNull(status, "status");
    requireNonNull(after, "after");
    if (limit < 1 || limit > AuditLog.MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 1 to " + AuditLog.MAX_PAGE + ", got " + limit);
    }
    List<ApprovalRequest> found = store.list(status, after, limit + 1);
    if (found.size() <= limit) {
      return new ApprovalPage(found, Optional.empty());
    }
    List<ApprovalRequest> page = found.subList(0, limit);
    return new ApprovalPage(page, Optional.of(page.get(limit - 1).id()));
  }
}
