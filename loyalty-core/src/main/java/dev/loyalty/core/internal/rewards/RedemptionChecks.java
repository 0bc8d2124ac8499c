package dev.loyalty.core.internal.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.UnknownMemberException;
import dev.loyalty.core.UnknownPartnerException;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.spi.PerformanceStore;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rewards.Catalog;
import dev.loyalty.core.rewards.CatalogItem;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.InsufficientPointsException;
import dev.loyalty.core.rewards.ItemNotAvailableException;
import dev.loyalty.core.rewards.NoCodeAvailableException;
import dev.loyalty.core.rewards.OutOfStockException;
import dev.loyalty.core.rewards.Participant;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rewards.RedemptionLimit;
import dev.loyalty.core.rewards.RedemptionLimitException;
import dev.loyalty.core.rewards.RedemptionPermission;
import dev.loyalty.core.rewards.RedemptionRequest;
import dev.loyalty.core.rewards.Stock;
import dev.loyalty.core.rewards.UnknownCatalogItemException;
import dev.loyalty.core.rewards.Visibility;
import dev.loyalty.core.spi.CodePoolStore;
import dev.loyalty.core.spi.StockStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything a redemption must pass before anything is written, each refusal typed and changing
 * nothing: who redeems from which wallet (and with what permission), whether the participant may
 * redeem the item now, its per-participant limits, and whether the stock, the codes and the points
 * are there. Stock, codes and points are checked again, atomically, when the redemption is placed:
 * what another redemption takes in between is found there. Thread-safe.
 */
final class RedemptionChecks {
  private final Program program;
  private final PartnerDirectory directory;
  private final PerformanceStore performance;
  private final RedemptionBook book;
  private final StockStore stock;
  private final CodePoolStore codes;
  private final RedemptionLedger ledger;
  private final RedemptionPermission organisationWallet;

  RedemptionChecks(Program program, PartnerDirectory directory, PerformanceStore performance, RedemptionBook book,
      StockStore stock, CodePoolStore codes, RedemptionLedger ledger, RedemptionPermission organisationWallet) {
    this.program = requireNonNull(program, "program");
    this.directory = requireNonNull(directory, "directory");
    this.performance = requireNonNull(performance, "performance");
    this.book = requireNonNull(book, "book");
    this.stock = requireNonNull(stock, "stock");
    this.codes = requireNonNull(codes, "codes");
    this.ledger = requireNonNull(ledger, "ledger");
    this.organisationWallet = requireNonNull(organisationWallet, "organisationWallet");
  }

  /** The partner whose lock orders the changes of {@code wallet}'s redemptions. */
  PartnerId partnerOf(ParticipantId wallet) {
    return wallet instanceof PartnerId partner ? partner : member((MemberId) wallet, "").partner();
  }

  /** {@code id} as the catalog judges it now: partner or member, with its tier and locale. */
  Participant participant(ParticipantId id) {
    if (id instanceof MemberId memberId) {
      Member member = member(memberId, "");
      return Participant.member(member, partner(member.partner(), ""), performance.standing(memberId).tier());
    }
    PartnerId partnerId = (PartnerId) id;
    return Participant.partner(partner(partnerId, ""), performance.standing(partnerId).tier());
  }

  /**
   * Checks {@code request} against {@code catalog} at {@code now} and returns the redemption to file.
   *
   * @throws dev.loyalty.core.LoyaltyException the refusal of the first check that fails
   */
  Redemption admit(RedemptionRequest request, Catalog catalog, Instant now) {
    RedemptionId id = request.id();
    String context = "redemption " + id + ": ";
    Member redeemer = member(request.redeemer(), context);
    Partner partner = partner(redeemer.partner(), context);
    if (request.wallet() instanceof PartnerId organisation && !organisation.equals(partner.id())) {
      throw new UnknownMemberException(context + "member " + redeemer.id() + " works for partner " + partner.id()
          + ", not for " + organisation + ", and cannot redeem from its wallet");
    }
    CatalogItem listed = catalog.item(request.item()).orElseThrow(() -> new UnknownCatalogItemException(
        request.item(), catalog.version()));
    long points = cost(request, listed);
    if (request.fromOrganisationWallet()) {
      organisationWallet.require(redeemer, partner, points, id, request.item());
    }
    Participant participant = request.fromOrganisationWallet()
        ? Participant.partner(partner, performance.standing(partner.id()).tier()).inLocale(redeemer.locale())
        : Participant.member(redeemer, partner, performance.standing(redeemer.id()).tier());
    Visibility visibility = catalog.visibility(request.item(), participant, now);
    if (visibility instanceof Visibility.Hidden hidden) {
      throw new ItemNotAvailableException(id, hidden);
    }
    CatalogItem terms = ((Visibility.Visible) visibility).offer().item();
    LocalDate today = now.atZone(program.zone()).toLocalDate();
    for (RedemptionLimit limit : terms.limits()) {
      long already = unitsRedeemed(request.wallet(), terms.id(), limit, today);
      if (already + request.units() > limit.units()) {
        throw new RedemptionLimitException(id, terms.id(), limit, already, request.units(),
            limit.period().spanContaining(today));
      }
    }
    OptionalLong left = stockLeft(terms);
    if (left.isPresent() && left.getAsLong() < request.units()) {
      throw new OutOfStockException(id, terms.id(), context + "refused: " + Shortages.stock(terms.id(),
          left.getAsLong(), request.units()));
    }
    Optional<String> pool = Route.pool(terms);
    if (pool.isPresent() && codes.available(pool.get()) < request.units()) {
      throw new NoCodeAvailableException(id, terms.id(), context + "refused: " + Shortages.codes(pool.get(),
          terms.id(), codes.available(pool.get()), request.units()));
    }
    long available = ledger.available(request.wallet());
    if (available < points) {
      throw new InsufficientPointsException(id, terms.id(), context + "refused: " + Shortages.points(
          program.accounts().wallet(request.wallet()), available, points, request.units(), terms.id()));
    }
    return Redemption.requested(request, partner.id(), catalog.version(), terms, now,
        program.redemptionHoldTimeoutAt(now));
  }

  /** The units of {@code item} {@code wallet} redeemed (and kept) in the period of {@code limit} around {@code today}. */
  long unitsRedeemed(ParticipantId wallet, CatalogItemId item, RedemptionLimit limit, LocalDate today) {
    var span = limit.period().spanContaining(today);
    long units = 0;
    for (Redemption r : book.ofWallet(wallet, item)) {
      if (span.contains(r.requestedAt().atZone(program.zone()).toLocalDate())) {
        units += r.unitsKept();
      }
    }
    return units;
  }

  /** Units of {@code terms} left in stock by the catalog it comes from; empty when unlimited. */
  OptionalLong stockLeft(CatalogItem terms) {
    if (terms.stock() instanceof Stock.Limited limited) {
      return OptionalLong.of(Math.max(0, limited.units() - stock.count(terms.id()).taken()));
    }
    return OptionalLong.empty();
  }

  private static long cost(RedemptionRequest request, CatalogItem item) {
    try {
      return Math.multiplyExact(item.points(), (long) request.units());
    } catch (ArithmeticException e) {
      throw new InsufficientPointsException(request.id(), item.id(), "redemption " + request.id() + " refused: "
          + request.units() + " x " + item.id() + " at " + item.points() + " points costs more points than a wallet"
          + " can hold");
    }
  }

  private Member member(MemberId id, String context) {
    return directory.member(id).orElseThrow(() -> new UnknownMemberException(context + "member " + id
        + " is not enrolled"));
  }

  private Partner partner(PartnerId id, String context) {
    return directory.partner(id).orElseThrow(() -> new UnknownPartnerException(context + "partner " + id
        + " is not enrolled"));
  }
}
