package dev.loyalty.core.jdbc.internal;

import dev.loyalty.core.model.EnrolmentStatus;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How {@code loyalty_partner} and {@code loyalty_member} rows are read: the statements that read a
 * partner with its parents and a member, and their rows as values. Shared by {@code
 * JdbcPartnerDirectory} and the reads a partner's transaction sends with its lock ({@link
 * PartnerTransactions}). Stateless.
 */
public final class PartnerRows {
  /** A partner's columns, in the order {@link #partner} reads them. */
  public static final String PARTNERS = "SELECT id, name, type, parent_id, region, country, currency, segments, "
      + "enrolled_on, status FROM loyalty_partner ";
  private static final int CHAIN_DEPTH = 16;
  /**
   * A partner and its parents up the hierarchy, the partner first (parameter: its id; at most
   * {@value #CHAIN_DEPTH} levels, which also ends a cycle).
   */
  public static final String CHAIN = "WITH RECURSIVE chain AS (SELECT p.*, 1 AS depth FROM loyalty_partner p "
      + "WHERE id = ? UNION ALL SELECT p.*, c.depth + 1 FROM loyalty_partner p JOIN chain c ON p.id = c.parent_id "
      + "WHERE c.depth < " + CHAIN_DEPTH + ") SELECT id, name, type, parent_id, region, country, "
      + "currency, segments, enrolled_on, status FROM chain ORDER BY depth";
  /** A member's columns, in the order {@link #member} reads them. */
  public static final String MEMBERS = "SELECT id, partner_id, name, role, locale, enrolled_on, status "
      + "FROM loyalty_member ";
  /** A member by id (parameter: its id). */
  public static final String MEMBER = MEMBERS + "WHERE id = ?";

  private PartnerRows() {
  }

  /** The partner in the current row ({@link #PARTNERS}' columns). */
  public static Partner partner(ResultSet rs) throws SQLException {
    Set<String> segments = new HashSet<>(Arrays.asList((String[]) rs.getArray(8).getArray()));
    return new Partner(PartnerId.of(rs.getString(1)), rs.getString(2), PartnerType.of(rs.getString(3)),
        Optional.ofNullable(rs.getString(4)).map(PartnerId::of), rs.getString(5), rs.getString(6),
        Currency.getInstance(rs.getString(7)), segments, rs.getDate(9).toLocalDate(),
        EnrolmentStatus.valueOf(rs.getString(10)));
  }

  /** The member in the current row ({@link #MEMBERS}' columns). */
  public static Member member(ResultSet rs) throws SQLException {
    return new Member(MemberId.of(rs.getString(1)), PartnerId.of(rs.getString(2)), rs.getString(3),
        MemberRole.of(rs.getString(4)), Locale.forLanguageTag(rs.getString(5)), rs.getDate(6).toLocalDate(),
        EnrolmentStatus.valueOf(rs.getString(7)));
  }
}
