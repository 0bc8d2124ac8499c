package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.claims.IdentityHash;
import dev.loyalty.core.claims.IdentityKind;
import dev.loyalty.core.claims.IdentityRecord;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IdentityStore} must do; a host's store extends it. A participant's detail is
 * recorded once, with the time of its first registration, which comes back exactly; holders of one
 * detail come back in the order added, and a participant's details too; the same hash of another
 * kind is another detail.
 */
public abstract class IdentityStoreContract {
  private static final byte[] SALT = "identity contract salt".getBytes(StandardCharsets.UTF_8);

  /** A new, empty store. Called once per test. */
  protected abstract IdentityStore createStore();

  /** 1 July 2026, with nanoseconds: a store must keep the time exactly. */
  private static final Instant T0 = Instant.parse("2026-07-01T09:30:00.123456789Z");

  private static IdentityRecord record(IdentityKind kind, String value, String participant, String partner) {
    return record(kind, value, participant, partner, T0);
  }

  private static IdentityRecord record(IdentityKind kind, String value, String participant, String partner,
      Instant at) {
    return new IdentityRecord(kind, IdentityHash.of(SALT, kind, value), participant.startsWith("rep")
        ? MemberId.of(participant) : PartnerId.of(participant), PartnerId.of(partner), at);
  }

  @Test
  void aDetailIsRecordedOncePerParticipant() {
    IdentityStore store = createStore();
    IdentityRecord a = record(IdentityKind.BANK_ACCOUNT, "IN12 3456", "dealer-a", "dealer-a");
    assertThat(store.add(a)).isTrue();
    assertThat(store.add(a)).isFalse();
    assertThat(store.holders(a.kind(), a.hash())).containsExactly(a);
    assertThat(store.of(PartnerId.of("dealer-a"))).containsExactly(a);
  }

  @Test
  void theFirstRegistrationAndItsTimeAreKept_aChangeIsAnotherDetailOfTheKind() {
    IdentityStore store = createStore();
    IdentityRecord first = record(IdentityKind.EMAIL, "owner@dealer-a.example", "dealer-a", "dealer-a");
    IdentityRecord again = record(IdentityKind.EMAIL, "OWNER@dealer-a.example ", "dealer-a", "dealer-a",
        T0.plus(Duration.ofDays(30)));
    IdentityRecord changed = record(IdentityKind.EMAIL, "someone@elsewhere.example", "dealer-a", "dealer-a",
        T0.plus(Duration.ofDays(40)).plusNanos(1));
    IdentityRecord old = record(IdentityKind.DELIVERY_ADDRESS, "12, MG Road", "rep-1", "dealer-a", Instant.EPOCH);

    assertThat(store.add(first)).isTrue();
    assertThat(store.add(again)).isFalse(); // the same detail (normalised), later: the first time stays
    assertThat(store.add(changed)).isTrue();
    assertThat(store.add(old)).isTrue();

    assertThat(store.of(PartnerId.of("dealer-a"))).containsExactly(first, changed);
    assertThat(store.holders(IdentityKind.EMAIL, first.hash())).singleElement()
        .satisfies(r -> assertThat(r.registeredAt()).isEqualTo(T0));
    assertThat(store.of(MemberId.of("rep-1"))).containsExactly(old);
  }

  @Test
  void holdersOfOneDetailAndTheDetailsOfOneParticipant() {
    IdentityStore store = createStore();
    IdentityRecord dealer = record(IdentityKind.PHONE, "+91 98100 12345", "dealer-a", "dealer-a");
    IdentityRecord rep = record(IdentityKind.PHONE, "919810012345", "rep-z", "dealer-z");
    IdentityRecord tax = record(IdentityKind.TAX_ID, "29ABCDE1234F1Z5", "dealer-a", "dealer-a");
    List.of(dealer, rep, tax).forEach(store::add);

    assertThat(dealer.hash()).isEqualTo(rep.hash()); // normalised before hashing
    assertThat(store.holders(IdentityKind.PHONE, dealer.hash())).containsExactly(dealer, rep);
    assertThat(store.holders(IdentityKind.TAX_ID, dealer.hash())).isEmpty(); // same hash, other kind
    assertThat(store.of(PartnerId.of("dealer-a"))).containsExactly(dealer, tax);
    assertThat(store.of(MemberId.of("rep-z"))).containsExactly(rep);
  }

  @Test
  void concurrentAddsLoseNothingAndDuplicateNothing() throws Exception {
    IdentityStore store = createStore();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int t = 0; t < 4; t++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 50; i++) {
            store.add(record(IdentityKind.BANK_ACCOUNT, "ACC" + (i % 10), "dealer-" + i, "dealer-" + i));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int a = 0; a < 10; a++) {
      assertThat(store.holders(IdentityKind.BANK_ACCOUNT, IdentityHash.of(SALT, IdentityKind.BANK_ACCOUNT, "ACC" + a)))
          .hasSize(5).extracting(IdentityRecord::participant).doesNotHaveDuplicates();
    }
  }
}
