package dev.loyalty.core.jdbc.internal;

import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How the engine's tables hold a participant: two columns, its kind ({@code 'P'} for a partner,
 * {@code 'M'} for a member) and its id, as in {@code loyalty_participant}.
 */
public final class Participants {
  private Participants() {
  }

  /** Binds {@code participant}'s kind and id to parameters {@code first} and {@code first + 1}. */
  public static void bind(PreparedStatement ps, int first, ParticipantId participant) throws SQLException {
    ps.setString(first, participant instanceof PartnerId ? "P" : "M");
    ps.setString(first + 1, participant.value());
  }

  /** The participant in columns {@code first} (kind) and {@code first + 1} (id) of the current row. */
  public static ParticipantId read(ResultSet rs, int first) throws SQLException {
    String id = rs.getString(first + 1);
    return "P".equals(rs.getString(first)) ? PartnerId.of(id) : MemberId.of(id);
  }
}
