package dev.loyalty.core.internal.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.internal.Badges;
import dev.loyalty.core.internal.Events;
import dev.loyalty.core.rewards.CatalogItem;
import dev.loyalty.core.rewards.CatalogVersions;
import dev.loyalty.core.rewards.FulfilmentOrder;
import dev.loyalty.core.rewards.FulfilmentPort;
import dev.loyalty.core.rewards.FulfilmentResult;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionAction;
import dev.loyalty.core.rewards.RedemptionRefusal;
import dev.loyalty.core.rewards.RedemptionStatus;
import dev.loyalty.core.rewards.Refund;
import dev.loyalty.core.rewards.Stock;
import dev.loyalty.core.spi.CodePoolStore;
import dev.loyalty.core.spi.StockStore;
import dev.loyalty.ledger.HoldAlreadyResolvedException;
import dev.loyalty.ledger.HoldStatus;
import dev.loyalty.ledger.HoldTimedOutException;
import dev.loyalty.ledger.IdempotencyConflictException;
import dev.loyalty.ledger.InsufficientBalanceException;
import dev.loyalty.ledger.LedgerException;
import dev.loyalty.ledger.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the change a redemption has pending, step by step, each step idempotent: stock and codes
 * are reserved, taken and released by redemption id, ledger commands are keyed by it, events are
 * de-duplicated by id, and the redemption is saved last. So a change interrupted anywhere (between
 * the stock and the hold, between the hold and its post, between the event and the save) is
 * finished exactly once by running it again. A placement refused on the way files an {@link
 * RedemptionAction.Abort} before it releases anything, so the undo is itself a change that finishes.
 * Every change writes the stock and the codes before the ledger, so that changes of several
 * partners in one database lock an item's (and a pool's) row before the ledger's accounts, always in
 * that order (a placement and another's payment of the same item would deadlock otherwise). A
 * placement that goes through the host's fulfilment port is saved with its reservations and its
 * hold before the port is asked, so that a caller whose work is a transaction can commit them first
 * ({@link #finishUpToPort}). Callers hold the redemption's partner lock. Thread-safe.
 */
final class RedemptionSteps {
  private static final Logger LOG = LoggerFactory.getLogger(RedemptionSteps.class);

  private final RedemptionBook book;
  private final RedemptionLedger ledger;
  private final StockStore stock;
  private final CodePoolStore codes;
  private final FulfilmentPort port;
  private final Events events;
  private final CatalogVersions catalogs;
  private final Badges badges;

  RedemptionSteps(RedemptionBook book, RedemptionLedger ledger, StockStore stock, CodePoolStore codes,
      FulfilmentPort port, Events events, CatalogVersions catalogs, Badges badges) {
    this.book = requireNonNull(book, "book");
    this.ledger = requireNonNull(ledger, "ledger");
    this.stock = requireNonNull(stock, "stock");
    this.codes = requireNonNull(codes, "codes");
    this.port = requireNonNull(port, "port");
    this.events = requireNonNull(events, "events");
    this.catalogs = requireNonNull(catalogs, "catalogs");
    this.badges = requireNonNull(badges, "badges");
  }

  /**
   * Runs what {@code filed} has pending (and what that files in turn: an abort, an expiry) and
   * returns the redemption saved with nothing pending.
   */
  Redemption finish(Redemption filed) {
    return finish(filed, false);
  }

  /**
   * As {@link #finish}, but stops where a placement that goes through the host's fulfilment port is
   * saved with its stock reserved and its points held, its placement still pending, before the port
   * is asked ({@link #finish} then asks it). For a caller whose work is one transaction: it commits
   * the reservations before the host's system is called.
   */
  Redemption finishUpToPort(Redemption filed) {
    return finish(filed, true);
  }

  private Redemption finish(Redemption filed, boolean upToPort) {
    Redemption r = filed;
    while (r.pending().isPresent() && !(upToPort && placedUpToPort(r))) {
      r = step(r, r.pending().get());
    }
    return r;
  }

  /** Whether {@code r} is placed and waits for the host's port: its placement pending, its points held. */
  private static boolean placedUpToPort(Redemption r) {
    return r.pending().orElse(null) instanceof RedemptionAction.Place && r.hold().isPresent()
        && Route.of(r.terms()) == Route.PORT;
  }

  private Redemption step(Redemption r, RedemptionAction action) {
    if (action instanceof RedemptionAction.Place place) {
      return place(r, place.at());
    } else if (action instanceof RedemptionAction.Abort abort) {
      return abort(r, abort);
    } else if (action instanceof RedemptionAction.Fulfil fulfil) {
      return paid(r.withReference(fulfil.reference()), fulfil.at(), RedemptionStatus.FULFILLED,
          "fulfilled by the host: " + fulfil.reference());
    } else if (action instanceof RedemptionAction.Ship ship) {
      return paid(r.withShipment(ship.shipment()), ship.at(), RedemptionStatus.SHIPPED, "shipped by "
          + ship.shipment().carrier() + ", tracking " + ship.shipment().tracking());
    } else if (action instanceof RedemptionAction.Deliver deliver) {
      return r.payment().isEmpty() ? paid(r, deliver.at(), RedemptionStatus.DELIVERED, "handed over")
          : move(r, RedemptionStatus.DELIVERED, deliver.at(), "delivered", List.of());
    } else if (action instanceof RedemptionAction.Cancel cancel) {
      return release(r, cancel.at(), RedemptionStatus.CANCELLED, "redemption-cancelled", "cancelled: "
          + cancel.reason());
    } else if (action instanceof RedemptionAction.Expire expire) {
      return release(r, expire.at(), RedemptionStatus.EXPIRED, "redemption-expired", "expired: not fulfilled by "
          + r.holdTimeoutAt() + ", when the points held for it were released");
    } else if (action instanceof RedemptionAction.FailDelivery failed) {
      return failDelivery(r, failed);
    } else if (action instanceof RedemptionAction.Return giveBack) {
      return giveBack(r, giveBack);
    }
    throw new IllegalStateException("redemption " + r.id() + " has an unknown change pending: " + action);
  }

  // --- placing

  private Redemption place(Redemption r, Instant at) {
    if (placedUpToPort(r)) {
      return fulfilByHost(r, at); // its stock and points were reserved, and saved, before
    }
    Route route = Route.of(r.terms());
    OptionalLong declared = declaredStock(r);
    if (stock.reserve(r.item(), r.id(), r.units(), declared).isEmpty()) {
      long left = Math.max(0, declared.orElse(Long.MAX_VALUE) - stock.count(r.item()).taken());
      return abortWith(r, at, RedemptionRefusal.Code.OUT_OF_STOCK, Shortages.stock(r.item(), left, r.units()));
    }
    Redemption placed = r;
    Optional<String> pool = Route.pool(r.terms());
    if (pool.isPresent()) {
      Optional<List<String>> given = codes.claim(pool.get(), r.id(), r.units());
      if (given.isEmpty()) {
        return abortWith(r, at, RedemptionRefusal.Code.NO_CODE, Shortages.codes(pool.get(), r.item(),
            codes.available(pool.get()), r.units()));
      }
      placed = placed.withCodes(given.get());
    }
    try {
      placed = placed.withHold(ledger.hold(placed));
    } catch (InsufficientBalanceException e) {
      return abortWith(placed, at, RedemptionRefusal.Code.INSUFFICIENT_POINTS, Shortages.points(ledger.wallet(r),
          ledger.available(r.wallet()), r.points(), r.units(), r.item()));
    } catch (IdempotencyConflictException e) {
      throw new LoyaltyException("redemption " + r.id() + " cannot be placed: " + e.getMessage(), e);
    } catch (LedgerException e) {
      return abortWith(placed, at, RedemptionRefusal.Code.LEDGER_REFUSED, "the ledger refused its hold: "
          + e.getMessage());
    }
    return switch (route) {
      case SHIP -> move(placed, RedemptionStatus.ORDERED, at, "ordered: waiting to be shipped", List.of());
      case COLLECT -> move(placed, RedemptionStatus.ORDERED, at, "ordered: waiting to be handed over", List.of());
      case POOL -> paid(placed, at, RedemptionStatus.FULFILLED, "fulfilled at once with " + placed.codes().size()
          + (placed.codes().size() == 1 ? " code" : " codes") + " from pool " + pool.orElseThrow());
      // saved with its reservations before the host's system is asked (see finishUpToPort)
      case PORT -> book.save(r, placed.filing(new RedemptionAction.Place(at)));
    };
  }

  private Redemption fulfilByHost(Redemption placed, Instant at) {
    FulfilmentResult result;
    try {
      result = requireNonNull(port.fulfil(FulfilmentOrder.of(placed)), "the fulfilment port returned null");
    } catch (LoyaltyException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new LoyaltyException("redemption " + placed.id() + ": the fulfilment port failed (" + e
          + "); its points stay held, and redeeming it again or recover() asks the port again", e);
    }
    if (result instanceof FulfilmentResult.Done done) {
      return paid(placed.withReference(done.reference()), at, RedemptionStatus.FULFILLED, "fulfilled at once by "
          + "the host: " + done.reference());
    }
    if (result instanceof FulfilmentResult.Refused refused) {
      return abortWith(placed, at, RedemptionRefusal.Code.FULFILMENT_REFUSED, "the host's fulfilment refused "
          + placed.item() + ": " + refused.reason());
    }
    return move(placed, RedemptionStatus.ORDERED, at, "ordered: waiting for the host to fulfil it", List.of());
  }

  private OptionalLong declaredStock(Redemption r) {
    Stock declared = catalogs.current().item(r.item()).map(CatalogItem::stock).orElse(r.terms().stock());
    return declared instanceof Stock.Limited limited ? OptionalLong.of(limited.units()) : OptionalLong.empty();
  }

  /** Files the undo of a placement refused for {@code message}: nothing is released before it is filed. */
  private Redemption abortWith(Redemption r, Instant at, RedemptionRefusal.Code code, String message) {
    LOG.info("redemption {} refused while placed: {}", r.id(), message);
    return book.save(r, r.filing(new RedemptionAction.Abort(at, new RedemptionRefusal(code, message))));
  }

  private Redemption abort(Redemption r, RedemptionAction.Abort abort) {
    stock.release(r.id());
    Route.pool(r.terms()).ifPresent(pool -> codes.release(pool, r.id()));
    ledger.release(r, "redemption-refused");
    Redemption refused = r.refused(abort.refusal(), abort.at());
    events.add(List.of(changed(refused, abort.at(), "refused: " + abort.refusal().message())));
    return book.save(r, refused);
  }

  // --- paying, releasing, refunding

  /**
   * Takes the stock and posts the hold, then moves to {@code status}; a hold that timed out expires
   * instead (which gives the stock back).
   */
  private Redemption paid(Redemption r, Instant at, RedemptionStatus status, String note) {
    stock.take(r.id());
    Transaction payment;
    try {
      payment = ledger.pay(r);
    } catch (HoldTimedOutException e) {
      if (r.reference().isPresent()) {
        // Only a placement recovered after the timeout gets here: the host gave a reference it must take back.
        LOG.warn("redemption {} was fulfilled by the host ({}) but its hold timed out before it was paid; it expires"
            + " and its points are released", r.id(), r.reference().get());
      }
      return book.save(r, r.filing(new RedemptionAction.Expire(at)));
    } catch (HoldAlreadyResolvedException e) {
      if (ledger.ledger().findHold(r.hold().orElseThrow()).orElseThrow().status() == HoldStatus.VOIDED) {
        return book.save(r, r.filing(new RedemptionAction.Expire(at))); // the timeout sweep came first
      }
      throw new LoyaltyException("redemption " + r.id() + " cannot be paid: " + e.getMessage(), e);
    } catch (LedgerException e) {
      throw new LoyaltyException("redemption " + r.id() + " cannot be paid: " + e.getMessage(), e);
    }
    // The wallet's first redemption to be paid is a milestone; changes of one partner run one at a
    // time, so no other can be paid in between, and a repeat after a crash finds the same answer.
    List<LoyaltyEvent> milestone = book.paidOtherThan(r.wallet(), r.id()) ? List.of()
        : List.of(badges.firstRedemption(r.id(), r.wallet(), payment.effectiveAt()));
    return move(r.withPayment(payment.id()), status, at, note, milestone);
  }

  /** Releases the stock (and any codes) and the hold, then moves to {@code status}. */
  private Redemption release(Redemption r, Instant at, RedemptionStatus status, String reason, String note) {
    stock.release(r.id());
    Route.pool(r.terms()).ifPresent(pool -> codes.release(pool, r.id()));
    ledger.release(r, reason);
    return move(r, status, at, note, List.of());
  }

  private Redemption failDelivery(Redemption r, RedemptionAction.FailDelivery failed) {
    stock.release(r.id());
    Transaction tx = ledger.refundAll(r, "redemption-delivery-failed");
    Refund refund = new Refund(Refund.Kind.FAILED_DELIVERY, "delivery-failed", r.units(), r.points(), tx.id());
    return move(r.withRefund(refund), RedemptionStatus.DELIVERY_FAILED, failed.at(), "delivery failed: "
        + failed.reason(), List.of(refunded(r, refund, failed.at())));
  }

  private Redemption giveBack(Redemption r, RedemptionAction.Return giveBack) {
    long points = Math.multiplyExact(r.terms().points(), (long) giveBack.units());
    Transaction tx = ledger.refund(r, points, giveBack.number(), giveBack.reference(), "redemption-return");
    Refund refund = new Refund(Refund.Kind.RETURN, giveBack.reference(), giveBack.units(), points, tx.id());
    Redemption refundedNow = r.withRefund(refund);
    RedemptionStatus next = refundedNow.returnedUnits() == r.units() ? RedemptionStatus.RETURNED
        : RedemptionStatus.DELIVERED;
    return move(refundedNow, next, giveBack.at(), giveBack.units() + " of " + r.units() + " units returned ("
        + giveBack.reference() + "): " + giveBack.reason(), List.of(refunded(r, refund, giveBack.at())));
  }

  // --- the last step of every change

  /**
   * Appends the change's events (a state reached, and {@code more}), then saves the redemption in
   * {@code status} with nothing pending: the events go first, so a crash in between appends them
   * again (the outbox keeps the first) and saves.
   */
  private Redemption move(Redemption r, RedemptionStatus status, Instant at, String note, List<LoyaltyEvent> more) {
    Redemption next = r.moved(status, at, note);
    List<LoyaltyEvent> toAppend = new ArrayList<>(more);
    if (status != r.status()) {
      toAppend.add(changed(next, at, note));
    }
    events.add(toAppend);
    return book.save(r, next);
  }

  private static LoyaltyEvent changed(Redemption r, Instant at, String note) {
    return new LoyaltyEvent.RedemptionChanged("redemption:" + r.id() + ":" + r.status().name()
        .toLowerCase(Locale.ROOT).replace('_', '-'), at, r.id(), r.wallet(), r.item(), r.status(), r.points(), note);
  }

  private static LoyaltyEvent refunded(Redemption r, Refund refund, Instant at) {
    return new LoyaltyEvent.RedemptionRefunded("redemption:" + r.id() + ":refund:" + refund.reference(), at, r.id(),
        r.wallet(), refund.units(), refund.points(), refund.transaction());
  }
}
