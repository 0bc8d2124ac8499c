package dev.loyalty.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyalty.core.activity.Referral;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.json.ActivityLines;
import dev.loyalty.core.model.EnrolmentStatus;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.simulation.Channel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A channel as JSON Lines, one participant per line: {@code {"type":"partner", ...}} for an
 * organisation (with its simulation weight) and {@code {"type":"member", ...}} for an individual.
 * {@code generate} writes one; {@code simulate} and {@code whatif} read one with {@code --channel}.
 * Without one, they enrol the partners and members the events name ({@link #fromEvents}).
 */
final class ChannelFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The region of partners enrolled because the events name them. */
  static final String UNASSIGNED = "unassigned";

  private ChannelFile() {
  }

  /** Writes {@code channel} as JSON Lines. */
  static void write(Channel channel, Writer out) throws IOException {
    for (Partner p : channel.partners()) {
      ObjectNode o = JSON.createObjectNode();
      o.put("type", "partner");
      o.put("id", p.id().value());
      o.put("name", p.name());
      o.put("partnerType", p.type().name());
      p.parent().ifPresent(parent -> o.put("parent", parent.value()));
      o.put("region", p.region());
      o.put("country", p.country());
      o.put("currency", p.currency().getCurrencyCode());
      p.segments().stream().sorted().forEach(s -> o.withArray("segments").add(s));
      o.put("enrolledOn", p.enrolledOn().toString());
      o.put("status", p.status().name().toLowerCase(Locale.ROOT));
      o.put("weight", channel.weights().get(p.id()));
      out.write(JSON.writeValueAsString(o));
      out.write('\n');
    }
    for (Member m : channel.members()) {
      ObjectNode o = JSON.createObjectNode();
      o.put("type", "member");
      o.put("id", m.id().value());
      o.put("partner", m.partner().value());
      o.put("name", m.name());
      o.put("role", m.role().name());
      o.put("locale", m.locale().toLanguageTag());
      o.put("enrolledOn", m.enrolledOn().toString());
      o.put("status", m.status().name().toLowerCase(Locale.ROOT));
      out.write(JSON.writeValueAsString(o));
      out.write('\n');
    }
  }

  /** Reads a channel file; every bad line is listed in the {@link InputException}. */
  static Channel read(String file) {
    Path path = Inputs.existing(file, "channel");
    List<Partner> partners = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    Map<PartnerId, Integer> weights = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank() || line.strip().startsWith("#")) {
          continue;
        }
        try {
          JsonNode o = JSON.readTree(line);
          String type = text(o, "type");
          if (type.equals("partner")) {
            Partner p = new Partner(PartnerId.of(text(o, "id")), text(o, "name"), PartnerType.of(text(o, "partnerType")),
                Optional.ofNullable(o.get("parent")).map(JsonNode::asText).map(PartnerId::of), text(o, "region"),
                text(o, "country"), Currency.getInstance(text(o, "currency")), segments(o),
                LocalDate.parse(text(o, "enrolledOn")), status(o));
            partners.add(p);
            weights.put(p.id(), o.has("weight") ? o.get("weight").asInt() : 1);
          } else if (type.equals("member")) {
            members.add(new Member(MemberId.of(text(o, "id")), PartnerId.of(text(o, "partner")), text(o, "name"),
                MemberRole.of(text(o, "role")), Locale.forLanguageTag(text(o, "locale")),
                LocalDate.parse(text(o, "enrolledOn")), status(o)));
          } else {
            problems.add(file + ":" + number + ": type must be \"partner\" or \"member\", got \"" + type + "\"");
          }
        } catch (IOException | RuntimeException e) {
          problems.add(file + ":" + number + ": " + e.getMessage().lines().findFirst().orElse(e.toString()));
        }
      }
    } catch (IOException e) {
      throw new InputException("cannot read the channel " + file + ": " + e.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new InputException("the channel " + file + " has bad lines", problems);
    }
    try {
      return new Channel(partners, members, weights);
    } catch (RuntimeException e) {
      throw new InputException("the channel " + file + " is not valid: " + e.getMessage());
    }
  }

  private static String text(JsonNode o, String field) {
    JsonNode value = o.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("\"" + field + "\" must be a string");
    }
    return value.asText();
  }

  private static Set<String> segments(JsonNode o) {
    Set<String> out = new HashSet<>();
    if (o.has("segments")) {
      o.get("segments").forEach(s -> out.add(s.asText()));
    }
    return out;
  }

  private static EnrolmentStatus status(JsonNode o) {
    return o.has("status") ? EnrolmentStatus.valueOf(text(o, "status").toUpperCase(Locale.ROOT))
        : EnrolmentStatus.ACTIVE;
  }

  /**
   * A channel of the partners and members {@code events} names, for a run without a channel file:
   * each partner a dealer in region "unassigned" and country "ZZ", invoicing in the currency of its
   * first sale (or the program's only currency), enrolled on the day of the first activity; each
   * member a sales rep of the partner it first appears with. Lines that cannot be read are left to
   * the run, which reports them.
   */
  static Channel fromEvents(Path events, Program program) {
    Map<PartnerId, Currency> currencies = new LinkedHashMap<>();
    Map<MemberId, PartnerId> members = new LinkedHashMap<>();
    LocalDate[] first = new LocalDate[1];
    ZoneId zone = program.zone();
    Optional<Currency> only = program.pointValue().size() == 1
        ? Optional.of(program.pointValue().keySet().iterator().next()) : Optional.empty();
    try (InputStream in = Files.newInputStream(events)) {
      ActivityLines.forEach(in, line -> line.activity().ifPresent(a -> {
        LocalDate day = LocalDate.ofInstant(a.occurredAt(), zone);
        if (first[0] == null || day.isBefore(first[0])) {
          first[0] = day;
        }
        Optional<Currency> currency = a instanceof Sale sale ? Optional.of(sale.currency()) : Optional.empty();
        note(currencies, a.partner(), currency);
        a.member().ifPresent(m -> members.putIfAbsent(m, a.partner()));
        if (a instanceof Referral referral) {
          note(currencies, referral.referred(), Optional.empty());
        }
      }));
    } catch (IOException e) {
      throw new InputException("cannot read the events " + events + ": " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw new InputException("cannot read the events " + events + ": " + e.getMessage());
    }
    LocalDate enrolled = first[0] != null ? first[0] : LocalDate.of(2000, 1, 1);
    List<Partner> partners = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    currencies.forEach((id, currency) -> {
      Currency c = currency != null ? currency : only.orElse(null);
      if (c == null) {
        problems.add("partner " + id + " has no sale to tell its currency and the program pays in several; "
            + "give a --channel file");
      } else {
        partners.add(Partner.of(id, id.value(), PartnerType.DEALER, UNASSIGNED, "ZZ", c, enrolled));
      }
    });
    if (!problems.isEmpty()) {
      throw new InputException("cannot enrol the partners the events name", problems);
    }
    List<Member> people = new ArrayList<>();
    members.forEach((id, partner) -> people.add(Member.of(id, partner, id.value(), MemberRole.SALES_REP,
        Locale.ROOT, enrolled)));
    return Channel.of(partners, people);
  }

  private static void note(Map<PartnerId, Currency> currencies, PartnerId partner, Optional<Currency> currency) {
    if (currency.isPresent()) {
      currencies.merge(partner, currency.get(), (old, now) -> old != null ? old : now);
    } else {
      currencies.putIfAbsent(partner, null);
    }
  }
}
