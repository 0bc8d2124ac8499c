package dev.loyalty.examples.bench;

import static dev.loyalty.core.testing.ChannelFixture.INR;

import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramLoader;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.spi.InMemoryPartnerDirectory;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.spi.PartnerRegistry;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.rules.DroolsRuleEngine;
import dev.loyalty.rules.standard.StandardRules;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ready-made program of loyalty-rules' tests (its {@code StandardProgram}: every ready-made rule
 * switched on by a parameter, the Silver and Gold tiers, the monsoon campaign for northern dealers)
 * and a channel for it: a distributor with many dealers, two reps each, most in the north (where
 * the campaign runs), one in ten in a region the program is opening (market expansion), and a few
 * retailers a dealer can refer. The directory is read-only once built, so engines share it.
 */
final class StandardChannel {

  /** The rule set version both engines name in their awards. */
  static final String VERSION = "standard-1";
  /** The engines' clock: every activity of the workload is dated before it. */
  static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
  static final int REPS_PER_DEALER = EngineChannel.REPS_PER_DEALER;
  static final List<String> NEW_MARKETS = List.of("north-east", "islands");

  /** The program loyalty-rules ships as its example of a program built only from ready-made rules. */
  static final Program SHIPPED = ProgramLoader.fromJson(new InputStreamReader(Objects.requireNonNull(
      StandardChannel.class.getClassLoader().getResourceAsStream("dev/loyalty/rules/samples/standard-program.json"),
      "standard-program.json"), StandardCharsets.UTF_8));
  static final Map<String, String> PARAMETERS = SHIPPED.parameters();

  private static final int RETAILERS = 20;

  private final int dealerCount;
  final List<PartnerId> dealers;
  final List<PartnerId> retailers;
  final InMemoryPartnerDirectory directory = PartnerDirectory.inMemory();
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  StandardChannel(int dealerCount) {
    this.dealerCount = dealerCount;
    this.dealers = enrol(directory);
    List<PartnerId> shops = new ArrayList<>();
    for (int r = 1; r <= RETAILERS; r++) {
      shops.add(retailer(r));
    }
    this.retailers = List.copyOf(shops);
  }

  /**
   * Enrols the channel (the distributor, the dealers and their reps, the retailers) in {@code
   * registry}: the in-memory directory, or a PostgreSQL one for the engine on PostgreSQL. Returns the
   * dealers in order.
   */
  List<PartnerId> enrol(PartnerRegistry registry) {
    LocalDate enrolled = LocalDate.of(2026, 1, 1);
    List<PartnerId> ids = EngineChannel.addDealers(registry, dealerCount,
        d -> d % 10 == 0 ? NEW_MARKETS.get(d / 10 % 2) : "north");
    List<Partner> shops = new ArrayList<>();
    for (int r = 1; r <= RETAILERS; r++) {
      shops.add(Partner.of(retailer(r), "Retailer " + r, PartnerType.RETAILER, "north", "IN", INR, enrolled));
    }
    registry.enrol(shops, List.of());
    return ids;
  }

  private static PartnerId retailer(int r) {
    return PartnerId.of(String.format(Locale.ROOT, "retailer-%02d", r));
  }

  /**
   * The program of loyalty-rules' {@code StandardProgram} with {@code campaignBudget} points in the
   * monsoon campaign.
   */
  static Program program(long campaignBudget) {
    return program(campaignBudget, PARAMETERS);
  }

  /** {@link #program(long)} with other rule parameters. */
  static Program program(long campaignBudget, Map<String, String> parameters) {
    return ChannelFixture.withBudgetAndParameters(SHIPPED, campaignBudget, parameters);
  }

  /** Drools with every ready-made rule (a few seconds to compile). */
  static DroolsRuleEngine drools() {
    return DroolsRuleEngine.of(StandardRules.ruleSet(VERSION, Instant.MIN));
  }

  /** A fresh engine on a fresh in-memory ledger, with a listener that counts the events it is given. */
  EngineChannel.Engine engine(Program program, RuleEngine rules) {
    LongAdder events = new LongAdder();
    LoyaltyEngine engine = LoyaltyEngine.builder(program, rules).ledger(Ledger.inMemory(clock)).directory(directory)
        .listener("bench", e -> events.increment()).build();
    return new EngineChannel.Engine(engine, events);
  }
}
