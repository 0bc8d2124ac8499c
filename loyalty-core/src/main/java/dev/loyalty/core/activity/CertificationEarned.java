package dev.loyalty.core.activity;

import dev.loyalty.core.model.Names;
import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A certification was earned; it counts towards tiers while it is valid.
 *
 * @param header        never null
 * @param certification the certification's code; never null or blank
 * @param validUntil    the last day it is valid, if it lapses; never null
 */
public record CertificationEarned(ActivityHeader header, String certification, Optional<LocalDate> validUntil)
    implements Activity {
  public CertificationEarned {
    requireNonNull(header, "header");
    Names.requireText(certification, "certification", Names.MAX_TEXT);
    requireNonNull(validUntil, "validUntil");
  }

  @Override
  public String kind() {
    return "certification";
  }
}
