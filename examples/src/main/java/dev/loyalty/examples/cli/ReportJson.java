package dev.loyalty.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.simulation.SimulationReport;
import dev.loyalty.core.simulation.WhatIfReport;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Simulation and what-if reports as JSON, for a script or a CI job: every figure of the report, every
 * participant's balance, tier and expired points, and the bad lines. Points are numbers; money is a
 * string (exact decimal) with its currency; a tier is its id or null for none.
 */
final class ReportJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {
  }

  static String simulation(SimulationReport r, EventFeed feed) {
    ObjectNode root = JSON.createObjectNode();
    report(root, r);
    badLines(root, feed);
    return write(root);
  }

  static String whatIf(WhatIfReport w, EventFeed feed) {
    ObjectNode root = JSON.createObjectNode();
    root.put("differs", w.hasDifferences());
    ArrayNode overall = root.putArray("overall");
    w.overall().forEach(d -> overall.addObject().put("measure", d.measure()).put("a", d.a()).put("b", d.b())
        .put("change", d.change()));
    ArrayNode liability = root.putArray("liability");
    w.liability().forEach(m -> liability.addObject().put("currency", m.currencyCode())
        .put("a", m.a().toPlainString()).put("b", m.b().toPlainString()).put("change", m.change().toPlainString()));
    ArrayNode rules = root.putArray("rules");
    w.rules().forEach(d -> rules.addObject().put("rule", d.rule()).put("firedA", d.firedA()).put("firedB", d.firedB())
        .put("issuedA", d.issuedA()).put("issuedB", d.issuedB()).put("netA", d.netA()).put("netB", d.netB())
        .put("change", d.change()));
    ArrayNode tiers = root.putArray("tiers");
    w.tiers().forEach(d -> {
      ObjectNode t = tiers.addObject();
      tier(t, "tier", d.tier());
      t.put("partnersA", d.partnersA()).put("partnersB", d.partnersB()).put("membersA", d.membersA())
          .put("membersB", d.membersB()).put("issuedA", d.issuedA()).put("issuedB", d.issuedB());
    });
    ArrayNode partners = root.putArray("mostAffected");
    w.partners().forEach(d -> {
      ObjectNode p = partners.addObject().put("partner", d.partner().value()).put("region", d.region());
      tier(p, "tierA", d.tierA());
      tier(p, "tierB", d.tierB());
      p.put("issuedA", d.issuedA()).put("issuedB", d.issuedB()).put("change", d.change())
          .put("outstandingA", d.outstandingA()).put("outstandingB", d.outstandingB());
    });
    report(root.putObject("a"), w.a());
    report(root.putObject("b"), w.b());
    badLines(root, feed);
    return write(root);
  }

  private static void report(ObjectNode o, SimulationReport r) {
    o.put("program", r.program());
    o.put("firstActivity", r.firstActivity().map(Object::toString).orElse(null));
    o.put("asOf", r.asOf().toString());
    ArrayNode closes = o.putArray("closes");
    r.closes().forEach(c -> closes.add(c.toString()));
    SimulationReport.Activities a = r.activities();
    ObjectNode activities = o.putObject("activities").put("total", a.total()).put("recorded", a.recorded())
        .put("returned", a.returned()).put("inReview", a.inReview()).put("blocked", a.blocked())
        .put("refused", a.refused()).put("afterAsOf", a.afterAsOf()).put("replayed", a.replayed());
    ObjectNode kinds = activities.putObject("byKind");
    a.byKind().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> kinds.put(e.getKey(), e.getValue()));
    SimulationReport.Points p = r.points();
    o.putObject("points").put("issued", p.issued()).put("takenBack", p.takenBack()).put("clawedBack", p.clawedBack())
        .put("expired", p.expired()).put("redeemed", p.redeemed()).put("pending", p.pending())
        .put("outstanding", p.outstanding());
    ObjectNode redemptions = o.putObject("redemptions").put("made", r.redemptions().made())
        .put("refused", r.redemptions().refused()).put("points", r.redemptions().points());
    r.redemptions().refusals().forEach(m -> redemptions.withArray("refusals").add(m));
    ArrayNode liability = o.putArray("liability");
    r.liability().forEach(l -> {
      ObjectNode n = liability.addObject().put("currency", l.currencyCode()).put("points", l.points());
      n.put("value", l.value().map(Money::amount).map(java.math.BigDecimal::toPlainString).orElse(null));
    });
    ArrayNode rules = o.putArray("rules");
    r.rules().forEach(t -> {
      ObjectNode n = rules.addObject().put("rule", t.rule());
      t.versions().forEach(v -> n.withArray("versions").add(v));
      n.put("fired", t.fired()).put("awards", t.awards()).put("issued", t.issued()).put("takenBack", t.takenBack())
          .put("net", t.net());
    });
    ArrayNode campaigns = o.putArray("campaigns");
    r.campaigns().forEach(c -> campaigns.addObject().put("campaign", c.campaign().value()).put("budget", c.budget())
        .put("issued", c.issued()).put("takenBack", c.takenBack()).put("left", c.left()).put("cutAwards", c.cutAwards())
        .put("pointsCut", c.pointsCut()).put("exhaustedOn", c.exhaustedOn().map(Object::toString).orElse(null)));
    ArrayNode caps = o.putArray("caps");
    r.caps().forEach(c -> caps.addObject().put("rule", c.rule()).put("hits", c.hits()));
    ArrayNode tiers = o.putArray("tiers");
    r.tiers().forEach(t -> {
      ObjectNode n = tiers.addObject();
      tier(n, "tier", t.tier());
      n.put("partners", t.partners()).put("members", t.members());
    });
    ArrayNode moves = o.putArray("tierMoves");
    r.tierMoves().forEach(m -> {
      ObjectNode n = moves.addObject();
      tier(n, "from", m.from());
      tier(n, "to", m.to());
      n.put("count", m.count());
    });
    ArrayNode regions = o.putArray("regions");
    r.regions().forEach(g -> {
      ObjectNode n = regions.addObject().put("region", g.region()).put("partners", g.partners())
          .put("members", g.members()).put("activities", g.activities());
      ObjectNode invoiced = n.putObject("invoiced");
      g.invoiced().forEach(m -> invoiced.put(m.currency().getCurrencyCode(), m.amount().toPlainString()));
      n.put("issued", g.issued()).put("outstanding", g.outstanding());
    });
    ArrayNode top = o.putArray("topPartners");
    r.topPartners().forEach(t -> {
      ObjectNode n = top.addObject().put("partner", t.partner().value()).put("name", t.name()).put("type", t.type())
          .put("region", t.region());
      tier(n, "tier", t.tier());
      n.put("activities", t.activities()).put("invoiced", t.invoiced().amount().toPlainString())
          .put("currency", t.invoiced().currency().getCurrencyCode()).put("issued", t.issued())
          .put("outstanding", t.outstanding());
    });
    ArrayNode participants = o.putArray("participants");
    r.participants().forEach(x -> {
      ObjectNode n = participants.addObject().put("kind", x.participant().kind()).put("id", x.participant().value())
          .put("organisation", x.organisation().value()).put("region", x.region());
      tier(n, "tier", x.tier());
      n.put("issued", x.issued()).put("takenBack", x.takenBack()).put("clawedBack", x.clawedBack())
          .put("expired", x.expired()).put("redeemed", x.redeemed()).put("balance", x.balance())
          .put("pending", x.pending());
    });
  }

  private static void tier(ObjectNode o, String field, Optional<TierId> tier) {
    o.put(field, tier.map(TierId::value).orElse(null));
  }

  private static void badLines(ObjectNode root, EventFeed feed) {
    root.put("badLineCount", feed.badCount());
    ArrayNode bad = root.putArray("badLines");
    feed.badLines().forEach(b -> bad.addObject().put("line", b.line()).put("what", b.what())
        .put("problem", b.problem()));
  }

  private static String write(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
