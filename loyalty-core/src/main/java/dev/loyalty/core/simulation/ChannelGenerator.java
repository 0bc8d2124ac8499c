package dev.loyalty.core.simulation;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates a channel deterministically from a seed: distributors at the top, dealers under the
 * distributors of their region, retailers under the dealers of theirs, and sales reps inside
 * distributors and dealers, with the skew of a real channel: partner weights (their share of the
 * activity) follow a Pareto distribution within each kind (a few large partners, many small), and
 * a distributor weighs 50 times a typical retailer, a dealer 5 times.
 *
 * <p>The same seed and shape give the same channel, on any machine (the arithmetic is {@link
 * StrictMath}'s). Ids are "dist-01",
 * "dealer-0001", "retailer-00001", "rep-00001" (zero-padded to the count's width). Every participant
 * is active and enrolled on the generator's enrolment day. Immutable and thread-safe; never null.
 */
public final class ChannelGenerator {
  private static final String[] SURNAMES = {"Sharma", "Gupta", "Iyer", "Reddy", "Patel", "Singh", "Khan", "Das",
      "Nair", "Mehta", "Joshi", "Rao", "Bose", "Kapoor", "Menon", "Pillai", "Verma", "Shah", "Chopra", "Ghosh"};
  private static final String[] TRADES = {"Electricals", "Traders", "Lighting", "Power Solutions", "Wires",
      "Enterprises", "Agencies", "Switchgear", "Electric Mart", "Distributors"};
  private static final String[] FIRST_NAMES = {"Ravi", "Meena", "Arjun", "Priya", "Vikram", "Anita", "Suresh",
      "Kavya", "Rahul", "Deepa", "Manoj", "Lakshmi", "Amit", "Sunita", "Kiran", "Neha"};
  /** Pareto shape: about 80% of a kind's activity comes from 20% of its partners. */
  private static final double PARETO_ALPHA = 1.16;
  private static final double MAX_PARETO = 100;

  private final long seed;
  private final Currency currency;
  private final String country;
  private final Locale locale;
  private final LocalDate enrolledOn;

  private ChannelGenerator(long seed, Currency currency, String country, Locale locale, LocalDate enrolledOn) {
    this.seed = seed;
    this.currency = currency;
    this.country = country;
    this.locale = locale;
    this.enrolledOn = enrolledOn;
  }

  /**
   * A generator for {@code seed}: partners in India (INR, "IN", members' locale en-IN), enrolled on
   * 2025-01-01.
   */
  public static ChannelGenerator seeded(long seed) {
    return new ChannelGenerator(seed, Currency.getInstance("INR"), "IN", Locale.forLanguageTag("en-IN"),
        LocalDate.of(2025, 1, 1));
  }

  /** A copy whose partners invoice in {@code newCurrency}, are in {@code newCountry} and whose members use {@code newLocale}. */
  public ChannelGenerator inCountry(String newCountry, Currency newCurrency, Locale newLocale) {
    requireNonNull(newCountry, "country");
    if (!newCountry.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException("country must be an ISO 3166 alpha-2 code, got '" + newCountry + "'");
    }
    return new ChannelGenerator(seed, requireNonNull(newCurrency, "currency"), newCountry,
        requireNonNull(newLocale, "locale"), enrolledOn);
  }

  /** A copy whose participants are enrolled on {@code day}. */
  public ChannelGenerator enrolledOn(LocalDate day) {
    return new ChannelGenerator(seed, currency, country, locale, requireNonNull(day, "day"));
  }

  /** The channel of {@code shape} for this generator's seed. */
  public Channel generate(ChannelShape shape) {
    requireNonNull(shape, "shape");
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    List<String> regions = shape.regions();
    List<Partner> partners = new ArrayList<>(shape.partners());
    Map<PartnerId, Integer> weights = new HashMap<>();
    Map<String, List<Partner>> distributorsIn = new HashMap<>();
    Map<String, List<Partner>> dealersIn = new HashMap<>();
    List<Partner> distributors = new ArrayList<>();
    List<Partner> dealers = new ArrayList<>();

    for (int i = 1; i <= shape.distributors(); i++) {
      String region = regions.get((i - 1) % regions.size());
      Partner p = partner(id("dist-", i, shape.distributors()), PartnerType.DISTRIBUTOR, region, random,
          "Distribution");
      distributors.add(p);
      distributorsIn.computeIfAbsent(region, r -> new ArrayList<>()).add(p);
      add(partners, weights, p, 50, random);
    }
    for (int i = 1; i <= shape.dealers(); i++) {
      String region = regions.get(random.nextInt(regions.size()));
      List<Partner> above = distributorsIn.getOrDefault(region, distributors);
      Partner p = partner(id("dealer-", i, shape.dealers()), PartnerType.DEALER, region, random, null)
          .withParent(above.get(random.nextInt(above.size())).id());
      dealers.add(p);
      dealersIn.computeIfAbsent(region, r -> new ArrayList<>()).add(p);
      add(partners, weights, p, 5, random);
    }
    for (int i = 1; i <= shape.retailers(); i++) {
      String region = regions.get(random.nextInt(regions.size()));
      Partner p = partner(id("retailer-", i, shape.retailers()), PartnerType.RETAILER, region, random, null);
      List<Partner> above = dealersIn.get(region);
      if (above != null) {
        p = p.withParent(above.get(random.nextInt(above.size())).id());
      }
      add(partners, weights, p, 1, random);
    }
    return new Channel(partners, reps(shape.reps(), distributors, dealers, weights, random), weights);
  }

  private static String id(String prefix, int number, int count) {
    int width = Math.max(2, Integer.toString(count).length());
    return prefix + String.format(Locale.ROOT, "%0" + width + "d", number);
  }

  private Partner partner(String id, PartnerType type, String region, SplittableRandom random, String trade) {
    String name = SURNAMES[random.nextInt(SURNAMES.length)] + " "
        + (trade != null ? trade : TRADES[random.nextInt(TRADES.length)]);
    return Partner.of(PartnerId.of(id), name, type, region, country, currency, enrolledOn);
  }

  /** A Pareto draw (1 to 100) times the kind's base weight. */
  private static void add(List<Partner> partners, Map<PartnerId, Integer> weights, Partner p, int base,
      SplittableRandom random) {
    double pareto = Math.min(MAX_PARETO, StrictMath.pow(1 - random.nextDouble(), -1 / PARETO_ALPHA));
    partners.add(p);
    weights.put(p.id(), (int) Math.max(1, Math.min(Channel.MAX_WEIGHT, Math.round(base * pareto))));
  }

  /** Every distributor and dealer gets a rep in turn while reps last; the rest go by weight. */
  private List<Member> reps(int count, List<Partner> distributors, List<Partner> dealers,
      Map<PartnerId, Integer> weights, SplittableRandom random) {
    List<Partner> employers = new ArrayList<>(distributors);
    employers.addAll(dealers);
    List<Member> members = new ArrayList<>(count);
    long total = 0;
    for (Partner p : employers) {
      total += weights.get(p.id());
    }
    for (int i = 1; i <= count; i++) {
      Partner employer;
      if (i <= employers.size()) {
        employer = employers.get(i - 1);
      } else {
        long pick = random.nextLong(total);
        int e = 0;
        while (pick >= weights.get(employers.get(e).id())) {
          pick -= weights.get(employers.get(e).id());
          e++;
        }
        employer = employers.get(e);
      }
      String name = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " " + SURNAMES[random.nextInt(SURNAMES.length)];
      members.add(Member.of(MemberId.of(id("rep-", i, count)), employer.id(), name, MemberRole.SALES_REP, locale,
          enrolledOn));
    }
    return members;
  }
}
