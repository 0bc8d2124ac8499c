package dev.loyalty.core.internal.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.internal.Badges;
import dev.loyalty.core.internal.Completion;
import dev.loyalty.core.internal.Events;
import dev.loyalty.core.model.Names;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.spi.PerformanceStore;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rewards.Catalog;
import dev.loyalty.core.rewards.CatalogItem;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.CatalogVersions;
import dev.loyalty.core.rewards.DuplicateRedemptionException;
import dev.loyalty.core.rewards.Offer;
import dev.loyalty.core.rewards.Participant;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionAction;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rewards.RedemptionRecovery;
import dev.loyalty.core.rewards.RedemptionRefusedException;
import dev.loyalty.core.rewards.RedemptionRequest;
import dev.loyalty.core.rewards.RedemptionStateException;
import dev.loyalty.core.rewards.RedemptionStatus;
import dev.loyalty.core.rewards.Refund;
import dev.loyalty.core.rewards.Rewards;
import dev.loyalty.core.rewards.RewardsSetup;
import dev.loyalty.core.rewards.Shipment;
import dev.loyalty.core.rewards.StatusChange;
import dev.loyalty.core.rewards.StockLevel;
import dev.loyalty.core.rewards.UnknownCatalogItemException;
import dev.loyalty.core.rewards.UnknownRedemptionException;
import dev.loyalty.core.spi.CodePoolStore;
import dev.loyalty.core.spi.StockCount;
import dev.loyalty.core.spi.StockStore;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.TimeoutSweep;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rewards capability behind {@code engine.rewards()}: redemption on ledger holds, fulfilment,
 * tracking, stock and code pools. Each change of a redemption is decided under its partner's lock
 * (the lock activities take, so a partner's limits are counted one change at a time), filed in the
 * redemption store, and run by {@link RedemptionSteps}; events are delivered after the lock is let
 * go. See {@link Rewards} for what each method does. Thread-safe.
 */
public final class RewardsService implements Rewards {
  private static final Logger LOG = LoggerFactory.getLogger(RewardsService.class);

  private final Program program;
  private final Ledger ledger;
  private final Clock clock;
  private final Completion completion;
  private final CatalogVersions catalogs;
  private final StockStore stock;
  private final CodePoolStore codes;
  private final RedemptionBook book;
  private final RedemptionChecks checks;
  private final RedemptionSteps steps;

  /**
   * Redemption in {@code program} as {@code setup} says, writing to {@code stores}.
   *
   * @param completion for its partner work (one transaction each where it is {@linkplain
   *                   Completion#atomic() atomic}) and the delivery of events after each change
   * @throws IllegalArgumentException if the setup's catalog is of another program
   */
  public RewardsService(Program program, Ledger ledger, PartnerDirectory directory, PerformanceStore performance,
      Clock clock, Events events, Completion completion, Badges badges, RewardsSetup setup, RewardsStores stores) {
    this.program = requireNonNull(program, "program");
    this.ledger = requireNonNull(ledger, "ledger");
    this.clock = requireNonNull(clock, "clock");
    this.completion = requireNonNull(completion, "completion");
    requireNonNull(setup, "setup");
    requireNonNull(stores, "stores");
    if (!setup.catalogs().program().equals(program)) {
      throw new IllegalArgumentException("the catalog is of program " + setup.catalogs().program().id()
          + " (or of another definition of it), not of the engine's program " + program.id());
    }
    this.catalogs = setup.catalogs();
    this.stock = stores.stock();
    this.codes = stores.codes();
    this.book = new RedemptionBook(stores.redemptions());
    RedemptionLedger redemptionLedger = new RedemptionLedger(ledger, program.accounts());
    this.checks = new RedemptionChecks(program, directory, performance, book, stock, codes, redemptionLedger,
        setup.organisationWallet());
    this.steps = new RedemptionSteps(book, redemptionLedger, stock, codes, setup.fulfilment(), events, catalogs,
        requireNonNull(badges, "badges"));
  }

  @Override
  public CatalogVersions catalogs() {
    return catalogs;
  }

  @Override
  public Participant participant(ParticipantId participant) {
    return checks.participant(requireNonNull(participant, "participant"));
  }

  @Override
  public List<Offer> offers(ParticipantId participant) {
    Participant who = participant(participant);
    Instant now = clock.instant();
    LocalDate today = now.atZone(program.zone()).toLocalDate();
    List<Offer> offers = new ArrayList<>();
    for (Offer offer : catalogs.current().visibleTo(who, now)) {
      CatalogItem item = offer.item();
      boolean inStock = checks.stockLeft(item).orElse(1) > 0;
      boolean underLimits = item.limits().stream()
          .allMatch(limit -> checks.unitsRedeemed(participant, item.id(), limit, today) < limit.units());
      if (inStock && underLimits) {
        offers.add(offer);
      }
    }
    return List.copyOf(offers);
  }

  @Override
  public Redemption redeem(RedemptionRequest request) {
    requireNonNull(request, "request");
    PartnerId lock = book.find(request.id()).map(Redemption::partner)
        .orElseGet(() -> checks.partnerOf(request.wallet()));
    Redemption placed = completion.forPartner(lock, () -> {
      Optional<Redemption> before = book.find(request.id());
      if (before.isPresent()) {
        return replay(before.get(), request);
      }
      Catalog catalog = catalogs.current();
      Redemption filed = checks.admit(request, catalog, clock.instant());
      Optional<Redemption> raced = book.file(filed);
      if (raced.isPresent()) {
        return replay(raced.get(), request); // filed meanwhile by an engine on another instance
      }
      LOG.debug("redemption {} filed: {}", filed.id(), filed.history().get(0).note());
      // in one transaction, the host's port is asked in the next (see below)
      return completion.atomic() ? steps.finishUpToPort(filed) : steps.finish(filed);
    });
    // Placed and committed up to the host's fulfilment port (stock, codes and points reserved): the
    // port is asked in a transaction of its own, so no row lock waits for the host's system, and an
    // answer lost with a rolled-back transaction is asked for again by recover() or a repeated redeem.
    Redemption done = placed.pending().isEmpty() ? placed
        : completion.forPartner(lock, () -> steps.finish(book.get(request.id())));
    if (done.status() == RedemptionStatus.REFUSED) {
      throw RedemptionRefusedException.of(done);
    }
    return done;
  }

  private Redemption replay(Redemption before, RedemptionRequest request) {
    if (!before.request().equals(request)) {
      throw new DuplicateRedemptionException(before.request(), request);
    }
    return steps.finish(before);
  }

  @Override
  public Redemption fulfil(RedemptionId id, String reference) {
    Names.requireText(reference, "reference", Names.MAX_TEXT);
    return unlessExpired(change(id, r -> {
      if (r.status() == RedemptionStatus.FULFILLED && r.reference().equals(Optional.of(reference))) {
        return Optional.empty();
      }
      requireWaiting(r, Route.PORT, "be fulfilled by the host", "it is goods (ship or deliver it)");
      return Optional.of(expiredOr(r, new RedemptionAction.Fulfil(clock.instant(), reference)));
    }), "be fulfilled");
  }

  @Override
  public Redemption ship(RedemptionId id, Shipment shipment) {
    requireNonNull(shipment, "shipment");
    return unlessExpired(change(id, r -> {
      if (r.status() == RedemptionStatus.SHIPPED && r.shipment().equals(Optional.of(shipment))) {
        return Optional.empty();
      }
      requireWaiting(r, Route.SHIP, "be shipped", Route.of(r.terms()) == Route.COLLECT
          ? "its goods are collected, not shipped (deliver it when they are handed over)" : "it is not goods");
      return Optional.of(expiredOr(r, new RedemptionAction.Ship(clock.instant(), shipment)));
    }), "be shipped");
  }

  @Override
  public Redemption deliver(RedemptionId id) {
    return unlessExpired(change(id, r -> {
      if (r.status() == RedemptionStatus.DELIVERED) {
        return Optional.empty();
      }
      if (r.status() == RedemptionStatus.SHIPPED) {
        return Optional.of(new RedemptionAction.Deliver(clock.instant()));
      }
      if (r.status() != RedemptionStatus.ORDERED) {
        requireStatus(r, RedemptionStatus.SHIPPED, "be delivered");
      }
      requireWaiting(r, Route.COLLECT, "be delivered", Route.of(r.terms()) == Route.SHIP
          ? "it has not been shipped" : "it is not goods");
      return Optional.of(expiredOr(r, new RedemptionAction.Deliver(clock.instant())));
    }), "be delivered");
  }

  @Override
  public Redemption failDelivery(RedemptionId id, String reason) {
    Names.requireText(reason, "reason", StatusChange.MAX_NOTE);
    return change(id, r -> {
      if (r.status() == RedemptionStatus.DELIVERY_FAILED) {
        return Optional.empty();
      }
      requireStatus(r, RedemptionStatus.SHIPPED, "have its delivery failed");
      return Optional.of(new RedemptionAction.FailDelivery(clock.instant(), reason));
    });
  }

  @Override
  public Redemption cancel(RedemptionId id, String reason) {
    Names.requireText(reason, "reason", StatusChange.MAX_NOTE);
    return change(id, r -> {
      if (r.status() == RedemptionStatus.CANCELLED) {
        return Optional.empty();
      }
      requireStatus(r, RedemptionStatus.ORDERED, "be cancelled");
      return Optional.of(new RedemptionAction.Cancel(clock.instant(), reason));
    });
  }

  @Override
  public Redemption returnUnits(RedemptionId id, String reference, int units, String reason) {
    requireNonNull(reference, "reference");
    Names.requireText(reason, "reason", StatusChange.MAX_NOTE);
    if (units < 1) {
      throw new IllegalArgumentException("a return must bring back at least 1 unit, got " + units);
    }
    return change(id, r -> {
      Optional<Refund> before = r.refund(reference);
      if (before.isPresent()) {
        if (before.get().kind() == Refund.Kind.RETURN && before.get().units() == units) {
          return Optional.empty();
        }
        throw new RedemptionStateException(id, r.status(), "redemption " + id + " has a refund " + reference
            + " of " + before.get().units() + " units already; a return of " + units + " units needs another"
            + " reference");
      }
      requireStatus(r, RedemptionStatus.DELIVERED, "have units returned");
      int left = r.units() - r.returnedUnits();
      if (units > left) {
        throw new RedemptionStateException(id, r.status(), "redemption " + id + " has " + left + " of " + r.units()
            + " units left to return, not " + units);
      }
      int number = (int) r.refunds().stream().filter(f -> f.kind() == Refund.Kind.RETURN).count() + 1;
      return Optional.of(new RedemptionAction.Return(clock.instant(), reference, units, reason, number));
    });
  }

  @Override
  public List<Redemption> expireTimedOut() {
    TimeoutSweep sweep = ledger.voidTimedOutHolds();
    // A hold the sweep could not void is voided by the redemption's own expiry below, under its own key.
    sweep.failed().forEach((hold, why) -> LOG.warn("the ledger's timeout sweep could not void hold {}: {}", hold,
        why.getMessage()));
    Instant now = clock.instant();
    List<Redemption> expired = new ArrayList<>();
    for (Redemption r : book.unsettled()) {
      boolean due = r.status() == RedemptionStatus.ORDERED && r.pending().isEmpty()
          && !now.isBefore(r.holdTimeoutAt());
      boolean interrupted = r.pending().orElse(null) instanceof RedemptionAction.Expire;
      if (!due && !interrupted) {
        continue;
      }
      Redemption done = completion.forPartner(r.partner(), () -> {
        Redemption current = steps.finish(book.get(r.id()));
        if (current.status() != RedemptionStatus.ORDERED || now.isBefore(current.holdTimeoutAt())) {
          return current; // fulfilled or cancelled meanwhile
        }
        return steps.finish(book.save(current, current.filing(new RedemptionAction.Expire(now))));
      });
      if (done.status() == RedemptionStatus.EXPIRED) {
        expired.add(done);
      }
    }
    LOG.info("timeout sweep: the ledger released {} holds; {} redemptions expired", sweep.voided().size(),
        expired.size());
    return List.copyOf(expired);
  }

  @Override
  public Optional<Redemption> redemption(RedemptionId id) {
    return book.find(requireNonNull(id, "id"));
  }

  @Override
  public List<Redemption> redemptionsOf(ParticipantId wallet) {
    return book.ofWallet(requireNonNull(wallet, "wallet"));
  }

  @Override
  public StockLevel stock(CatalogItemId item) {
    Catalog current = catalogs.current();
    CatalogItem declared = current.item(requireNonNull(item, "item"))
        .orElseThrow(() -> new UnknownCatalogItemException(item, current.version()));
    StockCount count = stock.count(item);
    return new StockLevel(item, declared.stock(), count.reserved(), count.used());
  }

  @Override
  public int loadCodes(String pool, List<String> loaded) {
    int added = codes.load(pool, loaded);
    LOG.info("code pool {}: {} codes added, {} left", pool, added, codes.available(pool));
    return added;
  }

  @Override
  public long codesLeft(String pool) {
    return codes.available(pool);
  }

  @Override
  public RedemptionRecovery recover() {
    List<RedemptionId> finished = new ArrayList<>();
    Map<RedemptionId, String> unfinished = new LinkedHashMap<>();
    for (Redemption r : book.unsettled()) {
      if (r.pending().isEmpty()) {
        continue;
      }
      try {
        completion.forPartner(r.partner(), () -> steps.finish(book.get(r.id())));
        finished.add(r.id());
      } catch (RuntimeException failure) {
        LOG.warn("recovery could not finish redemption {}; the next recovery tries again", r.id(), failure);
        unfinished.put(r.id(), failure.getMessage() != null ? failure.getMessage() : failure.toString());
      }
    }
    return new RedemptionRecovery(finished, unfinished);
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Runs the change {@code decide} files for redemption {@code id} (after finishing one a crash
   * interrupted); {@code decide} returns empty when the change was made before (a repeated call),
   * or refuses.
   */
  private Redemption change(RedemptionId id, Function<Redemption, Optional<RedemptionAction>> decide) {
    Redemption found = book.find(requireNonNull(id, "id")).orElseThrow(() -> new UnknownRedemptionException(id));
    return completion.forPartner(found.partner(), () -> {
      Redemption current = steps.finish(book.get(id));
      Optional<RedemptionAction> action = decide.apply(current);
      return action.isEmpty() ? current : steps.finish(book.save(current, current.filing(action.get())));
    });
  }

  /**
   * {@code r}, unless the change that was asked for found its hold timed out and expired it instead.
   *
   * @throws RedemptionStateException if it expired
   */
  private static Redemption unlessExpired(Redemption r, String asked) {
    if (r.status() == RedemptionStatus.EXPIRED) {
      throw new RedemptionStateException(r.id(), r.status(), "redemption " + r.id() + " cannot " + asked
          + ": it expired, as its points were held until " + r.holdTimeoutAt() + " and it was not fulfilled by then;"
          + " they are released");
    }
    return r;
  }

  /** {@code action}, or an expiry when the redemption's hold has timed out by now. */
  private RedemptionAction expiredOr(Redemption r, RedemptionAction action) {
    return action.at().isBefore(r.holdTimeoutAt()) ? action : new RedemptionAction.Expire(action.at());
  }

  /** Refuses unless {@code r} is ordered and goes by {@code route}. */
  private static void requireWaiting(Redemption r, Route route, String asked, String otherwise) {
    requireStatus(r, RedemptionStatus.ORDERED, asked);
    if (Route.of(r.terms()) != route) {
      throw new RedemptionStateException(r.id(), r.status(), "redemption " + r.id() + " of " + r.item()
          + " cannot " + asked + ": " + otherwise);
    }
  }

  private static void requireStatus(Redemption r, RedemptionStatus needed, String asked) {
    if (r.status() != needed) {
      throw new RedemptionStateException(r.id(), r.status(), "redemption " + r.id() + " cannot " + asked + ": it is "
          + r.status() + ", and only a redemption that is " + needed + " can");
    }
  }
}
