package dev.loyalty.core.jdbc;

import static dev.loyalty.core.jdbc.internal.PartnerRows.CHAIN;
import static dev.loyalty.core.jdbc.internal.PartnerRows.MEMBER;
import static dev.loyalty.core.jdbc.internal.PartnerRows.MEMBERS;
import static dev.loyalty.core.jdbc.internal.PartnerRows.PARTNERS;
import static java.util.Objects.requireNonNull;

import dev.loyalty.core.internal.Enrolments;
import dev.loyalty.core.jdbc.internal.Database;
import dev.loyalty.core.jdbc.internal.PartnerRows;
import dev.loyalty.core.jdbc.internal.PrefetchedReads;
import dev.loyalty.core.jdbc.internal.Rows;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.spi.PartnerRegistry;
import dev.loyalty.ledger.jdbc.JdbcUnitOfWork;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * A {@link PartnerRegistry} in PostgreSQL, for hosts without partner tables of their own: one row
 * per partner ({@code loyalty_partner}) and per member ({@code loyalty_member}), in plain columns a
 * host can read and a DBA can load. {@link #enrol} writes a bulk import in one transaction with one
 * statement per table, checked first (the parents and partners it refers to must be enrolled or
 * come with it) and guarded by foreign keys checked at commit. Joins the calling thread's {@code
 * JdbcUnitOfWork} on the same data source, and within one unit reads each partner and member once
 * (an activity looks its partner up many times). Thread-safe; safe for many application instances.
 */
public final class JdbcPartnerDirectory implements PartnerRegistry {

  private final Database db;

  private JdbcPartnerDirectory(DataSource dataSource) {
    this.db = new Database(dataSource, "partner directory");
  }

  /** The directory in the database of {@code dataSource}, migrated with {@link PostgresStores#migrate()}. */
  public static JdbcPartnerDirectory using(DataSource dataSource) {
    return new JdbcPartnerDirectory(dataSource);
  }

  /** What this directory read during the calling thread's unit of work, by id: the unit sees one directory. */
  private Map<Object, Optional<?>> seen() {
    return JdbcUnitOfWork.unitValue(db.dataSource(), this, HashMap<Object, Optional<?>>::new).orElseGet(HashMap::new);
  }

  /** What {@code read} finds for {@code id}, read once per unit of work. */
  private <T> Optional<T> once(Object id, Function<Object, Optional<T>> read) {
    Map<Object, Optional<?>> seen = seen();
    @SuppressWarnings("unchecked")
    Optional<T> known = (Optional<T>) seen.get(id);
    if (known != null) {
      return known;
    }
    Optional<T> found = read.apply(id);
    seen.put(id, found);
    return found;
  }

  /** Within a unit of work, the partner's parents come with it (rules look at them next): one round trip. */
  @Override
  public Optional<Partner> partner(PartnerId id) {
    return once(requireNonNull(id, "id"), key -> read((PartnerId) key));
  }

  private Optional<Partner> read(PartnerId id) {
    // read with the partner's lock, if the unit is the partner's work and its reads were sent
    Optional<List<Partner>> prefetched = PrefetchedReads.takeChain(db.dataSource(), id);
    if (prefetched.isEmpty() && JdbcUnitOfWork.current(db.dataSource()).isEmpty()) {
      return rows(PARTNERS + "WHERE id = ?", Optional.of(id.value()), PartnerRows::partner).stream()
          .findFirst();
    }
    List<Partner> chain = prefetched.orElseGet(() -> rows(CHAIN, Optional.of(id.value()), PartnerRows::partner));
    Map<Object, Optional<?>> seen = seen();
    chain.stream().skip(1).forEach(parent -> seen.putIfAbsent(parent.id(), Optional.of(parent)));
    return chain.stream().findFirst().filter(p -> p.id().equals(id));
  }

  @Override
  public Optional<Member> member(MemberId id) {
    return once(requireNonNull(id, "id"), key -> read((MemberId) key));
  }

  private Optional<Member> read(MemberId id) {
    return PrefetchedReads.takeMember(db.dataSource(), id).orElseGet(() ->
        rows(MEMBER, Optional.of(id.value()), PartnerRows::member).stream().findFirst());
  }

  /** Every partner, by id (byte order, as Java compares ids), in one statement (for reports). */
  @Override
  public List<Partner> partners() {
    return rows(PARTNERS + "ORDER BY id COLLATE \"C\"", Optional.empty(), PartnerRows::partner);
  }

  /** Every member, by id (byte order), in one statement (for reports). */
  @Override
  public List<Member> members() {
    return rows(MEMBERS + "ORDER BY id COLLATE \"C\"", Optional.empty(), PartnerRows::member);
  }

  /** The rows {@code sql} finds, with {@code id} as its parameter if it has one. */
  private <T> List<T> rows(String sql, Optional<String> id, Rows.Reader<T> row) {
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (id.isPresent()) {
          ps.setString(1, id.get());
        }
        return Rows.list(ps, row);
      }
    });
  }

  @Override
  public JdbcPartnerDirectory put(Partner partner) {
    return enrol(List.of(requireNonNull(partner, "partner")), List.of());
  }

  @Override
  public JdbcPartnerDirectory put(Member member) {
    return enrol(List.of(), List.of(requireNonNull(member, "member")));
  }

  @Override
  public JdbcPartnerDirectory enrol(Collection<Partner> partners, Collection<Member> members) {
    List<Partner> p = List.copyOf(requireNonNull(partners, "partners"));
    List<Member> m = List.copyOf(requireNonNull(members, "members"));
    db.run(c -> {
      Set<PartnerId> enrolled = enrolled(c, p, m);
      Enrolments.check(p, m, enrolled::contains);
      insertPartners(c, p);
      insertMembers(c, m);
      seen().clear();
      return null;
    });
    return this;
  }

  /** Which of the partners the call refers to are enrolled (locked, so that none goes meanwhile). */
  private static Set<PartnerId> enrolled(Connection c, List<Partner> partners, List<Member> members)
      throws SQLException {
    Set<String> referred = new HashSet<>();
    partners.forEach(p -> p.parent().ifPresent(parent -> referred.add(parent.value())));
    members.forEach(m -> referred.add(m.partner().value()));
    Set<PartnerId> found = new HashSet<>();
    if (referred.isEmpty()) {
      return found;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM loyalty_partner WHERE id = ANY (?) FOR SHARE")) {
      ps.setArray(1, c.createArrayOf("varchar", referred.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(PartnerId.of(rs.getString(1)));
        }
      }
    }
    return found;
  }

  private static void insertPartners(Connection c, List<Partner> partners) throws SQLException {
    if (partners.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_partner AS t (id, name, type, parent_id, region, "
        + "country, currency, segments, enrolled_on, status) "
        + "SELECT id, name, type, parent_id, region, country, currency, string_to_array(segments, ' '), enrolled_on, "
        + "status FROM unnest(?::varchar[], ?::text[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], "
        + "?::varchar[], ?::text[], ?::date[], ?::varchar[]) AS p(id, name, type, parent_id, region, country, currency, "
        + "segments, enrolled_on, status) "
        + "ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type, parent_id = excluded.parent_id, "
        + "region = excluded.region, country = excluded.country, currency = excluded.currency, "
        + "segments = excluded.segments, enrolled_on = excluded.enrolled_on, status = excluded.status")) {
      ps.setArray(1, c.createArrayOf("varchar", partners.stream().map(p -> p.id().value()).toArray()));
      ps.setArray(2, c.createArrayOf("text", partners.stream().map(Partner::name).toArray()));
      ps.setArray(3, c.createArrayOf("varchar", partners.stream().map(p -> p.type().name()).toArray()));
      ps.setArray(4, c.createArrayOf("varchar", partners.stream().map(p -> p.parent().map(PartnerId::value)
          .orElse(null)).toArray()));
      ps.setArray(5, c.createArrayOf("varchar", partners.stream().map(Partner::region).toArray()));
      ps.setArray(6, c.createArrayOf("varchar", partners.stream().map(Partner::country).toArray()));
      ps.setArray(7, c.createArrayOf("varchar", partners.stream().map(p -> p.currency().getCurrencyCode()).toArray()));
      // segments are slugs (no spaces), so one space-separated text per partner carries them
      ps.setArray(8, c.createArrayOf("text", partners.stream().map(p -> String.join(" ", p.segments())).toArray()));
      ps.setArray(9, c.createArrayOf("date", partners.stream().map(p -> Date.valueOf(p.enrolledOn())).toArray()));
      ps.setArray(10, c.createArrayOf("varchar", partners.stream().map(p -> p.status().name()).toArray()));
      ps.executeUpdate();
    }
  }

  private static void insertMembers(Connection c, List<Member> members) throws SQLException {
    if (members.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_member AS t (id, partner_id, name, role, locale, "
        + "enrolled_on, status) SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::text[], ?::varchar[], ?::varchar[], "
        + "?::date[], ?::varchar[]) "
        + "ON CONFLICT (id) DO UPDATE SET partner_id = excluded.partner_id, name = excluded.name, role = excluded.role, "
        + "locale = excluded.locale, enrolled_on = excluded.enrolled_on, status = excluded.status")) {
      ps.setArray(1, c.createArrayOf("varchar", members.stream().map(m -> m.id().value()).toArray()));
      ps.setArray(2, c.createArrayOf("varchar", members.stream().map(m -> m.partner().value()).toArray()));
      ps.setArray(3, c.createArrayOf("text", members.stream().map(Member::name).toArray()));
      ps.setArray(4, c.createArrayOf("varchar", members.stream().map(m -> m.role().name()).toArray()));
      ps.setArray(5, c.createArrayOf("varchar", members.stream().map(m -> m.locale().toLanguageTag()).toArray()));
      ps.setArray(6, c.createArrayOf("date", members.stream().map(m -> Date.valueOf(m.enrolledOn())).toArray()));
      ps.setArray(7, c.createArrayOf("varchar", members.stream().map(m -> m.status().name()).toArray()));
      ps.executeUpdate();
    }
  }
}
