package dev.loyalty.examples.bench;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.spi.InMemoryPartnerDirectory;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.spi.PartnerRegistry;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.ChainVerification;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.TrialBalance;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * The engine benchmark's channel: the sample program of core's tests ({@link ChannelFixture#program(long)},
 * with a first-order bonus added so that every rule of {@code SampleRules} pays something) and a
 * distributor with many dealers, two sales reps each, all active. The directory is read-only once
 * built, so every engine of a benchmark shares it.
 */
final class EngineChannel {

  /** The engines' clock: every activity of the workload is dated before it. */
  static final Instant NOW = Instant.parse("2026-10-01T00:00:00Z");
  static final int REPS_PER_DEALER = 2;

  final List<PartnerId> dealers;
  final InMemoryPartnerDirectory directory = PartnerDirectory.inMemory();
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  EngineChannel(int dealerCount) {
    this.dealers = addDealers(directory, dealerCount, d -> "north");
  }

  /**
   * Enrols the distributor, {@code dealerCount} dealers under it ("dealer-001" on, in the region
   * {@code regionOf} gives each number) and {@value #REPS_PER_DEALER} sales reps per dealer, all
   * enrolled on 2026-01-01, in {@code directory}, in one call; returns the dealers in order.
   */
  static List<PartnerId> addDealers(PartnerRegistry directory, int dealerCount, IntFunction<String> regionOf) {
    LocalDate enrolled = LocalDate.of(2026, 1, 1);
    List<Partner> partners = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    partners.add(Partner.of(ChannelFixture.DISTRIBUTOR, "North Distribution", PartnerType.DISTRIBUTOR, "north", "IN",
        ChannelFixture.INR, enrolled));
    List<PartnerId> ids = new ArrayList<>(dealerCount);
    for (int d = 1; d <= dealerCount; d++) {
      PartnerId dealer = PartnerId.of(String.format(Locale.ROOT, "dealer-%03d", d));
      ids.add(dealer);
      partners.add(Partner.of(dealer, "Dealer " + d, PartnerType.DEALER, regionOf.apply(d), "IN", ChannelFixture.INR,
          enrolled).withParent(ChannelFixture.DISTRIBUTOR));
      for (int r = 1; r <= REPS_PER_DEALER; r++) {
        members.add(Member.of(ChannelFixture.rep(dealer, r), dealer, "Rep " + r + " of dealer " + d,
            MemberRole.SALES_REP, Locale.forLanguageTag("en-IN"), enrolled));
      }
    }
    directory.enrol(partners, members);
    return List.copyOf(ids);
  }

  /** Rep {@code n} (1 or 2) of {@code dealer}. */
  static MemberId rep(PartnerId dealer, int n) {
    return ChannelFixture.rep(dealer, n);
  }

  /** The sample program with {@code campaignBudget} points in its campaign and a first-order bonus of 100 points. */
  static Program program(long campaignBudget) {
    Program p = ChannelFixture.program(campaignBudget);
    Map<String, String> parameters = new HashMap<>(p.parameters());
    parameters.put("first-order-points", "100");
    return new Program(p.id(), p.name(), p.zone(), p.pointValue(), p.tiers(), p.tierPolicy(), p.campaigns(),
        p.earnSplit(), p.expiry(), p.accounts(), parameters);
  }

  /**
   * A fresh engine on a fresh in-memory ledger, with one listener that counts the events it is
   * given (a host forwards them somewhere; the benchmark includes their delivery).
   */
  Engine engine(Program program, RuleEngine rules) {
    LongAdder events = new LongAdder();
    LoyaltyEngine engine = LoyaltyEngine.builder(program, rules).ledger(Ledger.inMemory(clock)).directory(directory)
        .listener("bench", e -> events.increment()).build();
    return new Engine(engine, events);
  }

  /** An engine of the benchmark and the count of events its listener received. */
  record Engine(LoyaltyEngine engine, LongAdder events) {

    /** The posted points of every participant's wallet in the engine's ledger. */
    Map<ParticipantId, Long> walletBalances() {
      Ledger ledger = engine.ledger();
      Map<ParticipantId, Long> balances = new HashMap<>();
      engine.ledger().accounts().forEach(a -> engine.program().accounts().walletOwner(a.id())
          .ifPresent(owner -> balances.put(owner, ledger.balance(a.id()).posted())));
      return balances;
    }

    /** What each campaign budget still holds. */
    Map<CampaignId, Long> budgetsLeft() {
      Map<CampaignId, Long> left = new HashMap<>();
      for (Campaign c : engine.program().campaigns()) {
        AccountId budget = engine.program().accounts().budget(c.id());
        left.put(c.id(), engine.ledger().balance(budget).posted());
      }
      return left;
    }

    /**
     * Checks the ledger's invariants after a run: the trial balance balances and the hash chain
     * verifies. Returns a line saying so.
     *
     * @throws IllegalStateException if either does not hold
     */
    String checkLedger() {
      long started = System.nanoTime();
      TrialBalance trial = engine.ledger().trialBalance();
      ChainVerification chain = engine.ledger().verify();
      double seconds = (System.nanoTime() - started) / 1e9;
      if (!trial.isBalanced() || !chain.intact()) {
        throw new IllegalStateException("ledger invariants broken after the run: trial balance " + trial + ", chain "
            + chain.detail());
      }
      return String.format(Locale.ROOT, "ledger checks ok: trial balance balanced over %,d accounts, chain of %,d "
          + "transactions verified (%.1f s)", trial.accounts(), chain.checked(), seconds);
    }
  }
}
