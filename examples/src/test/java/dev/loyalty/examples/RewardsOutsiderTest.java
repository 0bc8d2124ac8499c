package dev.loyalty.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.UnknownMemberException;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramLoader;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.CatalogLoader;
import dev.loyalty.core.rewards.CatalogVersions;
import dev.loyalty.core.rewards.DuplicateRedemptionException;
import dev.loyalty.core.rewards.InsufficientPointsException;
import dev.loyalty.core.rewards.NoCodeAvailableException;
import dev.loyalty.core.rewards.OutOfStockException;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rewards.RedemptionLimitException;
import dev.loyalty.core.rewards.RedemptionNotPermittedException;
import dev.loyalty.core.rewards.RedemptionRequest;
import dev.loyalty.core.rewards.RedemptionStateException;
import dev.loyalty.core.rewards.RedemptionStatus;
import dev.loyalty.core.rewards.Rewards;
import dev.loyalty.core.rewards.RewardsSetup;
import dev.loyalty.core.rewards.Shipment;
import dev.loyalty.core.rewards.StockLevel;
import dev.loyalty.core.rewards.UnknownCatalogItemException;
import dev.loyalty.core.rewards.UnknownRedemptionException;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.ledger.Balance;
import dev.loyalty.ledger.spi.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A partner portal's rewards shop, written from README.md and docs/REWARDS.md alone, through the
 * public API only, in memory: members spending their own and their organisation's points on goods
 * that ship, goods that are collected, vouchers from a code pool and cashback the host pays out;
 * and every wrong move a portal or a warehouse can make (the same order twice with other content, a
 * limit passed, the last unit, an empty pool, points not there, a redeemer who may not spend the
 * dealer's points, shipping what is collected, cancelling what shipped, delivering twice, returning
 * more than was delivered, an RMA number reused, fulfilling after the hold timed out): each refused
 * with its documented exception, changing nothing: wallets, stock, codes and the redemption.
 */
class RewardsOutsiderTest {
  private static final Currency INR = Currency.getInstance("INR");
  private static final PartnerId SHARMA = PartnerId.of("sharma");
  private static final PartnerId GUPTA = PartnerId.of("gupta");
  private static final MemberId ANITA = MemberId.of("anita");   // sharma's owner
  private static final MemberId RAVI = MemberId.of("ravi");     // sharma's rep
  private static final MemberId OMAR = MemberId.of("omar");     // gupta's rep

  private static final String CATALOG = """
      { "program": "acme", "version": "2026-07", "defaultLocale": "en-IN",
        "items": [
          { "id": "WATCH", "kind": "merchandise", "points": 1200, "stock": 2, "shipping": true,
            "limits": [ { "units": 1, "per": "year" } ], "texts": { "en-IN": { "name": "Smartwatch" } } },
          { "id": "TOOLKIT", "kind": "merchandise", "points": 500, "shipping": false,
            "texts": { "en-IN": { "name": "Toolkit, at the distributor's counter" } } },
          { "id": "VOUCHER", "kind": "e-voucher", "points": 200, "codes": { "pool": "vouchers" },
            "texts": { "en-IN": { "name": "Voucher" } } },
          { "id": "CASHBACK", "kind": "cashback", "points": 400,
            "texts": { "en": { "name": "Cashback" } } } ] }
      """;


  private final TestClock clock = new TestClock(Instant.parse("2026-08-10T06:00:00Z"));
  private LoyaltyEngine engine;
  private Rewards rewards;

  @BeforeEach
  void openTheShop() {
    Program program = ProgramLoader.fromJson(AcmeChannel.PROGRAM);
    LocalDate enrolled = LocalDate.of(2026, 1, 1);
    engine = LoyaltyEngine.builder(program, AcmeChannel.RULES)
        .directory(PartnerDirectory.inMemory()
            .put(Partner.of(SHARMA, "Sharma Electricals", PartnerType.DEALER, "north", "IN", INR, enrolled))
            .put(Partner.of(GUPTA, "Gupta Traders", PartnerType.DEALER, "north", "IN", INR, enrolled))
            .put(Member.of(ANITA, SHARMA, "Anita Sharma", MemberRole.OWNER, Locale.forLanguageTag("en-IN"), enrolled))
            .put(Member.of(RAVI, SHARMA, "Ravi Kumar", MemberRole.SALES_REP, Locale.forLanguageTag("en-IN"), enrolled))
            .put(Member.of(OMAR, GUPTA, "Omar Khan", MemberRole.SALES_REP, Locale.forLanguageTag("en-IN"), enrolled)))
        .rewards(RewardsSetup.of(CatalogVersions.inMemory(CatalogLoader.fromJson(CATALOG, program))))
        .clock(clock)
        .build();
    rewards = engine.rewards();
    // Ravi sells 100,000 INR: 10,000 points, 7,000 to Sharma and 3,000 to Ravi.
    engine.record(new Sale(ActivityHeader.of("INV-1", "sharma", "ravi", Instant.parse("2026-08-01T06:00:00Z")), INR,
        List.of(InvoiceLine.of("CAB-25", "cables", 100, "1000"))));
    assertThat(engine.balance(RAVI).available()).isEqualTo(3_000);
    assertThat(engine.balance(SHARMA).available()).isEqualTo(7_000);
  }

  private static RedemptionRequest byRavi(String id, String item) {
    return RedemptionRequest.byMember(RedemptionId.of(id), RAVI, CatalogItemId.of(item));
  }

  /** Everything a refusal must leave as it was. */
  private record Shop(Balance ravi, Balance sharma, Balance omar, StockLevel watches, long codes,
      List<Optional<Redemption>> redemptions) {
  }

  private Shop shop(String... redemptions) {
    List<Optional<Redemption>> seen = new ArrayList<>();
    for (String id : redemptions) {
      seen.add(rewards.redemption(RedemptionId.of(id)));
    }
    return new Shop(engine.balance(RAVI), engine.balance(SHARMA), engine.balance(OMAR),
        rewards.stock(CatalogItemId.of("WATCH")), rewards.codesLeft("vouchers"), seen);
  }

  private <T extends Throwable> T refused(Class<T> type, Executable action, String... redemptions) {
    Shop before = shop(redemptions);
    T thrown = org.junit.jupiter.api.Assertions.assertThrows(type, action);
    assertThat(thrown).isInstanceOf(LoyaltyException.class);
    assertThat(thrown.getMessage()).isNotBlank();
    assertThat(shop(redemptions)).isEqualTo(before);
    return thrown;
  }

  @Test
  void goodsThatShipArePaidWhenTheyShipAndEveryMoveOutOfOrderIsRefused() {
    Redemption ordered = rewards.redeem(byRavi("ORD-1", "WATCH"));
    assertThat(ordered.status()).isEqualTo(RedemptionStatus.ORDERED);
    assertThat(engine.balance(RAVI).pendingDebits()).isEqualTo(1_200);
    assertThat(engine.balance(RAVI).available()).isEqualTo(1_800);
    assertThat(rewards.stock(CatalogItemId.of("WATCH")).reserved()).isEqualTo(1);

    // The same order again is the same order; other content under its number is a duplicate.
    assertThat(rewards.redeem(byRavi("ORD-1", "WATCH"))).isEqualTo(ordered);
    refused(DuplicateRedemptionException.class, () -> rewards.redeem(byRavi("ORD-1", "TOOLKIT")), "ORD-1");
    // A second watch this year passes the item's limit (1 per year).
    refused(RedemptionLimitException.class, () -> rewards.redeem(byRavi("ORD-2", "WATCH")), "ORD-2");
    // Moves that do not fit an order not shipped yet.
    refused(RedemptionStateException.class, () -> rewards.returnUnits(ordered.id(), "RMA-1", 1, "broken"), "ORD-1");
    refused(RedemptionStateException.class, () -> rewards.failDelivery(ordered.id(), "lost"), "ORD-1");
    refused(RedemptionStateException.class, () -> rewards.fulfil(ordered.id(), "REF-1"), "ORD-1");
    refused(UnknownRedemptionException.class, () -> rewards.ship(RedemptionId.of("ORD-404"), Shipment.of("DTDC", "X")));

    Redemption shipped = rewards.ship(ordered.id(), Shipment.of("Blue Dart", "BD123456789IN"));
    assertThat(shipped.status()).isEqualTo(RedemptionStatus.SHIPPED);
    assertThat(engine.balance(RAVI).posted()).isEqualTo(1_800);
    assertThat(engine.balance(RAVI).pendingDebits()).isZero();
    assertThat(rewards.ship(ordered.id(), Shipment.of("Blue Dart", "BD123456789IN"))).isEqualTo(shipped);
    refused(RedemptionStateException.class, () -> rewards.ship(ordered.id(), Shipment.of("DTDC", "D1")), "ORD-1");
    refused(RedemptionStateException.class, () -> rewards.cancel(ordered.id(), "changed my mind"), "ORD-1");

    Redemption delivered = rewards.deliver(ordered.id());
    assertThat(delivered.status()).isEqualTo(RedemptionStatus.DELIVERED);
    assertThat(rewards.deliver(ordered.id())).isEqualTo(delivered);
    refused(RedemptionStateException.class, () -> rewards.failDelivery(ordered.id(), "lost"), "ORD-1");
    refused(RedemptionStateException.class, () -> rewards.returnUnits(ordered.id(), "RMA-1", 2, "both broken"),
        "ORD-1");

    Redemption returned = rewards.returnUnits(ordered.id(), "RMA-1", 1, "broken on arrival");
    assertThat(returned.status()).isEqualTo(RedemptionStatus.RETURNED);
    assertThat(engine.balance(RAVI).posted()).isEqualTo(3_000);
    assertThat(rewards.returnUnits(ordered.id(), "RMA-1", 1, "broken on arrival")).isEqualTo(returned);
    refused(RedemptionStateException.class, () -> rewards.returnUnits(ordered.id(), "RMA-2", 1, "again"), "ORD-1");
    // Returned units are not restocked.
    assertThat(rewards.stock(CatalogItemId.of("WATCH")).left()).hasValue(1);
  }

  @Test
  void theLastUnitThePoolAndTheWalletRunOutWithTypedRefusals() {
    // Sharma's owner takes the last-but-one watch for the dealer; Ravi the last; then none is left.
    Redemption forDealer = rewards.redeem(RedemptionRequest.fromOrganisation(RedemptionId.of("ORD-10"), SHARMA, ANITA,
        CatalogItemId.of("WATCH")));
    assertThat(forDealer.status()).isEqualTo(RedemptionStatus.ORDERED);
    assertThat(engine.balance(SHARMA).pendingDebits()).isEqualTo(1_200);
    rewards.redeem(byRavi("ORD-11", "WATCH"));
    assertThat(rewards.stock(CatalogItemId.of("WATCH")).left()).hasValue(0);
    refused(OutOfStockException.class, () -> rewards.redeem(RedemptionRequest.byMember(RedemptionId.of("ORD-12"),
        OMAR, CatalogItemId.of("WATCH"))), "ORD-12");
    // A cancelled order gives its unit back: now Omar has no points for it.
    rewards.cancel(forDealer.id(), "the dealer changed its mind");
    assertThat(engine.balance(SHARMA).available()).isEqualTo(7_000);
    refused(InsufficientPointsException.class, () -> rewards.redeem(RedemptionRequest.byMember(
        RedemptionId.of("ORD-12"), OMAR, CatalogItemId.of("WATCH"))), "ORD-12");

    // A rep may not spend the dealer's points, nor another dealer's rep; items must exist.
    refused(RedemptionNotPermittedException.class, () -> rewards.redeem(RedemptionRequest.fromOrganisation(
        RedemptionId.of("ORD-13"), SHARMA, RAVI, CatalogItemId.of("TOOLKIT"))), "ORD-13");
    refused(UnknownMemberException.class, () -> rewards.redeem(RedemptionRequest.fromOrganisation(
        RedemptionId.of("ORD-13"), SHARMA, OMAR, CatalogItemId.of("TOOLKIT"))), "ORD-13");
    refused(UnknownCatalogItemException.class, () -> rewards.redeem(byRavi("ORD-13", "YACHT")), "ORD-13");
    refused(LoyaltyException.class, () -> rewards.redeem(byRavi("ORD-13", "TOOLKIT").withUnits(7)), "ORD-13");

    // Vouchers: an empty pool refuses at once; codes load once; each code goes to one redemption.
    refused(NoCodeAvailableException.class, () -> rewards.redeem(byRavi("ORD-14", "VOUCHER")), "ORD-14");
    assertThat(rewards.loadCodes("vouchers", List.of("V-1", "V-2"))).isEqualTo(2);
    assertThat(rewards.loadCodes("vouchers", List.of("V-1", "V-2"))).isZero();
    Redemption voucher = rewards.redeem(byRavi("ORD-15", "VOUCHER"));
    assertThat(voucher.status()).isEqualTo(RedemptionStatus.FULFILLED);
    assertThat(voucher.codes()).hasSize(1);
    refused(NoCodeAvailableException.class, () -> rewards.redeem(byRavi("ORD-16", "VOUCHER").withUnits(2)), "ORD-16");
    Redemption other = rewards.redeem(byRavi("ORD-17", "VOUCHER"));
    assertThat(other.codes()).doesNotContainAnyElementsOf(voucher.codes());
    assertThat(rewards.codesLeft("vouchers")).isZero();
  }

  @Test
  void collectedGoodsAndCashbackTheHostConfirmsAndAnOrderThatWaitedTooLongExpires() {
    Redemption toolkit = rewards.redeem(byRavi("ORD-20", "TOOLKIT"));
    assertThat(toolkit.status()).isEqualTo(RedemptionStatus.ORDERED);
    refused(RedemptionStateException.class, () -> rewards.ship(toolkit.id(), Shipment.of("DTDC", "D1")), "ORD-20");
    assertThat(rewards.deliver(toolkit.id()).status()).isEqualTo(RedemptionStatus.DELIVERED);

    Redemption cashback = rewards.redeem(byRavi("ORD-21", "CASHBACK"));
    assertThat(cashback.status()).isEqualTo(RedemptionStatus.ORDERED);   // the manual port: the host confirms
    Redemption paid = rewards.fulfil(cashback.id(), "NEFT-881");
    assertThat(paid.status()).isEqualTo(RedemptionStatus.FULFILLED);
    assertThat(rewards.fulfil(cashback.id(), "NEFT-881")).isEqualTo(paid);
    refused(RedemptionStateException.class, () -> rewards.fulfil(cashback.id(), "NEFT-999"), "ORD-21");
    assertThat(engine.balance(RAVI).posted()).isEqualTo(3_000 - 500 - 400);

    // An order nobody fulfils within the program's 30 days expires; fulfilling it after is refused.
    Redemption late = rewards.redeem(byRavi("ORD-22", "CASHBACK"));
    assertThat(rewards.expireTimedOut()).isEmpty();
    clock.advance(Duration.ofDays(31));
    assertThat(rewards.expireTimedOut()).extracting(Redemption::id).containsExactly(late.id());
    assertThat(rewards.expireTimedOut()).isEmpty();
    assertThat(rewards.redemption(late.id()).orElseThrow().status()).isEqualTo(RedemptionStatus.EXPIRED);
    assertThat(engine.balance(RAVI).available()).isEqualTo(3_000 - 500 - 400);
    refused(RedemptionStateException.class, () -> rewards.fulfil(late.id(), "NEFT-1000"), "ORD-22");
  }
}
