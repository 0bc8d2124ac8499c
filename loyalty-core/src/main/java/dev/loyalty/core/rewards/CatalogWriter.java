package dev.loyalty.core.rewards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyalty.core.json.internal.JsonTreeReader;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.model.TierId;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes a {@link Catalog} in the format {@link CatalogReader} reads (docs/REWARDS.md), every
 * field given, so that reading it back for the same program gives an equal catalog: what a
 * durable catalog store keeps, and what a host can export. Sets are written sorted and decimals as
 * strings (they keep their scale), so the same catalog always gives the same text. Stateless.
 */
final class CatalogWriter {
  private CatalogWriter() {
  }

  static String write(Catalog catalog) {
    ObjectNode root = JsonTreeReader.MAPPER.createObjectNode();
    root.put("program", catalog.program().id());
    root.put("version", catalog.version().value());
    root.put("defaultLocale", catalog.defaultLocale().toLanguageTag());
    ArrayNode items = root.putArray("items");
    for (CatalogItem item : catalog.items()) {
      items.add(item(item));
    }
    return text(root);
  }

  /** One item as the element of a catalog's {@code items} it is in {@link #write}. */
  static String writeItem(CatalogItem item) {
    return text(item(item));
  }

  private static String text(ObjectNode tree) {
    try {
      return JsonTreeReader.MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a catalog tree cannot fail to write", e);
    }
  }

  private static ObjectNode item(CatalogItem item) {
    ObjectNode json = JsonTreeReader.MAPPER.createObjectNode();
    json.put("id", item.id().value());
    kind(json, item.kind());
    json.put("points", item.points());
    ObjectNode texts = json.putObject("texts");
    item.texts().byLocale().entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(Locale::toLanguageTag)))
        .forEach(e -> {
          ObjectNode text = texts.putObject(e.getKey().toLanguageTag());
          text.put("name", e.getValue().name());
          e.getValue().description().ifPresent(d -> text.put("description", d));
        });
    Eligibility who = item.eligibility();
    ObjectNode eligibility = json.putObject("eligibility");
    sorted(eligibility.putArray("regions"), who.regions(), Function.identity());
    sorted(eligibility.putArray("countries"), who.countries(), Function.identity());
    sorted(eligibility.putArray("partnerTypes"), who.partnerTypes(), PartnerType::name);
    sorted(eligibility.putArray("roles"), who.roles(), MemberRole::name);
    eligibility.put("audience", who.audience().jsonName());
    who.minimumTier().map(TierId::value).ifPresent(tier -> eligibility.put("minTier", tier));
    item.validity().first().ifPresent(day -> json.put("validFrom", day.toString()));
    item.validity().last().ifPresent(day -> json.put("validUntil", day.toString()));
    ArrayNode limits = json.putArray("limits");
    item.limits().forEach(l -> limits.addObject().put("units", l.units()).put("per", l.period().jsonName()));
    if (item.stock() instanceof Stock.Limited limited) {
      json.put("stock", limited.units());
    } else {
      json.put("stock", CatalogReader.UNLIMITED);
    }
    return json;
  }

  private static <T> void sorted(ArrayNode array, Set<T> values, Function<T, String> name) {
    values.stream().map(name).sorted().forEach(array::add);
  }

  private static void kind(ObjectNode json, RewardKind kind) {
    if (kind instanceof RewardKind.Merchandise m) {
      json.put("kind", "merchandise").put("shipping", m.shipping());
      m.sku().ifPresent(sku -> json.put("sku", sku));
    } else if (kind instanceof RewardKind.DigitalCode d) {
      json.put("kind", d.type() == RewardKind.DigitalCode.CodeType.E_VOUCHER ? "e-voucher" : "gift-card");
      ObjectNode codes = json.putObject("codes");
      if (d.source() instanceof CodeSource.Pool pool) {
        codes.put("pool", pool.name());
      } else {
        codes.put("provider", ((CodeSource.Provider) d.source()).name());
      }
    } else if (kind instanceof RewardKind.Cashback c) {
      json.put("kind", "cashback");
      value(json, c.value());
    } else if (kind instanceof RewardKind.Experience e) {
      json.put("kind", "experience");
      e.location().ifPresent(l -> json.put("location", l));
      e.startsOn().ifPresent(d -> json.put("startsOn", d.toString()));
    } else if (kind instanceof RewardKind.TrainingSeat t) {
      json.put("kind", "training-seat").put("course", t.course()).put("certification", t.certification());
      t.startsOn().ifPresent(d -> json.put("startsOn", d.toString()));
    } else if (kind instanceof RewardKind.EarlyAccess e) {
      json.put("kind", "early-access").put("offering", e.offering());
    } else if (kind instanceof RewardKind.CoMarketingFunds c) {
      json.put("kind", "co-marketing-funds");
      value(json, c.value());
    } else if (kind instanceof RewardKind.PrioritySupport p) {
      json.put("kind", "priority-support").put("duration", p.duration().toString());
    } else if (kind instanceof RewardKind.Donation d) {
      json.put("kind", "donation").put("cause", d.cause());
      value(json, d.value());
    } else {
      throw new IllegalArgumentException("no JSON form for reward kind " + kind);
    }
  }

  private static void value(ObjectNode json, ValueBasis value) {
    if (value instanceof ValueBasis.FaceValue face) {
      ObjectNode amounts = json.putObject("value");
      face.amounts().entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(c -> c.getCurrencyCode())))
          .forEach(e -> amounts.put(e.getKey().getCurrencyCode(), e.getValue().toPlainString()));
    } else {
      json.put("value", CatalogReader.POINT_VALUE);
    }
  }
}
