package dev.loyalty.core.rewards;

import static dev.loyalty.core.rewards.CatalogDocuments.ACME;
import static dev.loyalty.core.rewards.CatalogDocuments.AUGUST;
import static dev.loyalty.core.rewards.CatalogDocuments.dealer;
import static dev.loyalty.core.rewards.CatalogDocuments.item;
import static dev.loyalty.core.rewards.CatalogDocuments.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.ProgramLoader;
import dev.loyalty.core.spi.CatalogStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Publishing catalog versions at runtime, and the terms a redemption keeps. */
class CatalogVersionsTest {
  private static final CatalogItemId WATCH = CatalogItemId.of("SMARTWATCH-X2");

  private final Catalog july = CatalogDocuments.example();
  private final Catalog august = load(d -> {
    d.put("version", "2026-08");
    item(d, 0).put("points", 13_000);
    d.withArray("items").remove(9);
  });
  private final CatalogVersions versions = CatalogVersions.inMemory(july);

  /** Everything a holder answers, for checking that a refusal changed none of it. */
  private record State(Catalog current, List<CatalogVersion> versions, Map<CatalogVersion, Catalog> stored) {
  }

  private State state() {
    return new State(versions.current(), versions.versions(), versions.versions().stream()
        .collect(Collectors.toMap(Function.identity(), v -> versions.version(v).orElseThrow())));
  }

  private void refused(ThrowingCallable call, Class<? extends Throwable> type, String... messageParts) {
    State before = state();
    var thrown = assertThatThrownBy(call).isInstanceOf(type);
    for (String part : messageParts) {
      thrown.hasMessageContaining(part);
    }
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void theFirstCatalogIsCurrent() {
    assertThat(versions.current()).isSameAs(july);
    assertThat(versions.versions()).containsExactly(CatalogVersion.of("2026-07"));
    assertThat(versions.program()).isEqualTo(ACME);
  }

  @Test
  void aNewVersionBecomesCurrent_andTheOldOneIsKept() {
    assertThat(versions.publish(august)).isSameAs(august);

    assertThat(versions.current()).isSameAs(august);
    assertThat(versions.versions()).containsExactly(CatalogVersion.of("2026-07"), CatalogVersion.of("2026-08"));
    assertThat(versions.version(CatalogVersion.of("2026-07"))).contains(july);
  }

  @Test
  void aRedemptionKeepsTheTermsOfTheVersionItWasMadeUnder() {
    Participant sharma = Participant.partner(dealer(), Optional.empty());
    Offer offered = versions.current().visibleTo(sharma, AUGUST).get(0);

    versions.publish(august);

    assertThat(versions.terms(offered.id(), offered.version()).points()).isEqualTo(12_000);
    assertThat(versions.terms(offered.id(), offered.version())).isEqualTo(offered.item());
    assertThat(versions.terms(WATCH, CatalogVersion.of("2026-08")).points()).isEqualTo(13_000);
    // An item the new version dropped keeps its old terms too.
    assertThat(versions.terms(CatalogItemId.of("TREES-100"), CatalogVersion.of("2026-07")).points()).isEqualTo(1_000);
  }

  @Test
  void publishingAVersionAgain_goesBackToIt() {
    versions.publish(august);

    assertThat(versions.publish(CatalogDocuments.example())).isEqualTo(july);

    assertThat(versions.current()).isEqualTo(july);
    assertThat(versions.versions()).hasSize(2);
  }

  @Test
  void theSameFileWithoutAVersion_loadedTwice_isOneVersion() {
    Catalog first = load(d -> d.remove("version"));
    versions.publish(first);
    versions.publish(load(d -> d.remove("version")));

    assertThat(versions.versions()).containsExactly(CatalogVersion.of("2026-07"), first.version());
  }

  // --- refusals, each changing nothing

  @Test
  void aVersionPublishedAgainWithOtherTerms() {
    versions.publish(august);
    Catalog changedJuly = load(d -> item(d, 0).put("points", 9_999));

    refused(() -> versions.publish(changedJuly), CatalogVersionConflictException.class, "catalog version 2026-07",
        "already published with other content");
  }

  @Test
  void aCatalogOfAnotherProgram() {
    Program other = ProgramLoader.fromJson(CatalogDocuments.text(CatalogDocuments.PROGRAM)
        .replace("\"acme-channel-2026\"", "\"globex-2026\""));
    Catalog globex = CatalogLoader.fromJson(CatalogDocuments.exampleWith(d -> {
      d.remove("program");
      d.put("version", "globex-1");
    }), other);

    refused(() -> versions.publish(globex), IllegalArgumentException.class,
        "catalog globex-1 of globex-2026 (10 items) belongs to another program than the catalog versions of "
            + "acme-channel-2026");
  }

  @Test
  void aCatalogOfAnotherDefinitionOfTheSameProgram() {
    Program changed = ProgramLoader.fromJson(CatalogDocuments.text(CatalogDocuments.PROGRAM)
        .replace("\"INR\": \"0.25\"", "\"INR\": \"0.30\""));
    Catalog catalog = CatalogLoader.fromJson(CatalogDocuments.exampleWith(d -> d.put("version", "2026-09")), changed);

    refused(() -> versions.publish(catalog), IllegalArgumentException.class, "(its definition differs)");
  }

  @Test
  void termsOfAnUnknownVersionOrItem() {
    refused(() -> versions.terms(WATCH, CatalogVersion.of("1999")), UnknownCatalogVersionException.class,
        "no catalog version 1999 was published");
    refused(() -> versions.terms(CatalogItemId.of("GHOST"), CatalogVersion.of("2026-07")),
        UnknownCatalogItemException.class, "catalog version 2026-07 has no item GHOST");
  }

  // --- a store that already has versions

  @Test
  void aStoreWithACurrentCatalog_keepsIt() {
    CatalogStore store = CatalogStore.inMemory();
    store.publish(july);
    store.publish(august);

    CatalogVersions restarted = CatalogVersions.using(store, july);

    assertThat(restarted.current()).isEqualTo(august);
    assertThat(restarted.versions()).hasSize(2);
  }

  @Test
  void anEmptyStore_startsWithTheInitialCatalog() {
    CatalogStore store = CatalogStore.inMemory();

    CatalogVersions started = CatalogVersions.using(store, july);

    assertThat(started.current()).isEqualTo(july);
    assertThat(store.versions()).containsExactly(july.version());
  }

  @Test
  void aStoreOfAnotherProgram_isRefused() {
    Program other = ProgramLoader.fromJson(CatalogDocuments.text(CatalogDocuments.PROGRAM)
        .replace("\"acme-channel-2026\"", "\"globex-2026\""));
    CatalogStore store = CatalogStore.inMemory();
    store.publish(CatalogLoader.fromJson(CatalogDocuments.exampleWith(d -> d.remove("program")), other));

    assertThatThrownBy(() -> CatalogVersions.using(store, july)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("belongs to another program");
    assertThat(store.versions()).hasSize(1);
  }
}
