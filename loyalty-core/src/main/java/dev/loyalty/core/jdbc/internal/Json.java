package dev.loyalty.core.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyalty.core.json.internal.JsonTreeReader;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.rules.RuleRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The small vocabulary the stores' JSON columns are written and read with: participants as {@code
 * "partner:<id>"} or {@code "member:<id>"}, rules as {@code {"id", "version"}}, instants in UTC
 * with every digit (so they read back equal), absent optionals as absent fields. What is stored
 * was written by these stores, so a value that does not read back is a corrupt row: it fails
 * with {@link IllegalStateException}.
 */
final class Json {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {
  }

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static String text(JsonNode node) {
    try {
      return JsonTreeReader.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  static JsonNode parse(String text) {
    try {
      return JsonTreeReader.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored JSON value does not parse: " + e.getOriginalMessage(), e);
    }
  }

  static String participant(ParticipantId p) {
    return p.kind() + ":" + p.value();
  }

  static ParticipantId participant(String text) {
    int colon = text.indexOf(':');
    String kind = colon < 0 ? "" : text.substring(0, colon);
    String value = text.substring(colon + 1);
    return switch (kind) {
      case "partner" -> PartnerId.of(value);
      case "member" -> MemberId.of(value);
      default -> throw new IllegalStateException("a stored participant '" + text + "' is neither partner: nor member:");
    };
  }

  static ObjectNode rule(RuleRef rule) {
    return object().put("id", rule.ruleId()).put("version", rule.version());
  }

  static RuleRef rule(JsonNode node) {
    return RuleRef.of(string(node, "id"), string(node, "version"));
  }

  static String string(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalStateException("a stored JSON value has no text field '" + field + "': " + node);
    }
    return value.textValue();
  }

  /** The text {@code node} holds: an element of a stored array of texts. */
  static String textValue(JsonNode node) {
    if (!node.isTextual()) {
      throw new IllegalStateException("a stored JSON value is not text: " + node);
    }
    return node.textValue();
  }

  static long number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
      throw new IllegalStateException("a stored JSON value has no whole number '" + field + "': " + node);
    }
    return value.longValue();
  }

  static boolean bool(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isBoolean()) {
      throw new IllegalStateException("a stored JSON value has no boolean '" + field + "': " + node);
    }
    return value.booleanValue();
  }

  static Optional<String> optional(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(string(node, field));
  }

  static Instant instant(JsonNode node, String field) {
    return Instant.parse(string(node, field));
  }

  static void put(ObjectNode node, String field, Optional<?> value) {
    value.ifPresent(v -> node.put(field, v.toString()));
  }

  static <T> ArrayNode array(List<T> values, Function<T, JsonNode> write) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(v -> array.add(write.apply(v)));
    return array;
  }

  static <T> List<T> list(JsonNode node, String field, Function<JsonNode, T> read) {
    JsonNode array = node.get(field);
    if (array == null || !array.isArray()) {
      throw new IllegalStateException("a stored JSON value has no array '" + field + "': " + node);
    }
    List<T> out = new ArrayList<>(array.size());
    array.forEach(element -> out.add(read.apply(element)));
    return out;
  }
}
