package dev.loyalty.core.activity;

import dev.loyalty.core.model.Names;
import static java.util.Objects.requireNonNull;

/**
 * A member (or the partner's staff as a whole) completed a training course.
 *
 * @param header never null
 * @param course the course code; never null or blank
 */
public record TrainingCompleted(ActivityHeader header, String course) implements Activity {
  public TrainingCompleted {
    requireNonNull(header, "header");
    Names.requireText(course, "course", Names.MAX_TEXT);
  }

  @Override
  public String kind() {
    return "training";
  }
}
