package dev.loyalty.rules;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.GOLD;
import static dev.loyalty.core.testing.ChannelFixture.SILVER;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.testing.ChannelFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The ready-made program's promises, for random activities: points are never negative, a partner's
 * cap and a campaign's budget are never exceeded, and more sales never yield fewer points for the
 * same partner.
 */
class StandardProgramPropertiesTest {
  private static final List<String[]> CATALOG = List.of(new String[] {"CAB-1", "cables"},
      new String[] {"LED-1", "lighting"}, new String[] {"SW-1", "switches"}, new String[] {"SW-9", "smart-switches"},
      new String[] {"SW-PRO", "smart-switches"}, new String[] {"OLD-1", "cables"}, new String[] {"SCR-1", "tools"});
  private static final long CAP = 5000;
  private static DroolsRuleEngine engine;

  @BeforeContainer
  static void compile() {
    engine = StandardProgram.engine();
  }

  /** One line: a catalog entry, a quantity and a whole unit price. */
  record Line(int item, long quantity, long unitPrice) {
    InvoiceLine toInvoiceLine() {
      return InvoiceLine.of(CATALOG.get(item)[0], CATALOG.get(item)[1], quantity, Long.toString(unitPrice));
    }
  }

  /** Where the partner stands before the invoice. */
  record Standing(long monthSales, int streak, long monthOrders, Optional<TierId> tier, boolean rep, boolean inCampaign) {
  }

  @Provide
  Arbitrary<List<Line>> lines() {
    Arbitrary<Line> line = Combinators.combine(Arbitraries.integers().between(0, CATALOG.size() - 1),
        Arbitraries.longs().between(1, 40), Arbitraries.longs().between(1, 30_000)).as(Line::new);
    return line.list().ofMinSize(1).ofMaxSize(4).uniqueElements(Line::item);
  }

  @Provide
  Arbitrary<Standing> standings() {
    return Combinators.combine(Arbitraries.longs().between(0, 1_200_000), Arbitraries.integers().between(0, 7),
        Arbitraries.longs().between(0, 3), Arbitraries.<Optional<TierId>>of(Optional.empty(), Optional.of(SILVER), Optional.of(GOLD)),
        Arbitraries.of(true, false), Arbitraries.of(true, false)).as(Standing::new);
  }

  private static RuleOutcome evaluate(Standing standing, List<Line> lines) {
    TestFacts facts = TestFacts.invoice().program(StandardProgram.program(1_000_000))
        .monthSales(Long.toString(standing.monthSales())).streak(standing.streak()).monthOrders(standing.monthOrders())
        .tier(standing.tier().orElse(null))
        .at(standing.inCampaign() ? TestFacts.JULY : Instant.parse("2026-10-15T06:00:00Z"));
    if (standing.rep()) {
      facts.rep();
    }
    for (Line line : lines) {
      InvoiceLine l = line.toInvoiceLine();
      facts.line(l.sku(), l.category(), l.quantity(), l.unitPrice().toPlainString());
    }
    return engine.evaluate(facts.facts());
  }

  private static long total(RuleOutcome outcome) {
    return outcome.awards().stream().mapToLong(Award::points).sum();
  }

  @Property(tries = 300)
  void pointsArePositiveAndAnActivityNeverPaysMoreThanTheCap(@ForAll("standings") Standing standing,
      @ForAll("lines") List<Line> lines) {
    RuleOutcome outcome = evaluate(standing, lines);
    assertThat(outcome.awards()).allSatisfy(a -> assertThat(a.points()).isPositive());
    // the partner and its rep together: the cap applies before the split
    assertThat(total(outcome)).isLessThanOrEqualTo(CAP);
  }

  @Property(tries = 300)
  void moreUnitsOnALineNeverYieldFewerPoints(@ForAll("standings") Standing standing,
      @ForAll("lines") List<Line> lines, @ForAll @IntRange(min = 0, max = 3) int which,
      @ForAll @IntRange(min = 1, max = 200) int moreUnits) {
    List<Line> more = new ArrayList<>(lines);
    int i = which % lines.size();
    Line line = lines.get(i);
    more.set(i, new Line(line.item(), line.quantity() + moreUnits, line.unitPrice()));
    assertThat(total(evaluate(standing, more))).isGreaterThanOrEqualTo(total(evaluate(standing, lines)));
  }

  /** One step of a stream: a sale of a dealer (perhaps through a rep), or a training, some hours later. */
  record Step(int dealer, boolean rep, boolean training, Line line, int hoursLater) {
  }

  @Provide
  Arbitrary<List<Step>> streams() {
    Arbitrary<Line> line = Combinators.combine(Arbitraries.integers().between(0, CATALOG.size() - 1),
        Arbitraries.longs().between(1, 20), Arbitraries.longs().between(100, 40_000)).as(Line::new);
    Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of(true, false),
        Arbitraries.integers().between(0, 9).map(n -> n == 0), line, Arbitraries.integers().between(1, 400))
        .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(25);
  }

  private static final Instant START = LocalDateTime.parse("2026-07-01T09:00").atZone(ZONE).toInstant();

  /** Records {@code steps} on a fresh engine; the receipts in order. */
  private static List<Receipt> record(Program program, List<Step> steps) {
    ChannelFixture channel = new ChannelFixture(START, program, engine);
    List<Receipt> receipts = new ArrayList<>();
    Instant at = START;
    int n = 0;
    for (Step step : steps) {
      at = at.plus(Duration.ofHours(step.hoursLater()));
      channel.clock.set(at);
      PartnerId dealer = DEALERS.get(step.dealer());
      Optional<MemberId> rep = step.rep() ? Optional.of(ChannelFixture.rep(dealer, 1)) : Optional.empty();
      ActivityHeader header = new ActivityHeader(ActivityId.of("a-" + n++), dealer, rep, at);
      receipts.add(channel.engine.record(step.training() ? new TrainingCompleted(header, "basics")
          : new Sale(header, ChannelFixture.INR, List.of(step.line().toInvoiceLine()))));
    }
    return receipts;
  }

  @Property(tries = 40)
  void aStreamNeverOverdrawsTheCampaignBudgetOrACap(@ForAll("streams") List<Step> steps,
      @ForAll @IntRange(min = 1, max = 3000) int budget) {
    List<Receipt> receipts = record(StandardProgram.program(budget), steps);
    long fromCampaign = 0;
    for (Receipt receipt : receipts) {
      assertThat(receipt.awards()).allSatisfy(a -> assertThat(a.points()).isNotNegative());
      long sale = receipt.awards().stream().filter(a -> !a.rule().ruleId().equals("training-bonus"))
          .mapToLong(PostedAward::points).sum();
      assertThat(sale).isLessThanOrEqualTo(CAP);
      fromCampaign += receipt.awards().stream().filter(a -> a.campaign().isPresent()).mapToLong(PostedAward::points)
          .sum();
    }
    assertThat(fromCampaign).isLessThanOrEqualTo(budget);
  }

  @Property(tries = 40)
  void aLargerInvoiceNeverLeavesItsPartnerWithFewerPoints(@ForAll("streams") List<Step> steps,
      @ForAll @IntRange(min = 0, max = 24) int which, @ForAll @IntRange(min = 1, max = 50) int moreUnits) {
    // a per-activity cap can move a bonus onto a capped invoice (see docs/RULES.md), and a shared
    // budget can go to another partner first: both are set out of reach here
    Map<String, String> parameters = new HashMap<>(StandardProgram.PARAMETERS);
    parameters.put("cap.points-per-activity", "100000000");
    Program program = TestFacts.withParameters(StandardProgram.program(100_000_000), parameters);
    int i = which % steps.size();
    Step step = steps.get(i);
    List<Step> larger = new ArrayList<>(steps);
    larger.set(i, new Step(step.dealer(), step.rep(), step.training(), new Line(step.line().item(),
        step.line().quantity() + moreUnits, step.line().unitPrice()), step.hoursLater()));
    PartnerId dealer = DEALERS.get(step.dealer());
    assertThat(pointsOf(dealer, record(program, larger))).isGreaterThanOrEqualTo(pointsOf(dealer, record(program,
        steps)));
  }

  /** What a dealer and its reps earned. */
  private static long pointsOf(PartnerId dealer, List<Receipt> receipts) {
    List<ParticipantId> team = List.of(dealer, ChannelFixture.rep(dealer, 1), ChannelFixture.rep(dealer, 2));
    return receipts.stream().flatMap(r -> r.awards().stream()).filter(a -> team.contains(a.beneficiary()))
        .mapToLong(PostedAward::points).sum();
  }
}
