package dev.loyalty.core.insights.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.loyalty.core.model.ParticipantId;
import java.io.IOException;
import java.util.Optional;

/**
 * How the insights' records read in JSON with a plain Jackson {@code ObjectMapper} (no modules):
 * an empty {@code Optional} is {@code null}, a present one its content, a participant {@code
 * {"kind": "partner", "id": "dealer-a"}}. The records name these with {@code @JsonSerialize}.
 */
public final class Json {
  private Json() {
  }

  /** An optional value written as its text ({@code toString()}: a tier's or a day's), or null. */
  public static final class OptionalText extends StdSerializer<Optional<?>> {
    private static final long serialVersionUID = 1L;

    /** Jackson's constructor. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public OptionalText() {
      super((Class) Optional.class);
    }

    @Override
    public void serialize(Optional<?> value, JsonGenerator json, SerializerProvider provider) throws IOException {
      if (value.isPresent()) {
        json.writeString(value.get().toString());
      } else {
        json.writeNull();
      }
    }
  }

  /** An optional value: its content as Jackson writes it, or null. */
  public static final class OptionalValue extends StdSerializer<Optional<?>> {
    private static final long serialVersionUID = 1L;

    /** Jackson's constructor. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public OptionalValue() {
      super((Class) Optional.class);
    }

    @Override
    public void serialize(Optional<?> value, JsonGenerator json, SerializerProvider provider) throws IOException {
      if (value.isPresent()) {
        provider.defaultSerializeValue(value.get(), json);
      } else {
        json.writeNull();
      }
    }
  }

  /** A participant: its kind and id. */
  public static final class Participant extends StdSerializer<ParticipantId> {
    private static final long serialVersionUID = 1L;

    /** Jackson's constructor. */
    public Participant() {
      super(ParticipantId.class);
    }

    @Override
    public void serialize(ParticipantId value, JsonGenerator json, SerializerProvider provider) throws IOException {
      json.writeStartObject();
      json.writeStringField("kind", value.kind());
      json.writeStringField("id", value.value());
      json.writeEndObject();
    }
  }
}
