package dev.loyalty.core.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The channel and activity generators: deterministic, skewed, seasonal, consistent. */
class GeneratorsTest {
  private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

  private static List<Activity> all(Iterable<Activity> activities) {
    return StreamSupport.stream(activities.spliterator(), false).toList();
  }

  @Test
  void theSameSeedGivesTheSameChannelAndActivities_anotherSeedOthers() {
    Channel one = ChannelGenerator.seeded(5).generate(ChannelShape.ofPartners(300));
    Channel two = ChannelGenerator.seeded(5).generate(ChannelShape.ofPartners(300));
    Channel other = ChannelGenerator.seeded(6).generate(ChannelShape.ofPartners(300));
    assertThat(one).isEqualTo(two);
    assertThat(one).isNotEqualTo(other);

    ActivityGenerator year = ActivityGenerator.of(one, 5).perPartnerYear(40);
    List<Activity> first = all(year);
    assertThat(all(year)).isEqualTo(first);   // a second pass of the same generator
    assertThat(all(ActivityGenerator.of(two, 5).perPartnerYear(40))).isEqualTo(first);
    assertThat(all(ActivityGenerator.of(one, 6).perPartnerYear(40))).isNotEqualTo(first);
  }

  @Test
  void theShapeIsKeptAndEveryPartnerHangsWhereItShould() {
    Channel channel = ChannelGenerator.seeded(1).generate(new ChannelShape(2, 12, 0, 30, List.of("north", "south",
        "west")));
    Map<String, Long> types = new HashMap<>();
    channel.partners().forEach(p -> types.merge(p.type().name(), 1L, Long::sum));
    assertThat(types).containsExactlyInAnyOrderEntriesOf(Map.of("distributor", 2L, "dealer", 12L));
    assertThat(channel.members()).hasSize(30);
    // every distributor and dealer has a rep before any has a second
    assertThat(channel.partners()).allSatisfy(p -> assertThat(channel.membersOf(p.id())).isNotEmpty());
    for (Partner dealer : channel.partners()) {
      if (dealer.type().equals(PartnerType.DEALER)) {
        Partner parent = channel.partner(dealer.parent().orElseThrow()).orElseThrow();
        assertThat(parent.type()).isEqualTo(PartnerType.DISTRIBUTOR);
        assertThat(List.of("north", "south")).contains(parent.region());   // 2 distributors: north, south
      }
    }
    assertThat(channel.members()).extracting(Member::id).doesNotHaveDuplicates();
  }

  @Test
  void aFewLargePartnersAndManySmall() {
    Channel channel = ChannelGenerator.seeded(9).generate(ChannelShape.ofPartners(1_000));
    List<Integer> weights = new ArrayList<>(channel.weights().values());
    weights.sort(java.util.Comparator.reverseOrder());
    long total = weights.stream().mapToLong(Integer::longValue).sum();
    long topFifth = weights.subList(0, 200).stream().mapToLong(Integer::longValue).sum();
    assertThat(topFifth * 100 / total).as("share of the largest 20%%").isGreaterThan(55);
    long small = channel.partners().stream().filter(p -> p.type().equals(PartnerType.RETAILER)).count();
    assertThat(small).isEqualTo(700);
  }

  @Test
  void aYearHasTheSeasonTheMixAndDatesInOrder() {
    Channel channel = ChannelGenerator.seeded(3).generate(ChannelShape.ofPartners(400));
    List<Activity> year = all(ActivityGenerator.of(channel, 3).perPartnerYear(60));
    assertThat(year.size()).isBetween(400 * 60 * 9 / 10, 400 * 60 * 11 / 10);
    for (int i = 1; i < year.size(); i++) {
      assertThat(year.get(i).occurredAt()).isAfterOrEqualTo(year.get(i - 1).occurredAt());
    }
    Map<Month, Long> perMonth = new HashMap<>();
    Map<String, Long> kinds = new HashMap<>();
    for (Activity a : year) {
      perMonth.merge(LocalDate.ofInstant(a.occurredAt(), IST).getMonth(), 1L, Long::sum);
      kinds.merge(a.kind(), 1L, Long::sum);
      int hour = a.occurredAt().atZone(IST).getHour();
      assertThat(hour).isBetween(9, 18);
    }
    assertThat(perMonth.get(Month.MARCH)).isGreaterThan(perMonth.get(Month.JULY) * 13 / 10);
    assertThat(perMonth.get(Month.NOVEMBER)).isGreaterThan(perMonth.get(Month.AUGUST) * 13 / 10);
    assertThat(kinds.keySet()).contains("sale", "return", "training", "certification", "referral", "sell-through",
        "report");
    assertThat(kinds.get("sale") * 100 / year.size()).isBetween(80L, 90L);
    assertThat(year.get(0).occurredAt()).isAfterOrEqualTo(Instant.parse("2025-12-31T18:30:00Z"));
    assertThat(year.get(year.size() - 1).occurredAt()).isBefore(Instant.parse("2026-12-31T18:30:00Z"));
  }

  @Test
  void returnsTakeBackNoMoreThanWasSold_ofTheSamePartnersEarlierInvoices() {
    Channel channel = ChannelGenerator.seeded(4).generate(ChannelShape.ofPartners(100));
    Map<ActivityId, Sale> sales = new HashMap<>();
    Map<ActivityId, Map<String, Long>> left = new HashMap<>();
    int returns = 0;
    for (Activity a : ActivityGenerator.of(channel, 4).perPartnerYear(100)) {
      if (a instanceof Sale s) {
        sales.put(s.id(), s);
        Map<String, Long> quantities = new HashMap<>();
        s.lines().forEach(l -> quantities.merge(l.sku(), l.quantity(), Long::sum));
        left.put(s.id(), quantities);
      } else if (a instanceof SaleReturn r) {
        returns++;
        Sale invoice = sales.get(r.invoice());
        assertThat(invoice).as("invoice of %s recorded before it", r.id()).isNotNull();
        assertThat(invoice.partner()).isEqualTo(r.partner());
        r.lines().forEach(l -> {
          long remaining = left.get(r.invoice()).merge(l.sku(), -l.quantity(), Long::sum);
          assertThat(remaining).isNotNegative();
        });
      }
    }
    assertThat(returns).isGreaterThan(100);
  }

  @Test
  void wrongSettingsAreRefused() {
    Channel channel = ChannelGenerator.seeded(1).generate(ChannelShape.ofPartners(10));
    ActivityGenerator g = ActivityGenerator.of(channel, 1);
    assertThatThrownBy(() -> g.months(YearMonth.of(2026, 1), 0)).hasMessageContaining("months must be 1 to 600, got 0");
    assertThatThrownBy(() -> g.perPartnerYear(0)).hasMessageContaining("must be 1 to 100000, got 0");
    assertThatThrownBy(() -> ChannelShape.ofPartners(0)).hasMessageContaining("at least 1 partner, got 0");
    assertThatThrownBy(() -> new ChannelShape(0, 1, 1, 1, List.of("north")))
        .hasMessageContaining("at least 1 distributor, got 0");
    assertThatThrownBy(() -> new ChannelShape(1, 1, 1, 1, List.of("north", "north")))
        .hasMessageContaining("regions must be distinct");
    assertThatThrownBy(() -> ChannelGenerator.seeded(1).inCountry("India", Currency.getInstance("INR"),
        java.util.Locale.ROOT)).hasMessageContaining("ISO 3166 alpha-2 code, got 'India'");
  }

  @Test
  void aChannelRefusesMissingWeightsAndDanglingReferences() {
    Partner a = Partner.of(PartnerId.of("a"), "A", PartnerType.DEALER, "north", "IN", Currency.getInstance("INR"),
        LocalDate.of(2026, 1, 1));
    assertThatThrownBy(() -> new Channel(List.of(a), List.of(), Map.of()))
        .hasMessageContaining("partner a has no weight");
    assertThatThrownBy(() -> new Channel(List.of(a), List.of(), Map.of(a.id(), 0)))
        .hasMessageContaining("weight of partner a must be 1 to 1000000, got 0");
    assertThatThrownBy(() -> new Channel(List.of(a), List.of(), Map.of(a.id(), 1, PartnerId.of("b"), 1)))
        .hasMessageContaining("weights name partners that are not in the channel: [b]");
    assertThatThrownBy(() -> Channel.of(List.of(a.withParent(PartnerId.of("ghost"))), List.of()))
        .hasMessageContaining("parent ghost of partner a is not enrolled");
  }
}
