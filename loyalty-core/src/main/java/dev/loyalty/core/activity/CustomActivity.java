package dev.loyalty.core.activity;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A kind of activity the program defines itself ("demo-installed", "store-audit-passed"), with
 * typed attributes its rules read. Lets a program reward new behaviours without new code.
 *
 * @param header     never null
 * @param type       lower-case letters, digits and dashes; never null
 * @param attributes never null
 */
public record CustomActivity(ActivityHeader header, String type, Map<String, AttributeValue> attributes)
    implements Activity {
  private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,49}");

  public CustomActivity {
    requireNonNull(header, "header");
    requireNonNull(type, "type");
    if (!TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException("custom activity type '" + type
          + "' must be 1-50 lower-case letters, digits or dashes");
    }
    attributes = Map.copyOf(requireNonNull(attributes, "attributes"));
  }

  @Override
  public String kind() {
    return "custom";
  }

  /** The attribute called {@code name}, if present. */
  public Optional<AttributeValue> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }
}
