package dev.loyalty.core.activity;

import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import java.time.Instant;
import java.util.Optional;

/**
 * Something a partner or member did that a program can reward. Immutable; the family is closed so
 * that rules and the engine can treat every kind exhaustively; {@link CustomActivity} carries the
 * kinds a program defines itself.
 */
public sealed interface Activity
    permits Sale, SaleReturn, TrainingCompleted, CertificationEarned, Referral, SellThroughReport,
    ReportSubmission, CustomActivity {

  /** Who did it and when; never null. */
  ActivityHeader header();

  /** The kind as written in JSON ("sale", "return", ...); never null. */
  String kind();

  /** The source system's id; never null. */
  default ActivityId id() {
    return header().id();
  }

  /** The organisation; never null. */
  default PartnerId partner() {
    return header().partner();
  }

  /** The individual, if any; never null. */
  default Optional<MemberId> member() {
    return header().member();
  }

  /** When it happened; never null. */
  default Instant occurredAt() {
    return header().occurredAt();
  }
}
