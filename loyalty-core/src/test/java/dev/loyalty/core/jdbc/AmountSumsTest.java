package dev.loyalty.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyalty.core.testing.EngineDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@code loyalty_add_amounts} (schema version 10, a PL/pgSQL loop) adds two maps of amounts key by
 * key exactly as its version-1 definition (one SQL query with an aggregate, which every calling
 * statement planned again) did, for the maps the stores keep (no key holding zero), and as a plain
 * model says: keys of either side, summed exactly, a key whose total is zero left out.
 */
class AmountSumsTest {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  /** Version 1's definition, as its script creates it, under another name in this session only. */
  private static String versionOne() throws IOException {
    try (InputStream in = AmountSumsTest.class.getResourceAsStream("/dev/loyalty/core/jdbc/V1__engine.sql")) {
      String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int from = script.indexOf("CREATE FUNCTION loyalty_add_amounts");
      int to = script.indexOf("$$;", from) + 2;
      return script.substring(from, to).replace("loyalty_add_amounts", "pg_temp.add_amounts_v1");
    }
  }

  private static Connection connection;

  @BeforeContainer
  static void open() throws SQLException, IOException {
    DataSource ds = EngineDatabase.dataSource();
    connection = ds.getConnection();
    try (Statement s = connection.createStatement()) {
      s.execute(versionOne());
    }
  }

  @AfterContainer
  static void close() throws SQLException {
    connection.close();
  }

  @Property(tries = 300)
  void addsAsVersionOneAndTheModelDo(@ForAll("stored") Map<String, BigDecimal> a,
      @ForAll("added") Map<String, BigDecimal> b) throws Exception {
    try (PreparedStatement ps = connection.prepareStatement("SELECT loyalty_add_amounts(?::jsonb, ?::jsonb)::text, "
        + "pg_temp.add_amounts_v1(?::jsonb, ?::jsonb)::text, "
        + "loyalty_add_amounts(?::jsonb, ?::jsonb) = pg_temp.add_amounts_v1(?::jsonb, ?::jsonb)")) {
      for (int i = 0; i < 4; i++) {
        ps.setString(2 * i + 1, json(a));
        ps.setString(2 * i + 2, json(b));
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        Map<String, BigDecimal> model = new TreeMap<>(a);
        b.forEach((k, v) -> model.merge(k, v, BigDecimal::add));
        model.values().removeIf(v -> v.signum() == 0);
        assertThat(amounts(rs.getString(1))).isEqualTo(normalized(model));
        assertThat(amounts(rs.getString(1))).isEqualTo(amounts(rs.getString(2)));
        assertThat(rs.getBoolean(3)).as("equal as JSONB").isTrue();
      }
    }
  }

  @Provide
  Arbitrary<Map<String, BigDecimal>> stored() {
    return Arbitraries.maps(keys(), amount().filter(v -> v.signum() != 0)).ofMaxSize(6);
  }

  @Provide
  Arbitrary<Map<String, BigDecimal>> added() {
    return Arbitraries.maps(keys(), amount()).ofMaxSize(6);
  }

  private static Arbitrary<String> keys() {
    return Arbitraries.of("rule:base", "rule:bonus", "campaign:monsoon", "sales:LUB", "sales:FILT", "orders", "k\"q");
  }

  private static Arbitrary<BigDecimal> amount() {
    Arbitrary<BigDecimal> whole = Arbitraries.longs().between(-9_000_000_000_000_000L, 9_000_000_000_000_000L)
        .map(BigDecimal::valueOf);
    Arbitrary<BigDecimal> money = Arbitraries.longs().between(-1_000_000_00L, 1_000_000_00L)
        .map(v -> BigDecimal.valueOf(v, 2));
    Arbitrary<BigDecimal> small = Arbitraries.longs().between(-3, 3).map(BigDecimal::valueOf);
    return Arbitraries.oneOf(whole, money, small);
  }

  private static String json(Map<String, BigDecimal> amounts) {
    ObjectNode node = JSON.createObjectNode();
    amounts.forEach(node::put);
    return node.toString();
  }

  private static Map<String, BigDecimal> amounts(String json) throws Exception {
    Map<String, BigDecimal> out = new TreeMap<>();
    JsonNode node = JSON.readTree(json);
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().decimalValue().stripTrailingZeros());
    }
    return out;
  }

  private static Map<String, BigDecimal> normalized(Map<String, BigDecimal> amounts) {
    Map<String, BigDecimal> out = new TreeMap<>();
    amounts.forEach((k, v) -> out.put(k, v.stripTrailingZeros()));
    return out;
  }
}
