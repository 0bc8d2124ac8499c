package dev.loyalty.core.program;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.loyalty.core.model.CampaignId;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checks the program records make themselves, beyond what the loader reports. */
class ProgramRecordsTest {

  @Test
  void campaignTarget_rejectsARegionNoPartnerCanHave() {
    // Partner regions are lower-case slugs, so "North" would silently match nobody.
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CampaignTarget(Set.of("North"), Set.of(), Set.of(), Set.of()))
        .withMessageContaining("region 'North' must be 1-50 lower-case letters");
  }

  @Test
  void campaignTarget_rejectsASegmentNoPartnerCanHave() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CampaignTarget(Set.of(), Set.of(), Set.of("key account"), Set.of()))
        .withMessageContaining("segment 'key account'");
  }

  @Test
  void campaign_rejectsABlankName() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Campaign(CampaignId.of("c"), " ", LocalDate.of(2026, 1, 1),
            LocalDate.of(2026, 1, 2), CampaignTarget.everyone(), 10, Map.of()))
        .withMessage("campaign c has a blank name");
  }

  @Test
  void tierCriteria_rejectsABlankRequiredCertification() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TierCriteria(Map.of(), Optional.empty(), 0, 0, Set.of("")))
        .withMessage("required certifications must not be blank");
  }
}
