package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.TransactionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One redemption: what was asked, the item's terms it was made under (its catalog version), where
 * it stands, and what it wrote. Immutable; each change is a new version with the next
 * {@code revision}, which a {@code RedemptionStore} compares before it replaces one.
 *
 * @param request       what was asked; never null
 * @param partner       the organisation of the paying wallet (the wallet's own, or the member's
 *                      partner): its lock orders the redemption's changes; never null
 * @param version       the catalog version it was made under; never null
 * @param terms         the item's terms in that version (price, kind, limits): kept whatever later
 *                      versions say; never null
 * @param points        what it costs: units times the price; positive
 * @param requestedAt   by the engine's clock; never null
 * @param holdTimeoutAt when the points held for it time out if it was not fulfilled by then (the
 *                      program's {@code redemptionHoldTimeout} after {@code requestedAt}); never null
 * @param status        never null
 * @param history       every state it reached, oldest first, the last being {@code status}; never
 *                      null or empty
 * @param hold          the ledger hold on the wallet, once placed; never null
 * @param payment       the post of that hold, once the points are paid; never null
 * @param refunds       the reversals of the payment (a failed delivery, returns), oldest first; the
 *                      units of its returns are at most {@code units}; never null
 * @param codes         the codes a code pool gave it, in order; never null
 * @param reference     the host's fulfilment reference (a provider's code, a payout id); never null
 * @param shipment      carrier and tracking, once shipped; never null
 * @param refusal       why it was refused; present exactly when the status is {@code REFUSED}; never null
 * @param pending       the change filed and not finished yet; never null
 * @param revision      0 when filed, one more with each change
 */
public record Redemption(
    RedemptionRequest request,
    PartnerId partner,
    CatalogVersion version,
    CatalogItem terms,
    long points,
    Instant requestedAt,
    Instant holdTimeoutAt,
    RedemptionStatus status,
    List<StatusChange> history,
    Optional<HoldId> hold,
    Optional<TransactionId> payment,
    List<Refund> refunds,
    List<String> codes,
    Optional<String> reference,
    Optional<Shipment> shipment,
    Optional<RedemptionRefusal> refusal,
    Optional<RedemptionAction> pending,
    long revision) {

  public Redemption {
    requireNonNull(request, "request");
    requireNonNull(partner, "partner");
    requireNonNull(version, "version");
    requireNonNull(terms, "terms");
    requireNonNull(requestedAt, "requestedAt");
    requireNonNull(holdTimeoutAt, "holdTimeoutAt");
    requireNonNull(status, "status");
    history = List.copyOf(requireNonNull(history, "history"));
    requireNonNull(hold, "hold");
    requireNonNull(payment, "payment");
    refunds = List.copyOf(requireNonNull(refunds, "refunds"));
    codes = List.copyOf(requireNonNull(codes, "codes"));
    requireNonNull(reference, "reference");
    requireNonNull(shipment, "shipment");
    requireNonNull(refusal, "refusal");
    requireNonNull(pending, "pending");
    RedemptionId id = request.id();
    if (!terms.id().equals(request.item())) {
      throw new IllegalArgumentException("redemption " + id + " asks for item " + request.item()
          + " but keeps the terms of " + terms.id());
    }
    if (points != Math.multiplyExact(terms.points(), (long) request.units())) {
      throw new IllegalArgumentException("redemption " + id + " costs " + points + " points, not " + request.units()
          + " x " + terms.points());
    }
    if (history.isEmpty() || history.get(history.size() - 1).status() != status) {
      throw new IllegalArgumentException("redemption " + id + " is " + status + " but its history ends "
          + (history.isEmpty() ? "nowhere" : history.get(history.size() - 1).status()));
    }
    long returned = 0;
    for (Refund r : refunds) {
      returned += r.kind() == Refund.Kind.RETURN ? r.units() : 0;
    }
    if (returned > request.units()) {
      throw new IllegalArgumentException("redemption " + id + " of " + request.units() + " units cannot have "
          + returned + " returned");
    }
    if (refusal.isPresent() != (status == RedemptionStatus.REFUSED)) {
      throw new IllegalArgumentException("redemption " + id + " is " + status + (refusal.isPresent()
          ? " and has a refusal" : " without a refusal"));
    }
    if (revision < 0) {
      throw new IllegalArgumentException("redemption " + id + " has a negative revision " + revision);
    }
  }

  /**
   * A redemption filed as {@link RedemptionStatus#REQUESTED} with its placement pending, at revision 0.
   */
  public static Redemption requested(RedemptionRequest request, PartnerId partner, CatalogVersion version,
      CatalogItem terms, Instant at, Instant holdTimeoutAt) {
    long points = Math.multiplyExact(terms.points(), (long) request.units());
    StatusChange first = new StatusChange(RedemptionStatus.REQUESTED, at, request.units() + " x " + terms.id()
        + " for " + points + " points from " + request.wallet().kind() + " " + request.wallet().value()
        + ", asked by member " + request.redeemer());
    return new Redemption(request, partner, version, terms, points, at, holdTimeoutAt, RedemptionStatus.REQUESTED,
        List.of(first), Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of(new RedemptionAction.Place(at)), 0);
  }

  /** Its id, which is its idempotency key. */
  public RedemptionId id() {
    return request.id();
  }

  /** Whose wallet pays. */
  public ParticipantId wallet() {
    return request.wallet();
  }

  /** Who asked. */
  public MemberId redeemer() {
    return request.redeemer();
  }

  /** The item redeemed. */
  public CatalogItemId item() {
    return request.item();
  }

  /** How many units. */
  public int units() {
    return request.units();
  }

  /** Whether nothing more is to happen to it: a final state and no change pending. */
  public boolean isSettled() {
    return status.isFinal() && pending.isEmpty();
  }

  /** The units that came back after delivery. */
  public int returnedUnits() {
    int returned = 0;
    for (Refund r : refunds) {
      returned += r.kind() == Refund.Kind.RETURN ? r.units() : 0;
    }
    return returned;
  }

  /** The units that count against per-participant limits now: none once it ended without the reward kept. */
  public int unitsKept() {
    return status.counts() ? request.units() - returnedUnits() : 0;
  }

  /** The points given back so far by refunds. */
  public long pointsRefunded() {
    long refunded = 0;
    for (Refund r : refunds) {
      refunded = Math.addExact(refunded, r.points());
    }
    return refunded;
  }

  /** The refund with {@code reference}, if it has one. */
  public Optional<Refund> refund(String reference) {
    return refunds.stream().filter(r -> r.reference().equals(reference)).findFirst();
  }

  // --- new versions, as the engine writes them (each the next revision)

  /** The next version with {@code action} pending. */
  public Redemption filing(RedemptionAction action) {
    return new Draft(this).pending(Optional.of(requireNonNull(action, "action"))).build();
  }

  /**
   * The next version in {@code next} (or still in the same state, for a return of some units),
   * with {@code note} in its history and nothing pending.
   *
   * @throws IllegalStateException if the lifecycle does not lead from its state to {@code next}
   */
  public Redemption moved(RedemptionStatus next, Instant at, String note) {
    if (next != status && !status.canMoveTo(next)) {
      throw new IllegalStateException("redemption " + id() + " cannot move from " + status + " to " + next);
    }
    Draft d = new Draft(this).pending(Optional.empty());
    d.status = next;
    d.history.add(new StatusChange(next, at, note));
    return d.build();
  }

  /** A copy (same revision) with the ledger hold placed for it. */
  public Redemption withHold(HoldId id) {
    return progress(d -> d.hold = Optional.of(id));
  }

  /** A copy (same revision) with the transaction that paid for it. */
  public Redemption withPayment(TransactionId id) {
    return progress(d -> d.payment = Optional.of(id));
  }

  /** A copy (same revision) with one more refund. */
  public Redemption withRefund(Refund refund) {
    requireNonNull(refund, "refund");
    return progress(d -> d.refunds.add(refund));
  }

  /** A copy (same revision) with the codes a pool gave it. */
  public Redemption withCodes(List<String> given) {
    return progress(d -> d.codes = List.copyOf(given));
  }

  /** A copy (same revision) with the host's fulfilment reference. */
  public Redemption withReference(String value) {
    return progress(d -> d.reference = Optional.of(value));
  }

  /** A copy (same revision) with its shipment. */
  public Redemption withShipment(Shipment value) {
    return progress(d -> d.shipment = Optional.of(value));
  }

  /**
   * The next version, {@link RedemptionStatus#REFUSED} for {@code why} at {@code at}, with nothing
   * pending.
   *
   * @throws IllegalStateException unless it is being placed
   */
  public Redemption refused(RedemptionRefusal why, Instant at) {
    if (!status.canMoveTo(RedemptionStatus.REFUSED)) {
      throw new IllegalStateException("redemption " + id() + " is " + status + " and cannot be refused");
    }
    Draft d = new Draft(this).pending(Optional.empty());
    d.refusal = Optional.of(requireNonNull(why, "why"));
    d.status = RedemptionStatus.REFUSED;
    String note = "refused: " + why.message();
    d.history.add(new StatusChange(RedemptionStatus.REFUSED, at,
        note.length() <= StatusChange.MAX_NOTE ? note : note.substring(0, StatusChange.MAX_NOTE)));
    return d.build();
  }

  /** A copy at the same revision with what {@code change} sets: progress within one change. */
  private Redemption progress(Consumer<Draft> change) {
    Draft d = new Draft(this);
    d.revision = revision;
    change.accept(d);
    return d.build();
  }

  /** The fields of the next version, filled from the current one; the revision is one more. */
  private static final class Draft {
    private final Redemption from;
    private RedemptionStatus status;
    private final List<StatusChange> history;
    private Optional<HoldId> hold;
    private Optional<TransactionId> payment;
    private final List<Refund> refunds;
    private List<String> codes;
    private Optional<String> reference;
    private Optional<Shipment> shipment;
    private Optional<RedemptionRefusal> refusal;
    private Optional<RedemptionAction> pending;
    private long revision;

    private Draft(Redemption from) {
      this.from = from;
      status = from.status;
      history = new ArrayList<>(from.history);
      hold = from.hold;
      payment = from.payment;
      refunds = new ArrayList<>(from.refunds);
      codes = from.codes;
      reference = from.reference;
      shipment = from.shipment;
      refusal = from.refusal;
      pending = from.pending;
      revision = Math.addExact(from.revision, 1);
    }

    private Draft pending(Optional<RedemptionAction> value) {
      pending = value;
      return this;
    }

    private Redemption build() {
      return new Redemption(from.request, from.partner, from.version, from.terms, from.points, from.requestedAt,
          from.holdTimeoutAt, status, history, hold, payment, refunds, codes, reference, shipment,
          refusal, pending, revision);
    }
  }
}
