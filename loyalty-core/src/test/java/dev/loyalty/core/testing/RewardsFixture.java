package dev.loyalty.core.testing;

import dev.loyalty.core.spi.ActivityJournal;
import dev.loyalty.core.spi.BadgeStore;
import dev.loyalty.core.spi.InMemoryPartnerDirectory;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.jdbc.PostgresStores;
import dev.loyalty.core.spi.EventOutbox;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.spi.StoredEvent;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.spi.PerformanceStore;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rewards.CatalogItemId;
import dev.loyalty.core.rewards.CatalogLoader;
import dev.loyalty.core.rewards.CatalogVersions;
import dev.loyalty.core.rewards.FulfilmentOrder;
import dev.loyalty.core.rewards.FulfilmentPort;
import dev.loyalty.core.rewards.FulfilmentResult;
import dev.loyalty.core.rewards.Redemption;
import dev.loyalty.core.rewards.RedemptionId;
import dev.loyalty.core.rewards.RedemptionRequest;
import dev.loyalty.core.rewards.Rewards;
import dev.loyalty.core.rewards.RewardsSetup;
import dev.loyalty.core.spi.CodePoolStore;
import dev.loyalty.core.spi.RedemptionStore;
import dev.loyalty.core.spi.StockStore;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Balance;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.Transaction;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.memory.InMemoryLedgerStore;
import dev.loyalty.ledger.spi.LedgerStore;
import dev.loyalty.ledger.spi.TestClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The channel of {@link ChannelFixture} (a distributor, three northern dealers, each with an
 * owner, two reps and a technician) on its program with a 7-day redemption hold timeout, a catalog
 * of every way a reward is fulfilled, and an engine that redeems, in memory or ({@link #onPostgres})
 * with every store in one PostgreSQL database. Every store outlives the engine, so {@link
 * #restart()} is a new process on the same data; in memory, with {@link #faults} every write of the
 * ledger, redemption, stock, code-pool and outbox stores can be made to crash.
 */
public final class RewardsFixture {
  public static final Instant T0 = LocalDateTime.parse("2026-07-02T10:00").atZone(ChannelFixture.ZONE).toInstant();
  public static final PartnerId DEALER = ChannelFixture.DEALERS.get(0);
  public static final String POOL = "amazon-500";
  public static final CatalogItemId WATCH = CatalogItemId.of("WATCH");
  public static final CatalogItemId MUG = CatalogItemId.of("MUG");
  public static final CatalogItemId VOUCHER = CatalogItemId.of("VOUCHER");
  public static final CatalogItemId GIFT_CARD = CatalogItemId.of("GIFTCARD");
  public static final CatalogItemId CASHBACK = CatalogItemId.of("CASHBACK");
  public static final CatalogItemId MEET = CatalogItemId.of("MEET");
  public static final CatalogItemId SEAT = CatalogItemId.of("SEAT");
  public static final CatalogItemId OLD = CatalogItemId.of("OLD");
  public static final CatalogItemId SOLD_OUT = CatalogItemId.of("SOLDOUT");

  /** The catalog, version v1: shipped goods (5 in stock, 2 a month each), collected goods, pool codes, a provider's codes, cashback, a partners-only gold meet (2 places), a technicians' course, an expired item, a sold-out one. */
  public static final String CATALOG = """
      { "program": "acme-2026", "version": "v1", "defaultLocale": "en-IN",
        "items": [
          { "id": "WATCH", "kind": "merchandise", "points": 1000, "texts": { "en": { "name": "Smartwatch" } },
            "limits": [ { "units": 2, "per": "month" } ], "stock": 5, "sku": "SW-1" },
          { "id": "MUG", "kind": "merchandise", "points": 200, "texts": { "en": { "name": "Mug" } }, "shipping": false },
          { "id": "VOUCHER", "kind": "e-voucher", "points": 500, "texts": { "en": { "name": "Voucher" } },
            "limits": [ { "units": 3, "per": "month" } ], "codes": { "pool": "amazon-500" } },
          { "id": "GIFTCARD", "kind": "gift-card", "points": 800, "texts": { "en": { "name": "Fuel card" } },
            "codes": { "provider": "fuel-api" } },
          { "id": "CASHBACK", "kind": "cashback", "points": 400, "texts": { "en": { "name": "Cashback" } } },
          { "id": "MEET", "kind": "experience", "points": 5000, "texts": { "en": { "name": "Dealer meet" } },
            "eligibility": { "audience": "partners", "minTier": "gold" }, "stock": 2 },
          { "id": "SEAT", "kind": "training-seat", "points": 300, "texts": { "en": { "name": "Installer course" } },
            "eligibility": { "roles": ["technician"] }, "course": "installer" },
          { "id": "OLD", "kind": "merchandise", "points": 100, "texts": { "en": { "name": "Old cap" } },
            "validUntil": "2026-06-30" },
          { "id": "SOLDOUT", "kind": "merchandise", "points": 100, "texts": { "en": { "name": "Sold out" } },
            "stock": 0 }
        ] }
      """;

  public final TestClock clock;
  public final Faults faults = new Faults();
  public final Program program;
  public final InMemoryPartnerDirectory directory = PartnerDirectory.inMemory();
  public final Ledger ledger;
  public final ActivityJournal journal;
  public final PerformanceStore performance;
  public final EventOutbox outbox;
  public final RedemptionStore redemptions;
  public final StockStore stock;
  public final CodePoolStore codes;
  public final CatalogVersions catalogs;
  public final BadgeStore badges;
  public final List<LoyaltyEvent> delivered = Collections.synchronizedList(new ArrayList<>());
  /** What the fulfilment port answers; by default a provider's code at once, pending for the rest. */
  public volatile Function<FulfilmentOrder, FulfilmentResult> port = order -> order.provider().isPresent()
      ? FulfilmentResult.done("FUEL-" + order.redemption()) : FulfilmentResult.pending();
  public final AtomicInteger portCalls = new AtomicInteger();
  /** The database every store is in; empty for the fixture in memory. */
  private final Optional<DataSource> database;
  public LoyaltyEngine engine;
  private int keys;

  /** The fixture at {@link #T0}. */
  public RewardsFixture() {
    this(T0);
  }

  /** The fixture at {@code start}. */
  public RewardsFixture(Instant start) {
    clock = new TestClock(start);
    program = program();
    database = Optional.empty();
    LedgerStore ledgerStore = faults.wrap(LedgerStore.class, new InMemoryLedgerStore(), Set.of("write", "writeEach"));
    ledger = Ledger.using(ledgerStore, clock);
    journal = ActivityJournal.inMemory();
    performance = PerformanceStore.inMemory();
    outbox = faults.wrap(EventOutbox.class, EventOutbox.inMemory(), Set.of("append"));
    redemptions = faults.wrap(RedemptionStore.class, RedemptionStore.inMemory(), Set.of("insertIfAbsent", "replace"));
    stock = faults.wrap(StockStore.class, StockStore.inMemory(), Set.of("reserve", "take", "release"));
    codes = faults.wrap(CodePoolStore.class, CodePoolStore.inMemory(), Set.of("claim", "release"));
    catalogs = CatalogVersions.inMemory(CatalogLoader.fromJson(CATALOG, program));
    badges = BadgeStore.inMemory();
    enrol();
    engine = build();
  }

  /**
   * The fixture at {@link #T0} with every store in the PostgreSQL database of {@code dataSource}
   * (migrated and empty), the catalog's versions too: the engine is built with {@code
   * postgres(dataSource)} and rewards that name no store, so each change of a redemption is one
   * database transaction. The store fields read the same database (as another process would);
   * {@link #faults} are not wired in.
   */
  public static RewardsFixture onPostgres(DataSource dataSource) {
    return new RewardsFixture(PostgresStores.on(dataSource));
  }

  private RewardsFixture(PostgresStores pg) {
    clock = new TestClock(T0);
    program = program();
    database = Optional.of(pg.dataSource());
    journal = pg.journal();
    performance = pg.performance();
    outbox = pg.outbox();
    redemptions = pg.redemptions();
    stock = pg.stock();
    codes = pg.codePools();
    catalogs = CatalogVersions.using(pg.catalogs(program), CatalogLoader.fromJson(CATALOG, program));
    badges = pg.badges();
    enrol();
    engine = build();
    ledger = engine.ledger();
  }

  private static Program program() {
    return ChannelFixture.program(300).withRedemptionHoldTimeout(Period.ofDays(7));
  }

  private void enrol() {
    LocalDate enrolled = LocalDate.of(2026, 1, 1);
    directory.put(Partner.of(ChannelFixture.DISTRIBUTOR, "North Distribution", PartnerType.DISTRIBUTOR, "north", "IN",
        ChannelFixture.INR, enrolled));
    for (PartnerId dealer : ChannelFixture.DEALERS) {
      directory.put(Partner.of(dealer, "Dealer " + dealer, PartnerType.DEALER, "north", "IN", ChannelFixture.INR,
          enrolled).withParent(ChannelFixture.DISTRIBUTOR));
      directory.put(Member.of(owner(dealer), dealer, "Owner of " + dealer, MemberRole.OWNER,
          Locale.forLanguageTag("en-IN"), enrolled));
      directory.put(Member.of(technician(dealer), dealer, "Technician of " + dealer, MemberRole.TECHNICIAN,
          Locale.forLanguageTag("hi-IN"), enrolled));
      for (int i = 1; i <= 2; i++) {
        directory.put(Member.of(ChannelFixture.rep(dealer, i), dealer, "Rep " + i + " of " + dealer,
            MemberRole.SALES_REP, Locale.forLanguageTag("en-IN"), enrolled));
      }
    }
  }

  private LoyaltyEngine build() {
    return database.map(this::build).orElseGet(() -> builder()
        .ledger(ledger).journal(journal).performance(performance).outbox(outbox).badges(badges)
        .rewards(RewardsSetup.builder(catalogs).redemptions(redemptions).stock(stock).codes(codes)
            .fulfilment(countingPort()).build())
        .build());
  }

  /** An engine on {@code dataSource} (this fixture's database, or another pool on it: another instance). */
  public LoyaltyEngine build(DataSource dataSource) {
    return builder().postgres(dataSource).rewards(RewardsSetup.builder(catalogs).fulfilment(countingPort()).build())
        .build();
  }

  private LoyaltyEngine.Builder builder() {
    return LoyaltyEngine.builder(program, new SampleRules()).directory(directory).clock(clock)
        .listener("test", delivered::add);
  }

  private FulfilmentPort countingPort() {
    return order -> {
      portCalls.incrementAndGet();
      return port.apply(order);
    };
  }

  /** Another engine on the same stores, as on another application instance. */
  public LoyaltyEngine another() {
    return build();
  }

  /** A new engine on the same stores, as after a restart of the process. */
  public LoyaltyEngine restart() {
    engine = build();
    return engine;
  }

  /** The engine's rewards. */
  public Rewards rewards() {
    return engine.rewards();
  }

  /** The owner of {@code dealer}. */
  public static MemberId owner(PartnerId dealer) {
    return MemberId.of(dealer.value() + "-owner");
  }

  /** The technician of {@code dealer}. */
  public static MemberId technician(PartnerId dealer) {
    return MemberId.of(dealer.value() + "-tech");
  }

  /** {@code points} issued to {@code participant}'s wallet, expiring at {@code expiry}. */
  public Transaction give(ParticipantId participant, long points, Instant expiry) {
    AccountId wallet = program.accounts().wallet(participant);
    ledger.openAccount(wallet, AccountType.WALLET);
    return ledger.transfer(TransferRequest.of(IdempotencyKey.of("test:give:" + (++keys)), "test-earn",
        Entry.debit(program.accounts().issuance(), points), Entry.credit(wallet, points, Expiry.at(expiry))));
  }

  /** {@code points} issued to {@code participant}'s wallet, expiring a year after {@link #T0}. */
  public Transaction give(ParticipantId participant, long points) {
    return give(participant, points, T0.plus(java.time.Duration.ofDays(365)));
  }

  /** {@code points} of {@code participant} spent elsewhere (what another redemption would take). */
  public void spend(ParticipantId participant, long points) {
    ledger.transfer(TransferRequest.of(IdempotencyKey.of("test:spend:" + (++keys)), "test-spend",
        Entry.debit(program.accounts().wallet(participant), points), Entry.credit(program.accounts().issuance(), points)));
  }

  /** The participant's balance. */
  public Balance balance(ParticipantId participant) {
    return engine.balance(participant);
  }

  /** {@code codes} codes loaded into {@link #POOL}. */
  public void loadCodes(int n) {
    List<String> loaded = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      loaded.add("AMZ-" + i);
    }
    codes.load(POOL, loaded);
  }

  /** One unit of {@code item} for {@code member}, from its own wallet. */
  public static RedemptionRequest byMember(String id, MemberId member, CatalogItemId item) {
    return RedemptionRequest.byMember(RedemptionId.of(id), member, item);
  }

  /** Every event in the outbox, in order. */
  public List<LoyaltyEvent> outboxEvents() {
    return outbox.after(0, 100_000).stream().map(StoredEvent::event).toList();
  }

  /** Everything redemption can change, comparable between runs (no ids the ledger drew). */
  public record State(Map<String, Balance> wallets, Balance clearing, List<String> ledgerLog,
      Map<String, String> redemptions, Map<String, String> stock, long codesLeft, List<String> events,
      boolean balanced) {
  }

  /** What {@link State} sees now, for {@code wallets}. */
  public State state(List<? extends ParticipantId> wallets) {
    Map<String, Balance> balances = new LinkedHashMap<>();
    for (ParticipantId p : wallets) {
      balances.put(p.kind() + ":" + p.value(), engine.balance(p));
    }
    AccountId clearing = program.accounts().redemptionClearing();
    List<String> log = new ArrayList<>();
    if (ledger.account(clearing).isPresent()) {
      for (Transaction tx : ledger.history(clearing, Optional.empty(), 10_000).transactions()) {
        // the timeout sweep's key names the hold by the id the ledger drew, which differs between stores
        String key = tx.key().toString().replaceFirst("^(~ledger/timeout/H)\\d+$", "$1<id>");
        log.add(key + " " + tx.type() + " " + tx.amountFor(clearing) + " " + tx.reason() + " "
            + new TreeMap<>(tx.metadata()));
      }
    }
    Map<String, String> byId = new TreeMap<>();
    for (ParticipantId p : wallets) {
      for (Redemption r : redemptions.ofWallet(p)) {
        byId.put(r.id().value(), describe(r));
      }
    }
    Map<String, String> levels = new TreeMap<>();
    for (CatalogItemId item : List.of(WATCH, MUG, VOUCHER, GIFT_CARD, CASHBACK, MEET, SEAT)) {
      levels.put(item.value(), stock.count(item).toString());
    }
    List<String> events = outboxEvents().stream().map(LoyaltyEvent::id).toList();
    return new State(balances, ledger.account(clearing).isPresent() ? ledger.balance(clearing) : null, log, byId,
        levels, codes.available(POOL), events, ledger.trialBalance().isBalanced());
  }

  /** A redemption without the ids the ledger drew, for comparing runs. */
  public static String describe(Redemption r) {
    return r.status() + " rev " + r.revision() + " history " + r.history() + " hold " + r.hold().isPresent()
        + " paid " + r.payment().isPresent() + " refunds " + r.refunds().stream().map(f -> f.kind() + "/"
        + f.reference() + "/" + f.units() + "/" + f.points()).toList() + " codes " + r.codes() + " ref "
        + r.reference() + " shipment " + r.shipment() + " refusal " + r.refusal() + " pending " + r.pending();
  }
}
