package dev.loyalty.ledger.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.ledger.jdbc.PostgresFixture;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * An {@link ArrayLiteral} bound as text and cast by the server is the very array pgjdbc's {@code
 * createArrayOf} sends, and reads back as what was added: for any text an account id may hold
 * (quotes, commas, braces, backslashes, spaces at either end, the word NULL, the empty string,
 * letters beyond ASCII), nulls among them, longs and decimals. A round trip through a real server.
 */
class ArrayLiteralTest {
  private static Connection connection;

  @BeforeContainer
  static void open() throws SQLException {
    connection = PostgresFixture.dataSource().getConnection();
  }

  @AfterContainer
  static void close() throws SQLException {
    connection.close();
  }

  @Provide
  Arbitrary<List<String>> texts() {
    Arbitrary<String> tricky = Arbitraries.strings().withChars("\"\\{},; \t\nNULnul'()[]=").ofMaxLength(8);
    Arbitrary<String> any = Arbitraries.strings().withCharRange('\u0001', '\uD7FF').ofMaxLength(12);
    Arbitrary<String> words = Arbitraries.of("NULL", "null", "", " ", "\"", "\\", "{}", ",", "a,b", "{a}", " x ",
        "\\\"", "\"NULL\"", "é", "日本");
    return Arbitraries.oneOf(tricky, any, words).injectNull(0.1).list().ofMaxSize(10);
  }

  @Property(tries = 400)
  void textsReadBackAsAdded_andEqualPgjdbcsArray(@ForAll("texts") List<String> values) throws SQLException {
    ArrayLiteral literal = new ArrayLiteral();
    values.forEach(literal::add);
    assertThat(ArrayLiteral.ofTexts(values)).isEqualTo(literal.toString());
    assertThat(ArrayLiteral.of(values)).isEqualTo(literal.toString());
    assertThat(ArrayLiteral.of(values.toArray())).isEqualTo(literal.toString());
    for (String type : List.of("varchar", "text")) {
      Object[] read = roundTrip(literal.toString(), connection.createArrayOf(type, values.toArray()), type);
      assertThat(read).containsExactlyElementsOf(values);
    }
  }

  @Provide
  Arbitrary<List<Long>> longs() {
    return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE))
        .list().ofMaxSize(10);
  }

  @Property(tries = 200)
  void longsReadBackAsAdded_andEqualPgjdbcsArray(@ForAll("longs") List<Long> values) throws SQLException {
    ArrayLiteral literal = new ArrayLiteral();
    values.forEach(literal::add);
    assertThat(ArrayLiteral.of(values)).isEqualTo(literal.toString());
    Object[] read = roundTrip(literal.toString(), connection.createArrayOf("bigint", values.toArray()), "bigint");
    assertThat(read).containsExactlyElementsOf(values);
  }

  @Provide
  Arbitrary<List<BigDecimal>> decimals() {
    Arbitrary<BigDecimal> big = Arbitraries.bigIntegers().between(new java.math.BigInteger("-1" + "0".repeat(25)),
        new java.math.BigInteger("1" + "0".repeat(25))).map(BigDecimal::new);
    Arbitrary<BigDecimal> scaled = Arbitraries.bigDecimals().between(new BigDecimal("-1e12"), new BigDecimal("1e12"))
        .ofScale(4);
    Arbitrary<BigDecimal> exponents = Arbitraries.of(new BigDecimal("1E+21"), new BigDecimal("1E-5"),
        new BigDecimal("-2.5E+3"));
    return Arbitraries.oneOf(big, scaled, exponents).injectNull(0.1).list().ofMaxSize(10);
  }

  @Property(tries = 200)
  void decimalsReadBackAsAdded_andEqualPgjdbcsArray(@ForAll("decimals") List<BigDecimal> values) throws SQLException {
    ArrayLiteral literal = new ArrayLiteral();
    values.forEach(literal::add);
    Object[] read = roundTrip(literal.toString(), connection.createArrayOf("numeric", values.toArray()), "numeric");
    assertThat(read).hasSameSizeAs(values);
    assertThat(ArrayLiteral.of(values)).isEqualTo(literal.toString());
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        assertThat(read[i]).isNull();
      } else {
        assertThat((BigDecimal) read[i]).isEqualByComparingTo(values.get(i));
      }
    }
  }

  @Property(tries = 100)
  void integersAndBooleansReadBackAsAdded_andEqualPgjdbcsArray(
      @ForAll("integers") List<Integer> integers, @ForAll("booleans") List<Boolean> booleans) throws SQLException {
    assertThat(roundTrip(ArrayLiteral.of(integers), connection.createArrayOf("int4", integers.toArray()), "int4"))
        .containsExactlyElementsOf(integers);
    assertThat(roundTrip(ArrayLiteral.of(booleans), connection.createArrayOf("boolean", booleans.toArray()),
        "boolean")).containsExactlyElementsOf(booleans);
  }

  @Provide
  Arbitrary<List<Integer>> integers() {
    return Arbitraries.integers().injectNull(0.1).list().ofMaxSize(8);
  }

  @Provide
  Arbitrary<List<Boolean>> booleans() {
    return Arbitraries.of(true, false).injectNull(0.1).list().ofMaxSize(8);
  }

  @Example
  void anElementOfAnotherClassIsRefused() {
    ArrayLiteral literal = new ArrayLiteral().add("a");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> literal.addValue(java.time.LocalDate.of(2026, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.time.LocalDate");
    assertThat(literal.toString()).as("unchanged").isEqualTo("{\"a\"}");
  }

  @Example
  void anEmptyArrayAndANullElement() {
    assertThat(new ArrayLiteral().toString()).isEqualTo("{}");
    assertThat(new ArrayLiteral().add((String) null).add("NULL").add("").toString()).isEqualTo("{NULL,\"NULL\",\"\"}");
    assertThat(new ArrayLiteral(1).add("a\"b\\c").add(7).toString()).isEqualTo("{\"a\\\"b\\\\c\",7}");
  }

  /**
   * The literal cast to {@code type[]} on the server, checked equal there to pgjdbc's array of the
   * same elements; returns the literal's elements as read back.
   */
  private static Object[] roundTrip(String literal, Array pgjdbcs, String type) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT ?::" + type + "[], ?::" + type + "[] IS NOT "
        + "DISTINCT FROM ?::" + type + "[], cardinality(?::" + type + "[])")) {
      ps.setString(1, literal);
      ps.setString(2, literal);
      ps.setArray(3, pgjdbcs);
      ps.setString(4, literal);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        Object[] read = (Object[]) rs.getArray(1).getArray();
        assertThat(rs.getBoolean(2)).as("%s equals pgjdbc's %s", literal, Arrays.toString(read)).isTrue();
        assertThat(rs.getInt(3)).isEqualTo(read.length);
        return read;
      }
    }
  }
}
