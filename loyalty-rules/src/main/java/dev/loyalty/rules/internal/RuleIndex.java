package dev.loyalty.rules.internal;

import dev.loyalty.core.rules.RuleRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/** The {@link RuleRef} of every rule of a compiled rule set: its {@code @ruleId} (or name) and version. */
final class RuleIndex {
  private final Map<String, RuleRef> refs = new HashMap<>();
  private final Map<String, String> byName = new HashMap<>();
  private final String version;
  private final boolean activationGroups;

  RuleIndex(KieBase base, String version) {
    this.version = version;
    boolean groups = false;
    for (KiePackage pkg : base.getKiePackages()) {
      for (Rule rule : pkg.getRules()) {
        refs.put(key(rule), RuleRef.of(idOf(rule), version));
        byName.putIfAbsent(rule.getName(), idOf(rule));
        groups |= rule instanceof RuleImpl impl && impl.getActivationGroup() != null
            && !impl.getActivationGroup().isBlank();
      }
    }
    this.activationGroups = groups;
  }

  /** Whether a rule belongs to an {@code activation-group} (decision table: an ACTIVATION-GROUP column). */
  boolean usesActivationGroups() {
    return activationGroups;
  }

  /** The reference of {@code rule}; never null. */
  RuleRef ref(Rule rule) {
    RuleRef ref = refs.get(key(rule));
    return ref != null ? ref : RuleRef.of(idOf(rule), version);
  }

  /** The id of the rule named {@code name} (in any package); the name itself if there is none. */
  String idOf(String name) {
    return byName.getOrDefault(name, name);
  }

  /** Every rule id, sorted. */
  List<String> ids() {
    List<String> ids = new ArrayList<>();
    refs.values().forEach(r -> ids.add(r.ruleId()));
    ids.sort(null);
    return ids;
  }

  static String key(Rule rule) {
    return key(rule.getPackageName(), rule.getName());
  }

  /** How a rule is told apart from others of the rule set: its package and name. */
  static String key(String pkg, String name) {
    return pkg + "\u0000" + name;
  }

  private static String idOf(Rule rule) {
    Object id = rule.getMetaData().get("ruleId");
    String value = id == null ? "" : unquote(id.toString());
    return value.isBlank() ? rule.getName() : value;
  }

  /**
   * {@code value} without surrounding quotes: the executable model (without drools-mvel) keeps
   * the quotes of metadata values, and attribute values come with them from the parser.
   */
  static String unquote(String value) {
    if (value == null) {
      return "";
    }
    String v = value.strip();
    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }
}
