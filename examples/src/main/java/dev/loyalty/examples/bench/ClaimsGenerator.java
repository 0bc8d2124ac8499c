package dev.loyalty.examples.bench;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.claims.ClaimId;
import dev.loyalty.core.claims.ClaimSubmission;
import dev.loyalty.core.claims.IdentityKind;
import dev.loyalty.core.claims.InvoiceRecord;
import dev.loyalty.core.claims.Proof;
import dev.loyalty.core.model.PartnerId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A seeded year of a channel program's sell-out claims, with frauds of every kind the risk rules
 * look for injected at a known rate: the published input of the claims benchmark, so that its
 * figures can be rerun and the generator read.
 *
 * <p><b>Clean partners.</b> Each partner claims at its own weekly rate (log-normal across partners:
 * median 1.5 a week, from about one a month to ten a week) with a seasonal swing (plus or minus 15%
 * over the year), 20% more during the monsoon campaign (July to September) and 50% more in its last
 * week, the quarter-end push honest dealers make too. A claim's amount is the partner's typical
 * amount (log-normal across partners: median 30,000 INR) times a log-normal factor (sigma 0.45); 1
 * claim in 100 is a legitimate project order of 3 to 6 times the typical amount. Sales are claimed
 * 0 to 6 days after the sale. Products of 4,800 INR and more carry serial numbers. The
 * manufacturer's records hold 97% of clean invoices exactly, 1% with a different amount (a late
 * discount), and miss 2% (a distributor's feed that did not arrive). Every partner registers a tax
 * id, a phone, a bank account, an e-mail and a delivery address; 1 partner in 300 shares its phone
 * with another partner honestly (a shared accountant). During the year honest partners change
 * details at these rates (each partner, each kind, once at most, at a random working hour of the
 * year, independently of its redemptions): a new delivery address 6% (a move, a new warehouse), a new
 * e-mail 5%, a new phone 4%, a new bank account 2%; about 16% of partners change something. Partners
 * redeem their points every 4 to 6 weeks (40-90% of what they have), except savers (15%), who redeem
 * nearly everything every 20 to 30 weeks.
 *
 * <p><b>Frauds</b>, about 3% of all claims, split evenly between the kinds below; each is built the
 * way such a fraud is committed, not the way a detector finds it:
 * <ul>
 *   <li>{@link Fraud#DUPLICATE_INVOICE}: a partner claims one of its own paid invoices again, 3 to
 *       30 days later, its number retyped (lower case, spaces for dashes). The invoice is on record.
 *   <li>{@link Fraud#SHARED_INVOICE}: a colluding partner claims another partner's invoice (number,
 *       date, lines) 1 to 20 days after it; the records have it for the original partner only.
 *   <li>{@link Fraud#SERIAL_REUSE}: a partner claims units (1 to 3 serial numbers) another partner
 *       claimed, on an invoice of its own making, not on record.
 *   <li>{@link Fraud#VELOCITY_BURST}: a partner (or whoever took its login) files 8 to 15 claims of
 *       ordinary amounts in 1 to 3 days, on invoices of its own making. Counted per burst (an event)
 *       and per claim: no detector can hold the first claims of a burst, which look ordinary.
 *   <li>{@link Fraud#CAMPAIGN_END}: a partner claims 3 to 6 sales dated in the campaign's last 7 days,
 *       each 1.5 to 3 times its typical amount: half on invoices of its own making, half real
 *       invoices to friendly buyers (on record). Counted per event and per claim.
 *   <li>{@link Fraud#AMOUNT_OUTLIER}: a partner inflates a real invoice 8 to 25 times (the record
 *       keeps the true quantity).
 *   <li>{@link Fraud#REDEMPTION_TAKEOVER}: someone with a partner's login first makes the codes,
 *       notices or goods come to them, changing one detail 10 minutes to 2 days before redeeming (the
 *       e-mail in 45% of takeovers, the phone 25%, the delivery address 25%, the bank account 5%),
 *       then redeems 85-95% of the points in 1 to 3 redemptions over 2 days, then files a claim of an
 *       ordinary amount on an invoice of its own making 1 to 5 days later; the claim is the fraud
 *       counted. A takeover that changes nothing the host passes to the engine (the owner's e-mail
 *       itself compromised, say) is not generated: the figure assumes the host passes changes of
 *       contact and payout details.
 *   <li>{@link Fraud#FRONT_COMPANY}: a fake partner enrolled with the bank account of an existing one
 *       files 4 to 8 claims over the following weeks on invoices of its own making.
 * </ul>
 *
 * <p>The changes of details (honest and the takeovers') are drawn from a second random sequence of
 * the seed, so that adding them left every other event of a seed as it was.
 *
 * <p>Deterministic for a seed. Not thread-safe (one generation per instance).
 */
public final class ClaimsGenerator {
  /** The program's time zone. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
  /** The claims' currency. */
  public static final Currency INR = Currency.getInstance("INR");
  /** The first day of the year generated, a Monday. */
  public static final LocalDate START = LocalDate.of(2026, 1, 5);
  /** Weeks generated. */
  public static final int WEEKS = 51;
  /** The monsoon campaign of the standard program. */
  static final LocalDate CAMPAIGN_START = LocalDate.of(2026, 7, 1);
  static final LocalDate CAMPAIGN_END = LocalDate.of(2026, 9, 30);
  /** The share of all claims that are injected frauds. */
  public static final double FRAUD_SHARE = 0.03;
  private static final int[] PRICES = {250, 1_200, 4_800, 15_000};
  private static final int SERIALIZED_FROM = 4_800;

  /** The kinds of fraud injected. */
  public enum Fraud {
    DUPLICATE_INVOICE(false, "duplicate-invoice"),
    SHARED_INVOICE(false, "shared-invoice"),
    SERIAL_REUSE(false, "serial-claimed"),
    VELOCITY_BURST(true, "claim-velocity"),
    CAMPAIGN_END(true, "campaign-end-spike", "campaign-end-rise"),
    AMOUNT_OUTLIER(false, "record-excess"),
    REDEMPTION_TAKEOVER(false, "account-takeover", "redemption-velocity"),
    FRONT_COMPANY(false, "shared-identity");

    private final List<String> signals;
    private final boolean burst;

    Fraud(boolean burst, String... signals) {
      this.signals = List.of(signals);
      this.burst = burst;
    }

    /** The codes of the risk signals meant to find this fraud. */
    public List<String> signals() {
      return signals;
    }

    /** Whether it comes as a burst of claims, counted per event as well as per claim. */
    public boolean burst() {
      return burst;
    }

    /** "duplicate invoice", as a report names it. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  /**
   * A partner of the generated channel.
   *
   * @param id        never null
   * @param rate      claims per week, on average
   * @param typical   its typical claim amount, in whole INR
   * @param price     the unit price of what it mostly sells
   * @param saver     whether it saves its points for large rewards
   * @param front     whether it is a fake partner a fraud enrolled
   * @param enrolled  when it joined (a front company: when the fraud enrolled it); never null
   */
  public record GeneratedPartner(PartnerId id, double rate, long typical, int price, boolean saver, boolean front,
      Instant enrolled) {
  }

  /** One thing that happens, in time order. */
  public sealed interface Event permits Enrol, Identity, Record, Submit, Redeem {
    /** When it happens. */
    Instant at();
  }

  /** A partner joins the program (a front company, during the year). */
  public record Enrol(Instant at, GeneratedPartner partner) implements Event {
  }

  /** A partner's identifying detail is registered, in clear (the engine hashes it). */
  public record Identity(Instant at, PartnerId partner, IdentityKind kind, String value) implements Event {
  }

  /** The manufacturer's records learn an invoice. */
  public record Record(Instant at, InvoiceRecord record) implements Event {
  }

  /**
   * A claim is submitted.
   *
   * @param fraud the kind of fraud it is part of; empty for a clean claim
   * @param event the fraud event it belongs to (one burst, one takeover); 0 for a clean claim
   */
  public record Submit(Instant at, ClaimSubmission claim, Optional<Fraud> fraud, int event) implements Event {
  }

  /**
   * A partner redeems {@code share} of the points it has available (the harness reads the balance
   * when it replays the event).
   *
   * @param fraud whether it is a takeover's redemption
   */
  public record Redeem(Instant at, PartnerId partner, BigDecimal share, boolean fraud) implements Event {
  }

  /** What was generated: the partners, the events in time order, and how many fraud events of each kind. */
  public record Scenario(List<GeneratedPartner> partners, List<Event> events, long seed) {
    public Scenario {
      partners = List.copyOf(partners);
      events = List.copyOf(events);
    }
  }

  private final Random random;
  /** The changes of details: a sequence of their own, so that the other events of a seed stay as they were. */
  private final Random changes;
  private final long seed;
  private final List<GeneratedPartner> partners = new ArrayList<>();
  private final List<Event> events = new ArrayList<>();
  private final List<Submit> clean = new ArrayList<>();
  private int claims;
  private int fraudEvents;

  private ClaimsGenerator(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
    this.changes = new Random(seed ^ 0x5DEECE66DL);
  }

  /** A year of claims of {@code partnerCount} partners, generated from {@code seed}. */
  public static Scenario generate(int partnerCount, long seed) {
    if (partnerCount < 20) {
      throw new IllegalArgumentException("at least 20 partners are needed for every kind of fraud, got "
          + partnerCount);
    }
    return new ClaimsGenerator(seed).run(partnerCount);
  }

  private Scenario run(int partnerCount) {
    Instant enrolled = START.minusDays(60).atStartOfDay(ZONE).toInstant();
    for (int i = 0; i < partnerCount; i++) {
      GeneratedPartner p = new GeneratedPartner(PartnerId.of(String.format(Locale.ROOT, "p%04d", i)),
          Math.exp(Math.log(1.5) + 0.8 * random.nextGaussian()), Math.round(Math.exp(Math.log(30_000)
          + 0.7 * random.nextGaussian())), PRICES[random.nextInt(PRICES.length)], random.nextDouble() < 0.15,
          false, enrolled);
      partners.add(p);
      identities(p, enrolled.plusSeconds(i));
    }
    for (int i = 0; i < partnerCount / 300 + 1; i++) {
      GeneratedPartner a = partners.get(random.nextInt(partnerCount));
      GeneratedPartner b = partners.get(random.nextInt(partnerCount));
      if (!a.equals(b)) {
        events.add(new Identity(enrolled.plusSeconds(partnerCount + i), b.id(), IdentityKind.PHONE, phone(a)));
      }
    }
    for (GeneratedPartner p : List.copyOf(partners)) {
      cleanClaims(p);
      redemptions(p);
      honestChanges(p);
    }
    injectFrauds();
    events.sort(Comparator.comparing(Event::at).thenComparing(e -> e.getClass().getSimpleName()));
    return new Scenario(partners, events, seed);
  }

  private void identities(GeneratedPartner p, Instant at) {
    events.add(new Identity(at, p.id(), IdentityKind.TAX_ID, "29" + p.id().value().toUpperCase(Locale.ROOT) + "Z5"));
    events.add(new Identity(at, p.id(), IdentityKind.PHONE, phone(p)));
    events.add(new Identity(at, p.id(), IdentityKind.BANK_ACCOUNT, bank(p)));
    events.add(new Identity(at, p.id(), IdentityKind.EMAIL, "accounts@" + p.id().value() + ".example"));
    events.add(new Identity(at, p.id(), IdentityKind.DELIVERY_ADDRESS, "Shop 1, Market Road, " + p.id().value()));
  }

  /** The yearly chance that an honest partner changes a detail of each kind. */
  private static final List<Map.Entry<IdentityKind, Double>> CHANGE_RATES = List.of(
      Map.entry(IdentityKind.DELIVERY_ADDRESS, 0.06), Map.entry(IdentityKind.EMAIL, 0.05),
      Map.entry(IdentityKind.PHONE, 0.04), Map.entry(IdentityKind.BANK_ACCOUNT, 0.02));

  /** An honest partner's changes of details during the year, each kind at its rate. */
  private void honestChanges(GeneratedPartner p) {
    for (Map.Entry<IdentityKind, Double> rate : CHANGE_RATES) {
      if (changes.nextDouble() < rate.getValue()) {
        Instant at = START.atStartOfDay(ZONE).toInstant()
            .plus(Duration.ofMinutes(changes.nextInt(WEEKS * 7 * 24 * 60)));
        events.add(new Identity(at, p.id(), rate.getKey(), newDetail(rate.getKey(), p.id().value() + "-moved")));
      }
    }
  }

  /** A detail of {@code kind} nobody else has, made from {@code owner}. */
  private static String newDetail(IdentityKind kind, String owner) {
    return switch (kind) {
      case PHONE -> "+91 97" + String.format(Locale.ROOT, "%08d", Math.floorMod(owner.hashCode(), 100_000_000));
      case EMAIL -> "office@" + owner + ".example";
      case DELIVERY_ADDRESS -> "Unit 7, Industrial Estate, " + owner;
      case BANK_ACCOUNT -> "IN77 ICIC " + owner.toUpperCase(Locale.ROOT);
      case TAX_ID -> throw new IllegalArgumentException("a tax id does not change");
    };
  }

  /** What a takeover changes first: the e-mail 45%, the phone 25%, the delivery address 25%, the bank account 5%. */
  private IdentityKind takeoverChange() {
    double r = changes.nextDouble();
    return r < 0.45 ? IdentityKind.EMAIL : r < 0.70 ? IdentityKind.PHONE : r < 0.95 ? IdentityKind.DELIVERY_ADDRESS
        : IdentityKind.BANK_ACCOUNT;
  }

  private static String phone(GeneratedPartner p) {
    return "+91 98" + String.format(Locale.ROOT, "%08d", Math.abs(p.id().hashCode()) % 100_000_000);
  }

  private static String bank(GeneratedPartner p) {
    return "IN12 HDFC " + p.id().value().toUpperCase(Locale.ROOT);
  }

  // ---------------------------------------------------------------------------------------------
  // Clean behaviour

  private void cleanClaims(GeneratedPartner p) {
    for (int week = 0; week < WEEKS; week++) {
      LocalDate monday = START.plusWeeks(week);
      double lambda = p.rate() * (1 + 0.15 * Math.sin(2 * Math.PI * monday.getMonthValue() / 12.0))
          * lift(monday);
      int n = poisson(lambda);
      for (int k = 0; k < n; k++) {
        LocalDate sold = monday.plusDays(random.nextInt(7));
        double factor = random.nextDouble() < 0.01 ? 3 + 3 * random.nextDouble()
            : Math.exp(0.45 * random.nextGaussian());
        Instant at = workingHour(sold.plusDays(lag()));
        Submit s = new Submit(at, claim(p, invoiceNumber(p), sold, Math.max(1, Math.round(p.typical() * factor)),
            p.price()), Optional.empty(), 0);
        events.add(s);
        clean.add(s);
        record(s, 0.97, 0.01);
      }
    }
  }

  /** More claims during the campaign, and more still in its last week (the quarter-end push). */
  private static double lift(LocalDate monday) {
    LocalDate sunday = monday.plusDays(6);
    if (sunday.isBefore(CAMPAIGN_START) || monday.isAfter(CAMPAIGN_END)) {
      return 1;
    }
    return sunday.isBefore(CAMPAIGN_END.minusDays(6)) ? 1.2 : 1.5;
  }

  private int lag() {
    int lag = 0;
    while (lag < 6 && random.nextDouble() < 0.45) {
      lag++;
    }
    return lag;
  }

  private Instant workingHour(LocalDate day) {
    return day.atStartOfDay(ZONE).toInstant().plus(Duration.ofMinutes(9 * 60 + random.nextInt(9 * 60)));
  }

  /** The record of a clean claim's invoice: exact ({@code exact}), with another amount, or none. */
  private void record(Submit s, double exact, double otherAmount) {
    double r = random.nextDouble();
    ClaimSubmission c = s.claim();
    if (r < exact) {
      events.add(new Record(s.at().minusSeconds(60), recordOf(c, c.lines())));
    } else if (r < exact + otherAmount) {
      InvoiceLine line = c.lines().get(0);
      events.add(new Record(s.at().minusSeconds(60), recordOf(c, List.of(new InvoiceLine(line.sku(), line.category(),
          line.quantity(), line.unitPrice(), line.amount().multiply(new BigDecimal("0.95")))))));
    }
  }

  private static InvoiceRecord recordOf(ClaimSubmission c, List<InvoiceLine> lines) {
    return new InvoiceRecord(c.partner(), c.invoiceNumber(), c.invoiceDate(), c.currency(), lines,
        Set.copyOf(c.proof().serialNumbers()));
  }

  private void redemptions(GeneratedPartner p) {
    int gap = p.saver() ? 20 + random.nextInt(11) : 4 + random.nextInt(3);
    for (int week = gap; week < WEEKS; week += p.saver() ? 20 + random.nextInt(11) : 4 + random.nextInt(3)) {
      BigDecimal share = p.saver() ? new BigDecimal("0.95")
          : BigDecimal.valueOf(40 + random.nextInt(51)).movePointLeft(2);
      events.add(new Redeem(workingHour(START.plusWeeks(week).plusDays(random.nextInt(7))), p.id(), share, false));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Frauds

  private void injectFrauds() {
    // claims of frauds, evenly split: frauds / (clean + frauds) = FRAUD_SHARE
    int target = (int) Math.round(clean.size() * FRAUD_SHARE / (1 - FRAUD_SHARE));
    int perKind = Math.max(1, target / Fraud.values().length);
    for (Fraud kind : Fraud.values()) {
      int made = 0;
      while (made < perKind) {
        made += inject(kind);
      }
    }
  }

  /** Injects one fraud event of {@code kind}; how many claims it made. */
  private int inject(Fraud kind) {
    int event = ++fraudEvents;
    return switch (kind) {
      case DUPLICATE_INVOICE -> {
        Submit original = clean.get(random.nextInt(clean.size()));
        ClaimSubmission c = original.claim();
        String retyped = random.nextBoolean() ? c.invoiceNumber().toLowerCase(Locale.ROOT)
            : c.invoiceNumber().replace('-', ' ');
        fraud(original.at().plus(Duration.ofDays(3 + random.nextInt(28))), withInvoice(c, nextId(), c.partner(),
            retyped), kind, event);
        yield 1;
      }
      case SHARED_INVOICE -> {
        Submit original = clean.get(random.nextInt(clean.size()));
        GeneratedPartner accomplice = otherThan(original.claim().partner());
        fraud(original.at().plus(Duration.ofDays(1 + random.nextInt(20))), withInvoice(original.claim(), nextId(),
            accomplice.id(), original.claim().invoiceNumber()), kind, event);
        yield 1;
      }
      case SERIAL_REUSE -> {
        Submit original = serialized();
        GeneratedPartner thief = otherThan(original.claim().partner());
        List<String> serials = original.claim().proof().serialNumbers();
        List<String> reused = serials.subList(0, Math.min(serials.size(), 1 + random.nextInt(3)));
        LocalDate sold = dayOf(original.at()).plusDays(1 + random.nextInt(30));
        ClaimSubmission c = claim(thief, "F" + invoiceNumber(thief), sold, (long) reused.size() * SERIALIZED_FROM,
            SERIALIZED_FROM);
        fraud(workingHour(sold.plusDays(lag())), c.withProof(new Proof(c.proof().documentId(), reused)), kind, event);
        yield 1;
      }
      case VELOCITY_BURST -> {
        GeneratedPartner p = partners.get(random.nextInt(partners.size()));
        LocalDate day = START.plusWeeks(8 + random.nextInt(WEEKS - 9)).plusDays(random.nextInt(7));
        int n = 8 + random.nextInt(8);
        int span = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
          LocalDate sold = day.minusDays(random.nextInt(3));
          Instant at = workingHour(day.plusDays(random.nextInt(span)));
          fraud(at, claim(p, "F" + invoiceNumber(p), sold, Math.round(p.typical() * Math.exp(0.3
              * random.nextGaussian())), p.price()), kind, event);
        }
        yield n;
      }
      case CAMPAIGN_END -> {
        GeneratedPartner p = partners.get(random.nextInt(partners.size()));
        int n = 3 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
          LocalDate sold = CAMPAIGN_END.minusDays(random.nextInt(7));
          Instant at = workingHour(sold.plusDays(random.nextInt(5)));
          Submit s = fraud(at, claim(p, invoiceNumber(p), sold, Math.round(p.typical() * (1.5
              + 1.5 * random.nextDouble())), p.price()), kind, event);
          if (random.nextBoolean()) {
            events.add(new Record(at.minusSeconds(60), recordOf(s.claim(), s.claim().lines())));
          }
        }
        yield n;
      }
      case AMOUNT_OUTLIER -> {
        GeneratedPartner p = partners.get(random.nextInt(partners.size()));
        LocalDate sold = START.plusWeeks(12 + random.nextInt(WEEKS - 13)).plusDays(random.nextInt(7));
        long trueAmount = Math.max(1, Math.round(p.typical() * Math.exp(0.3 * random.nextGaussian())));
        ClaimSubmission real = claim(p, invoiceNumber(p), sold, trueAmount, p.price());
        Instant recorded = workingHour(sold);
        // the units are inflated, not the amount: rounding an inflated amount back to whole units
        // of an expensive product could give the record's own quantity, a claim that is no fraud
        long inflatedUnits = Math.round(real.lines().get(0).quantity() * (8 + 17 * random.nextDouble()));
        Instant claimed = workingHour(sold.plusDays(lag()));
        // the sale was on record before it was claimed (a claim on the day of the sale comes after it)
        events.add(new Record(recorded.isBefore(claimed) ? recorded : claimed.minusSeconds(60),
            recordOf(real, real.lines())));
        fraud(claimed, claim(p, real.invoiceNumber(), sold, inflatedUnits * p.price(), p.price(), real.id()), kind,
            event);
        yield 1;
      }
      case REDEMPTION_TAKEOVER -> {
        GeneratedPartner p = richest();
        LocalDate day = START.plusWeeks(10 + random.nextInt(WEEKS - 11)).plusDays(random.nextInt(7));
        int redemptions = 1 + random.nextInt(3);
        BigDecimal share = BigDecimal.valueOf(85 + random.nextInt(11)).movePointLeft(2);
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < redemptions; i++) {
          Instant at = workingHour(day.plusDays(i % 2));
          times.add(at);
          // the first takes most, the others sweep up the rest
          events.add(new Redeem(at, p.id(), i == 0 ? share : new BigDecimal("0.9"), true));
        }
        // the codes, notices or goods must reach whoever took the login: one detail changes before any redemption
        IdentityKind changed = takeoverChange();
        Instant before = Collections.min(times).minus(Duration.ofMinutes(10 + changes.nextInt(2 * 24 * 60 - 10)));
        events.add(new Identity(before, p.id(), changed, newDetail(changed, "taken-" + event)));
        LocalDate claimed = day.plusDays(1 + random.nextInt(5));
        fraud(workingHour(claimed), claim(p, "F" + invoiceNumber(p), claimed.minusDays(1), Math.round(p.typical()
            * Math.exp(0.3 * random.nextGaussian())), p.price()), kind, event);
        yield 1;
      }
      case FRONT_COMPANY -> {
        GeneratedPartner victim = partners.get(random.nextInt(partners.size()));
        LocalDate from = START.plusWeeks(4 + random.nextInt(WEEKS - 12));
        Instant enrolled = workingHour(from);
        GeneratedPartner front = new GeneratedPartner(PartnerId.of(String.format(Locale.ROOT, "front%03d", event)),
            1, Math.round(victim.typical() * (0.5 + random.nextDouble())), victim.price(), false, true, enrolled);
        partners.add(front);
        events.add(new Enrol(enrolled, front));
        events.add(new Identity(enrolled.plusSeconds(1), front.id(), IdentityKind.BANK_ACCOUNT, bank(victim)));
        int n = 4 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
          LocalDate sold = from.plusDays(1 + random.nextInt(42));
          fraud(workingHour(sold.plusDays(lag())), claim(front, invoiceNumber(front), sold, Math.round(front.typical()
              * Math.exp(0.45 * random.nextGaussian())), front.price()), kind, event);
        }
        yield n;
      }
    };
  }

  private Submit fraud(Instant at, ClaimSubmission claim, Fraud kind, int event) {
    Submit s = new Submit(at, claim, Optional.of(kind), event);
    events.add(s);
    return s;
  }

  private GeneratedPartner otherThan(PartnerId partner) {
    while (true) {
      GeneratedPartner p = partners.get(random.nextInt(partners.size()));
      if (!p.id().equals(partner) && !p.front()) {
        return p;
      }
    }
  }

  private Submit serialized() {
    while (true) {
      Submit s = clean.get(random.nextInt(clean.size()));
      if (!s.claim().proof().serialNumbers().isEmpty()) {
        return s;
      }
    }
  }

  /** A partner among the fifth with the largest typical claims: accounts worth taking over. */
  private GeneratedPartner richest() {
    List<GeneratedPartner> real = partners.stream().filter(p -> !p.front())
        .sorted(Comparator.comparingDouble(p -> -p.typical() * p.rate())).toList();
    return real.get(random.nextInt(Math.max(1, real.size() / 5)));
  }

  private static LocalDate dayOf(Instant at) {
    return at.atZone(ZONE).toLocalDate();
  }

  // ---------------------------------------------------------------------------------------------
  // Claims

  private String nextId() {
    return String.format(Locale.ROOT, "C%07d", ++claims);
  }

  private String invoiceNumber(GeneratedPartner p) {
    return String.format(Locale.ROOT, "%s-INV-%06d", p.id().value().toUpperCase(Locale.ROOT), claims + 1);
  }

  private ClaimSubmission claim(GeneratedPartner p, String invoice, LocalDate sold, long amount, int price) {
    return claim(p, invoice, sold, amount, price, ClaimId.of(nextId()));
  }

  /** A claim of about {@code amount} INR of the product priced {@code price}, with serials if it has them. */
  private ClaimSubmission claim(GeneratedPartner p, String invoice, LocalDate sold, long amount, int price,
      ClaimId id) {
    long quantity = Math.max(1, Math.round((double) amount / price));
    List<String> serials = new ArrayList<>();
    if (price >= SERIALIZED_FROM) {
      for (int i = 0; i < Math.min(quantity, 50); i++) {
        serials.add(String.format(Locale.ROOT, "SN-%s-%s-%d", p.id().value(), id.value(), i));
      }
    }
    InvoiceLine line = InvoiceLine.of("SKU-" + price, price >= SERIALIZED_FROM ? "equipment" : "cables", quantity,
        Integer.toString(price));
    return new ClaimSubmission(id, p.id(), Optional.empty(), invoice, sold, INR, List.of(line),
        new Proof("DOC-" + id.value(), serials));
  }

  private static ClaimSubmission withInvoice(ClaimSubmission c, String id, PartnerId partner, String invoice) {
    return new ClaimSubmission(ClaimId.of(id), partner, Optional.empty(), invoice, c.invoiceDate(), c.currency(),
        c.lines(), new Proof("DOC-" + id, List.of()));
  }

  private int poisson(double lambda) {
    double l = Math.exp(-lambda);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= random.nextDouble();
    } while (p > l);
    return k - 1;
  }

  /** The partner of the generated channel with {@code id}. */
  static GeneratedPartner partner(Scenario scenario, PartnerId id) {
    requireNonNull(id, "id");
    return scenario.partners().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }
}
