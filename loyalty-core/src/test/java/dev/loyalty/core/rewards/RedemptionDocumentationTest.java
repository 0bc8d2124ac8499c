package dev.loyalty.core.rewards;

import static dev.loyalty.core.rewards.CatalogDocuments.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.spi.InMemoryPartnerDirectory;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.testing.DocumentedJson;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.Entry;
import dev.loyalty.ledger.Expiry;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.Ledger;
import dev.loyalty.ledger.TransferRequest;
import dev.loyalty.ledger.spi.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the redemption half of docs/REWARDS.md honest: the lifecycle table is exactly the moves
 * {@link RedemptionStatus} allows and the diagram names every state, the errors table names every
 * redemption exception, the events table every redemption event, and the examples run as written
 * (against the example program and catalog).
 */
class RedemptionDocumentationTest {
  private static final Path DOC = Path.of("../docs/REWARDS.md");

  private static String doc() throws IOException {
    return Files.readString(DOC);
  }

  private static String section(String heading) throws IOException {
    String text = doc();
    int start = text.indexOf("\n## " + heading + "\n");
    assertThat(start).as("section " + heading).isNotNegative();
    int end = text.indexOf("\n## ", start + 1);
    return end < 0 ? text.substring(start) : text.substring(start, end);
  }

  @Test
  void theLifecycleTableIsExactlyTheMovesTheStatesAllow() throws IOException {
    Set<String> documented = new HashSet<>();
    Matcher row = Pattern.compile("(?m)^\\| ([A-Z_]+) \\| ([A-Z_]+) \\|").matcher(section("The redemption lifecycle"));
    while (row.find()) {
      documented.add(row.group(1) + " -> " + row.group(2));
    }
    Set<String> allowed = new HashSet<>();
    for (RedemptionStatus from : RedemptionStatus.values()) {
      for (RedemptionStatus to : RedemptionStatus.values()) {
        if (from.canMoveTo(to)) {
          allowed.add(from + " -> " + to);
        }
      }
    }
    assertThat(documented).isEqualTo(allowed);
  }

  @Test
  void theDiagramNamesEveryStateAndTheFinalOnesAreListed() throws IOException {
    String lifecycle = section("The redemption lifecycle");
    String diagram = DocumentedJson.blocks(DOC).stream().filter(b -> b.language().equals("text")
        && b.content().contains("REQUESTED")).findFirst().orElseThrow().content();
    for (RedemptionStatus status : RedemptionStatus.values()) {
      assertThat(diagram).contains(status.name());
      if (status.isFinal()) {
        assertThat(lifecycle).contains("`" + status.name() + "`");
      }
    }
  }

  @Test
  void theErrorsTableNamesEveryRedemptionException() throws IOException {
    String errors = section("Errors of redemption");
    List<Class<? extends LoyaltyException>> exceptions = List.of(ItemNotAvailableException.class,
        RedemptionLimitException.class, OutOfStockException.class, NoCodeAvailableException.class,
        InsufficientPointsException.class, RedemptionNotPermittedException.class, FulfilmentRefusedException.class,
        RedemptionRefusedException.class, DuplicateRedemptionException.class, UnknownRedemptionException.class,
        RedemptionStateException.class);
    for (Class<?> type : exceptions) {
      assertThat(errors).contains("| `" + type.getSimpleName() + "` |");
    }
    long refusals = exceptions.stream().filter(RedemptionRefusedException.class::isAssignableFrom).count();
    assertThat(errors).contains("the root of the " + (refusals == 8 ? "seven" : "?") + " above");
  }

  @Test
  void theEventsTableNamesEveryRedemptionEventWithItsId() throws IOException {
    String events = section("Events and statements");
    List<String> kinds = Arrays.stream(LoyaltyEvent.class.getPermittedSubclasses()).map(Class::getSimpleName)
        .filter(n -> n.startsWith("Redemption")).toList();
    assertThat(kinds).containsExactlyInAnyOrder("RedemptionChanged", "RedemptionRefunded");
    kinds.forEach(k -> assertThat(events).contains("| `" + k + "` |"));
    assertThat(events).contains("`redemption:<id>:<status>`", "`redemption:<id>:refund:<reference>`");
  }

  @Test
  void theExampleRunsAsWritten() {
    TestClock clock = new TestClock(CatalogDocuments.AUGUST);
    Ledger ledger = Ledger.inMemory(clock);
    InMemoryPartnerDirectory directory = PartnerDirectory.inMemory()
        .put(Partner.of(PartnerId.of("sharma"), "Sharma Electricals", PartnerType.DEALER, "north", "IN",
            Currency.getInstance("INR"), LocalDate.of(2026, 1, 1)))
        .put(Member.of(MemberId.of("ravi"), PartnerId.of("sharma"), "Ravi Kumar", MemberRole.SALES_REP,
            Locale.forLanguageTag("en-IN"), LocalDate.of(2026, 1, 1)))
        .put(Member.of(MemberId.of("anita"), PartnerId.of("sharma"), "Anita Sharma", MemberRole.OWNER,
            Locale.forLanguageTag("en-IN"), LocalDate.of(2026, 1, 1)));
    List<String> codesFromTheVendor = List.of("AMZ-0001", "AMZ-0002");
    List<String> issued = new ArrayList<>();
    // the doc's port, with a provider that issues a card per redemption
    FulfilmentPort giftCards = order -> {
      if (order.provider().isEmpty()) {
        return FulfilmentResult.pending();
      }
      issued.add(order.redemption().value());
      return FulfilmentResult.done("CARD-" + order.redemption());
    };

    CatalogVersions catalogs = CatalogVersions.inMemory(CatalogDocuments.example());
    LoyaltyEngine engine = LoyaltyEngine.builder(ACME, new SampleRules())
        .ledger(ledger)
        .directory(directory)
        .rewards(RewardsSetup.builder(catalogs)
            .fulfilment(giftCards)
            .organisationWallet(RedemptionPermission.owners())
            .build())
        .build();
    Rewards rewards = engine.rewards();
    for (var wallet : List.of(ACME.accounts().wallet(MemberId.of("ravi")), ACME.accounts().wallet(PartnerId.of("sharma")))) {
      ledger.openAccount(wallet, AccountType.WALLET);
      ledger.transfer(TransferRequest.of(IdempotencyKey.of("doc:" + wallet), "earn",
          Entry.debit(ACME.accounts().issuance(), 20_000), Entry.credit(wallet, 20_000, Expiry.never())));
    }

    rewards.loadCodes("amazon-in-500", codesFromTheVendor);
    List<Offer> offers = rewards.offers(MemberId.of("ravi"));

    Redemption voucher = rewards.redeem(RedemptionRequest.byMember(RedemptionId.of("ORD-1001"),
        MemberId.of("ravi"), CatalogItemId.of("AMAZON-500")));

    Redemption watch = rewards.redeem(RedemptionRequest.fromOrganisation(RedemptionId.of("ORD-1002"),
        PartnerId.of("sharma"), MemberId.of("anita"), CatalogItemId.of("SMARTWATCH-X2")));
    Redemption shipped = rewards.ship(watch.id(), Shipment.of("Blue Dart", "BD123456789IN"));
    Redemption delivered = rewards.deliver(watch.id());

    assertThat(offers).extracting(Offer::id).contains(CatalogItemId.of("AMAZON-500"),
        CatalogItemId.of("SMARTWATCH-X2"));
    assertThat(voucher.status()).isEqualTo(RedemptionStatus.FULFILLED);
    assertThat(voucher.codes()).containsExactly("AMZ-0001");
    assertThat(watch.status()).isEqualTo(RedemptionStatus.ORDERED);
    assertThat(shipped.status()).isEqualTo(RedemptionStatus.SHIPPED);
    assertThat(delivered.status()).isEqualTo(RedemptionStatus.DELIVERED);
    assertThat(engine.balance(PartnerId.of("sharma")).posted()).isEqualTo(20_000 - 12_000);
    // the port: a provider's card at once, cashback waits for the host
    Redemption card = rewards.redeem(RedemptionRequest.byMember(RedemptionId.of("ORD-1003"), MemberId.of("ravi"),
        CatalogItemId.of("FUEL-CARD-1000")));
    Redemption cashback = rewards.redeem(RedemptionRequest.byMember(RedemptionId.of("ORD-1004"), MemberId.of("ravi"),
        CatalogItemId.of("CASHBACK-5000")));
    assertThat(card.reference()).contains("CARD-ORD-1003");
    assertThat(issued).containsExactly("ORD-1003");
    assertThat(cashback.status()).isEqualTo(RedemptionStatus.ORDERED);
  }
}
