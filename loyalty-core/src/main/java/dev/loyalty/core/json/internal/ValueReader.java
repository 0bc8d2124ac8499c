package dev.loyalty.core.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Reads one value found at a path. Reports what is wrong with it to its {@link JsonTreeReader}
 * and returns empty if anything is; an empty result always comes with at least one problem.
 *
 * @param <T> what the value is read as
 */
@FunctionalInterface
public interface ValueReader<T> {
  /**
   * The value {@code node} holds.
   *
   * @param path where {@code node} is, for the problems ({@code $.lines[2].quantity})
   */
  Optional<T> read(JsonNode node, String path);
}
