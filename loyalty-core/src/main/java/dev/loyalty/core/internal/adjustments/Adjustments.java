package dev.loyalty.core.internal.adjustments;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.UnknownMemberException;
import dev.loyalty.core.UnknownPartnerException;
import dev.loyalty.core.access.Actor;
import dev.loyalty.core.access.ApprovalId;
import dev.loyalty.core.access.ApprovalRequest;
import dev.loyalty.core.access.ApprovalRule;
import dev.loyalty.core.access.ApprovalStatus;
import dev.loyalty.core.access.ApprovalSubmission;
import dev.loyalty.core.access.Approvals;
import dev.loyalty.core.access.Check;
import dev.loyalty.core.access.PartnerTraits;
import dev.loyalty.core.access.Target;
import dev.loyalty.core.adjustments.Adjustment;
import dev.loyalty.core.adjustments.AdjustmentRequest;
import dev.loyalty.core.adjustments.AdjustmentRequest.Direction;
import dev.loyalty.core.adjustments.InsufficientPointsException;
import dev.loyalty.core.internal.Audited;
import dev.loyalty.core.internal.Completion;
import dev.loyalty.core.internal.LedgerPoster;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.Program;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.KeyOutcome;
import dev.loyalty.ledger.LedgerException;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransferRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manual adjustments capability: a maker asks for a credit or debit of a participant's points,
 * checkers approve it through {@link Approvals} (never the maker; two distinct approvers above the
 * program's {@code adjustmentSecondApproverAbove}; each within its limit and scope), and the
 * approval that completes it posts one ledger transfer between the participant's wallet and the
 * program's adjustments account, keyed {@code <prefix>:adjustment:<id>}, with the maker, the
 * approvers and the reason in its metadata.
 *
 * <p>Every call appends exactly one audit entry: {@code Approvals}' own ({@code adjustment.submit},
 * {@code adjustment.approve}, {@code adjustment.reject}), or this class's for what it refuses
 * itself before asking {@code Approvals} (an unknown participant, a debit of more points than the
 * wallet has). A debit is checked against the wallet when it is asked for and again before the
 * approval that completes it, under the partner's lock; a credit expires as if earned the day it is
 * posted. Thread-safe.
 */
public final class Adjustments {
  private static final Logger LOG = LoggerFactory.getLogger(Adjustments.class);
  private static final String KIND = "adjustment";
  /** The reason of an adjustment's transfer; the risk figures leave such debits out of redemptions. */
  public static final String REASON = "adjustment";

  private final Program program;
  private final LedgerPoster poster;
  private final PartnerDirectory directory;
  private final Approvals approvals;
  private final Audited audit;
  private final Completion completion;
  private final Clock clock;
  private final ApprovalRule rule;

  /** Adjustments of {@code program}'s wallets, approved through {@code approvals}. */
  public Adjustments(Program program, LedgerPoster poster, PartnerDirectory directory, Approvals approvals,
      Audited audit, Completion completion, Clock clock) {
    this.program = requireNonNull(program, "program");
    this.poster = requireNonNull(poster, "poster");
    this.directory = requireNonNull(directory, "directory");
    this.approvals = requireNonNull(approvals, "approvals");
    this.audit = requireNonNull(audit, "audit");
    this.completion = requireNonNull(completion, "completion");
    this.clock = requireNonNull(clock, "clock");
    this.rule = program.trust().adjustmentSecondApproverAbove().stream()
        .mapToObj(ApprovalRule.ADJUSTMENT::withSecondCheckerAbove).findFirst().orElse(ApprovalRule.ADJUSTMENT);
  }

  /** Asks for {@code request} as {@code maker}; see {@code LoyaltyEngine.requestAdjustment}. */
  public Adjustment request(Actor maker, AdjustmentRequest request) {
    requireNonNull(maker, "maker");
    requireNonNull(request, "request");
    String action = KIND + ".submit";
    Partner partner;
    try {
      partner = partnerOf(request.participant());
    } catch (LoyaltyException refused) {
      throw audit.refused(maker.id(), action, Target.of(KIND, request.id().value()), refused, Map.of());
    }
    Target target = Target.of(KIND, request.id().value(), PartnerTraits.of(partner));
    return completion.forPartner(partner.id(), () -> {
      if (approvals.find(request.id()).isEmpty() && request.direction() == Direction.DEBIT) {
        requireAvailable(request, maker, action, target);
      }
      ApprovalRequest submitted = approvals.submit(maker, ApprovalSubmission.of(request.id(), rule, target,
          request.reason()).withPoints(request.points()).withDetails(details(request)));
      return new Adjustment(request, submitted, Optional.empty(), Optional.empty());
    });
  }

  /** Approves adjustment {@code id} as {@code checker}; see {@code LoyaltyEngine.approveAdjustment}. */
  public Adjustment approve(ApprovalId id, Actor checker, String reason) {
    requireNonNull(id, "id");
    requireNonNull(checker, "checker");
    Optional<ApprovalRequest> found = approvals.find(id);
    if (found.isEmpty()) {
      approvals.approve(id, checker, reason); // refuses, with its audit entry
      throw new IllegalStateException("approvals approved request " + id + ", which it could not find");
    }
    AdjustmentRequest request = requestOf(found.get());
    return completion.forPartner(partnerIdOf(found.get()), () -> {
      ApprovalRequest pending = approvals.find(id).orElseThrow();
      boolean completes = pending.status() == ApprovalStatus.PENDING
          && pending.approvals().size() + 1 == pending.requiredApprovals();
      if (completes && request.direction() == Direction.DEBIT && approvals.checkerRefusal(id, checker).isEmpty()) {
        requireAvailable(request, checker, KIND + ".approve", pending.target());
      }
      ApprovalRequest decided = approvals.approve(id, checker, reason);
      return decided.status() == ApprovalStatus.APPROVED ? post(request, decided)
          : new Adjustment(request, decided, Optional.empty(), Optional.empty());
    });
  }

  /** Rejects adjustment {@code id} as {@code checker}; see {@code LoyaltyEngine.rejectAdjustment}. */
  public Adjustment reject(ApprovalId id, Actor checker, String reason) {
    requireNonNull(id, "id");
    ApprovalRequest rejected = approvals.reject(id, checker, reason);
    return new Adjustment(requestOf(rejected), rejected, Optional.empty(), Optional.empty());
  }

  /**
   * Adjustment {@code id} as it stands: once approved, with what the ledger did, read under the
   * posting's key (whichever call or instance posted it); neither while a crash left it unposted.
   */
  public Optional<Adjustment> find(ApprovalId id) {
    return approvals.find(requireNonNull(id, "id")).filter(r -> r.rule().name().equals(KIND)).map(r -> {
      AdjustmentRequest request = requestOf(r);
      if (r.status() != ApprovalStatus.APPROVED) {
        return new Adjustment(request, r, Optional.empty(), Optional.empty());
      }
      Optional<KeyOutcome> posting = poster.ledger().outcome(keyOf(request));
      return new Adjustment(request, r, posting.flatMap(KeyOutcome::transaction).map(Transaction::id),
          posting.flatMap(KeyOutcome::refusal).map(Throwable::getMessage));
    });
  }

  private IdempotencyKey keyOf(AdjustmentRequest request) {
    return IdempotencyKey.of(program.accounts().prefix() + ":" + KIND + ":" + request.id().value());
  }

  /**
   * Posts every approved adjustment whose posting a crash interrupted (posting one posted before
   * replays the ledger's outcome and changes nothing).
   *
   * @return the adjustments it posted now or found posted
   */
  public List<ApprovalId> recover() {
    List<ApprovalId> posted = new ArrayList<>();
    Optional<ApprovalId> after = Optional.empty();
    while (true) {
      var page = approvals.list(ApprovalStatus.APPROVED, after, 100);
      for (ApprovalRequest r : page.requests()) {
        if (r.rule().name().equals(KIND)) {
          completion.forPartner(partnerIdOf(r), () -> post(requestOf(r), r)).transaction()
              .ifPresent(tx -> posted.add(r.id()));
        }
      }
      if (page.next().isEmpty()) {
        return posted;
      }
      after = page.next();
    }
  }

  /** Posts an approved adjustment: one transfer, keyed by its id, so posting it again replays it. */
  private Adjustment post(AdjustmentRequest request, ApprovalRequest approved) {
    AccountId wallet = program.accounts().wallet(request.participant());
    AccountId adjustments = program.accounts().adjustments();
    poster.openWallets(List.of(wallet));
    Expiry expiry = program.expiry().expiryOf(clock.instant(), program.zone()).map(Expiry::at).orElse(Expiry.never());
    boolean credit = request.direction() == Direction.CREDIT;
    Entry from = credit ? Entry.debit(adjustments, request.points()) : Entry.debit(wallet, request.points());
    Entry to = credit ? Entry.credit(wallet, request.points(), expiry) : Entry.credit(adjustments, request.points());
    TransferRequest transfer = TransferRequest.of(keyOf(request), REASON, from, to)
        .withMetadata(metadata(request, approved));
    try {
      Transaction tx = poster.ledger().transfer(transfer);
      LOG.info("adjustment {}: {} {} points of {} posted ({})", request.id(), request.direction().word(),
          request.points(), request.participant(), tx.id());
      return new Adjustment(request, approved, Optional.of(tx.id()), Optional.empty());
    } catch (LedgerException refused) {
      LOG.warn("adjustment {} was approved but the ledger refused it: {}", request.id(), refused.getMessage());
      return new Adjustment(request, approved, Optional.empty(), Optional.of(refused.getMessage()));
    }
  }

  private void requireAvailable(AdjustmentRequest request, Actor actor, String action, Target target) {
    long available = poster.available(program.accounts().wallet(request.participant()));
    if (available < request.points()) {
      throw audit.refused(actor.id(), action, target, new InsufficientPointsException("adjustment " + request.id()
          + " debits " + request.points() + " points from " + request.participant().kind() + " "
          + request.participant().value() + ", which has " + available + " available"), Map.of());
    }
  }

  /** The partner {@code participant} is or works for. */
  private Partner partnerOf(ParticipantId participant) {
    PartnerId partner = participant instanceof MemberId m ? directory.member(m).orElseThrow(() ->
        new UnknownMemberException("adjustment names member " + m + ", who is not enrolled")).partner()
        : (PartnerId) participant;
    return directory.partner(partner).orElseThrow(() -> new UnknownPartnerException("adjustment names partner "
        + partner + ", which is not enrolled"));
  }

  private static PartnerId partnerIdOf(ApprovalRequest request) {
    return request.target().partner().map(PartnerTraits::partner).orElseThrow(() -> new IllegalStateException(
        "adjustment request " + request.id() + " names no partner"));
  }

  /** What an adjustment's approval request carries, so that the adjustment can be read back from it. */
  private static Map<String, String> details(AdjustmentRequest request) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("participant-kind", request.participant().kind());
    details.put("participant", request.participant().value());
    details.put("direction", request.direction().word());
    return details;
  }

  private static AdjustmentRequest requestOf(ApprovalRequest r) {
    String participant = r.details().get("participant");
    ParticipantId id = "member".equals(r.details().get("participant-kind")) ? MemberId.of(participant)
        : PartnerId.of(participant);
    Direction direction = "debit".equals(r.details().get("direction")) ? Direction.DEBIT : Direction.CREDIT;
    return new AdjustmentRequest(r.id(), id, direction, r.points().orElseThrow(), r.reason());
  }

  /** The transaction's metadata: the adjustment, its maker, its approvers in order, and the reason. */
  private static Map<String, String> metadata(AdjustmentRequest request, ApprovalRequest approved) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("adjustment", request.id().value());
    metadata.put("participant", request.participant().kind() + ":" + request.participant().value());
    metadata.put("direction", request.direction().word());
    metadata.put("maker", approved.maker().value());
    List<Check> checks = approved.approvals();
    for (int i = 0; i < checks.size(); i++) {
      metadata.put("approved-by." + (i + 1), checks.get(i).checker().value());
      metadata.put("approved-at." + (i + 1), checks.get(i).at().toString());
    }
    metadata.put("reason", request.reason());
    return metadata;
  }
}
