package dev.loyalty.core.rewards;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyalty.core.InputProblem;
import dev.loyalty.core.model.EnrolmentStatus;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramLoader;
import dev.loyalty.core.testing.DocumentedJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** The example catalog and program the tests load, variations of them, and participants. */
final class CatalogDocuments {
  static final String CATALOG = "/catalogs/acme-rewards-2026.json";
  static final String PROGRAM = "/programs/acme-channel-2026.json";

  static final Program ACME = ProgramLoader.fromPath(path(PROGRAM));
  static final TierId SILVER = TierId.of("silver");
  static final TierId GOLD = TierId.of("gold");
  static final Currency INR = Currency.getInstance("INR");
  static final Currency USD = Currency.getInstance("USD");

  /** 20 August 2026, 10:00 in India: inside the Dubai meet's July-September window. */
  static final Instant AUGUST = Instant.parse("2026-08-20T04:30:00Z");

  // Only for building test documents; the loader under test has its own, stricter settings.
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CatalogDocuments() {
  }

  static String text(String resource) {
    return DocumentedJson.resourceText(resource);
  }

  static Path path(String resource) {
    return DocumentedJson.resourcePath(resource);
  }

  /** The example catalog. */
  static Catalog example() {
    return CatalogLoader.fromPath(path(CATALOG), ACME);
  }

  /** The example as a tree a test may change. */
  static ObjectNode tree() {
    try {
      return (ObjectNode) MAPPER.readTree(text(CATALOG));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Item {@code index} of {@code document}. */
  static ObjectNode item(ObjectNode document, int index) {
    return (ObjectNode) document.withArray("items").get(index);
  }

  /** The example after {@code change}. */
  static String exampleWith(Consumer<ObjectNode> change) {
    ObjectNode document = tree();
    change.accept(document);
    return document.toString();
  }

  /** The catalog the example defines after {@code change}. */
  static Catalog load(Consumer<ObjectNode> change) {
    return CatalogLoader.fromJson(exampleWith(change), ACME);
  }

  /** The problems the loader reports for the example after {@code change}. */
  static List<InputProblem> problems(Consumer<ObjectNode> change) {
    return problemsOf(exampleWith(change));
  }

  /** The problems the loader reports for {@code json}; fails if it loads. */
  static List<InputProblem> problemsOf(String json) {
    CatalogDefinitionException[] refused = new CatalogDefinitionException[1];
    assertThatThrownBy(() -> CatalogLoader.fromJson(json, ACME))
        .isInstanceOfSatisfying(CatalogDefinitionException.class, e -> refused[0] = e);
    return refused[0].problems();
  }

  // --- participants

  /** An active dealer in the north of India, invoicing in INR. */
  static Partner dealer() {
    return new Partner(PartnerId.of("sharma"), "Sharma Electricals", PartnerType.DEALER, Optional.empty(), "north",
        "IN", INR, Set.of(), LocalDate.of(2025, 4, 1), EnrolmentStatus.ACTIVE);
  }

  /** An active distributor in the west of India. */
  static Partner distributor() {
    return new Partner(PartnerId.of("mehta"), "Mehta Distributors", PartnerType.DISTRIBUTOR, Optional.empty(), "west",
        "IN", INR, Set.of(), LocalDate.of(2024, 1, 1), EnrolmentStatus.ACTIVE);
  }

  /** A member of {@code partner} in {@code role}, reading {@code tag}. */
  static Member member(Partner partner, MemberRole role, String tag) {
    return Member.of(MemberId.of(partner.id().value() + "-" + role.name()), partner.id(), "A " + role.name(), role,
        Locale.forLanguageTag(tag), LocalDate.of(2025, 6, 1));
  }
}
