package dev.loyalty.core.internal.period;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.PeriodCloseReport;
import dev.loyalty.core.TierChange;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.internal.Events;
import dev.loyalty.core.internal.ParticipantFigures;
import dev.loyalty.core.internal.PartnerWork;
import dev.loyalty.core.internal.TierKeeper;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.spi.PerformanceStore;
import dev.loyalty.ledger.ExpiringPoints;
import dev.loyalty.ledger.ExpiryRequest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The period-close capability: at a review instant, reviews every tier (as of that instant), runs
 * the ledger's expiry of lots due by it, and notices points expiring soon. Every part is idempotent
 * for the same instant; the close ends with a {@link LoyaltyEvent.PeriodClosed} event whose id is
 * the instant's, and the outbox's answer to it (new, or known already) tells a first close from a
 * repeated one, so each report says only what its own call changed. Thread-safe.
 */
public final class PeriodClose {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodClose.class);

  private final Program program;
  private final Ledger ledger;
  private final PerformanceStore performance;
  private final ParticipantFigures figures;
  private final TierKeeper tiers;
  private final PartnerWork work;
  private final Events events;
  private final Duration expiryNotice;

  /** Closes periods of {@code program}, warning {@code expiryNotice} ahead of expiry. */
  public PeriodClose(Program program, Ledger ledger, PerformanceStore performance, ParticipantFigures figures,
      TierKeeper tiers, PartnerWork work, Events events, Duration expiryNotice) {
    this.program = requireNonNull(program, "program");
    this.ledger = requireNonNull(ledger, "ledger");
    this.performance = requireNonNull(performance, "performance");
    this.figures = requireNonNull(figures, "figures");
    this.tiers = requireNonNull(tiers, "tiers");
    this.work = requireNonNull(work, "work");
    this.events = requireNonNull(events, "events");
    this.expiryNotice = requireNonNull(expiryNotice, "expiryNotice");
  }

  /** Closes the period at {@code at}; see {@code LoyaltyEngine.closePeriod}. */
  public PeriodCloseReport close(Instant at) {
    requireNonNull(at, "at");
    List<TierChange> changes = new ArrayList<>();
    List<ParticipantId> nowShort = new ArrayList<>();
    for (ParticipantId p : performance.participants()) {
      Optional<PartnerId> partner = figures.partnerOf(p);
      if (partner.isEmpty()) {
        LOG.warn("tier review skips {} {}: no longer in the directory", p.kind(), p.value());
        continue;
      }
      // the work may run again (a retried transaction): it reports its changes only when it returns
      Map.Entry<TierKeeper.Review, List<TierChange>> reviewed = work.forPartner(partner.get(), () -> {
        List<TierChange> mine = new ArrayList<>();
        return Map.entry(tiers.review(p, at, mine), mine);
      });
      changes.addAll(reviewed.getValue());
      if (reviewed.getKey() == TierKeeper.Review.NOW_SHORT) {
        nowShort.add(p);
      }
    }
    long expired = ledger.expire(ExpiryRequest.of(IdempotencyKey.of(program.accounts().prefix() + ":expiry:" + at),
        program.accounts().breakage(), at)).map(t -> t.amountFor(program.accounts().breakage())).orElse(0L);
    LocalDate day = at.atZone(program.zone()).toLocalDate();
    List<LoyaltyEvent> toAppend = new ArrayList<>();
    for (ExpiringPoints e : ledger.expiringBy(at.plus(expiryNotice))) {
      program.accounts().walletOwner(e.account()).ifPresent(owner -> toAppend.add(new LoyaltyEvent.PointsExpiringSoon(
          "expiring:" + owner.kind() + ":" + owner.value() + ":" + day, at, owner, e.points(), e.earliest())));
    }
    LoyaltyEvent.PeriodClosed closed = new LoyaltyEvent.PeriodClosed("closed:" + at, at, expired, changes.size(),
        nowShort.size());
    toAppend.add(closed);
    List<LoyaltyEvent> appended = events.append(toAppend);
    boolean replay = !appended.contains(closed);
    List<LoyaltyEvent.PointsExpiringSoon> notices = appended.stream()
        .filter(LoyaltyEvent.PointsExpiringSoon.class::isInstance).map(LoyaltyEvent.PointsExpiringSoon.class::cast)
        .toList();
    events.deliverQuietly();
    if (replay) {
      LOG.info("period close at {} was done before; this call changed {} tiers", at, changes.size());
    }
    // A repeated close's expiry run is the ledger's replay of the first: it moved nothing now.
    return new PeriodCloseReport(at, replay, changes, nowShort, replay ? 0 : expired, notices);
  }
}
