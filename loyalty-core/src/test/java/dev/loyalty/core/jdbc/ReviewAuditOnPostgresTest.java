package dev.loyalty.core.jdbc;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static dev.loyalty.core.testing.ChannelFixture.reviewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.access.AccessRefusedException;
import dev.loyalty.core.access.Actor;
import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.AuditOutcome;
import dev.loyalty.core.access.AuditRecord;
import dev.loyalty.core.access.Roles;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.spi.AuditStoreContract;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.EngineDatabase;
import dev.loyalty.core.testing.SampleRules;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reviews on an engine whose every store, the audit log's included, is in PostgreSQL: a review is
 * one transaction, and its audit entry is appended outside it, so a refused review, whose
 * transaction is rolled back, keeps its REFUSED entry, and an allowed one is audited once.
 */
class ReviewAuditOnPostgresTest {
  private static final Instant T0 = LocalDateTime.parse("2026-07-02T10:00").atZone(ZONE).toInstant();
  private static final PartnerId DEALER = DEALERS.get(0);

  @Test
  void aRefusedReviewKeepsItsAuditEntry_andAnAllowedOneIsAuditedOnce() {
    ChannelFixture f = ChannelFixture.onPostgres(T0, ChannelFixture.program(300),
        SampleRules.reviewing(quantity -> quantity == 3, "three"), EngineDatabase.fresh());
    Receipt held = f.engine.record(ChannelFixture.sale("INV-1", DEALER, Optional.of(rep(DEALER, 1)), T0, "CAB-25",
        "cables", 3, "10000"));
    assertThat(held.status()).isEqualTo(Receipt.Status.IN_REVIEW);
    Actor maker = Actor.of(ActorId.of(rep(DEALER, 1).value()), Roles.REVIEWER);

    assertThatThrownBy(() -> f.engine.approve(held.activity(), maker, "my own sale"))
        .isInstanceOf(AccessRefusedException.class);
    assertThat(f.engine.receipt(held.activity()).orElseThrow().status()).isEqualTo(Receipt.Status.IN_REVIEW);
    f.engine.approve(held.activity(), reviewer("auditor"), "checked");

    List<AuditRecord> audited = AuditStoreContract.everyEntry(f.engine.audit()).stream().map(e -> e.record())
        .toList();
    assertThat(audited).extracting(AuditRecord::action).containsExactly("review.approve", "review.approve");
    assertThat(audited.get(0).outcome()).isEqualTo(AuditOutcome.REFUSED);
    assertThat(audited.get(0).code()).contains("MAKER_CANNOT_CHECK");
    assertThat(audited.get(0).actor()).isEqualTo(maker.id());
    assertThat(audited.get(1).outcome()).isEqualTo(AuditOutcome.ALLOWED);
    assertThat(audited.get(1).after()).containsEntry("status", "RECORDED");
    // in the database, where a second instance reads them
    assertThat(JdbcAuditStore.using(EngineDatabase.dataSource()).after(0, 10)).hasSize(2);
    assertThat(f.engine.audit().verify().intact()).isTrue();
    assertThat(f.engine.receipt(ActivityId.of("INV-1")).orElseThrow().status()).isEqualTo(Receipt.Status.RECORDED);
  }
}
