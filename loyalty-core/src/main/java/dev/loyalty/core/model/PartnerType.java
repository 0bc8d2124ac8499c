package dev.loyalty.core.model;

/**
 * The kind of organisation a partner is. The common kinds are constants; a program can define
 * its own ("service-center") with {@link #of(String)}.
 *
 * @param name lower-case letters, digits and dashes; never null
 */
public record PartnerType(String name) {
  public static final PartnerType DISTRIBUTOR = new PartnerType("distributor");
  public static final PartnerType DEALER = new PartnerType("dealer");
  public static final PartnerType RETAILER = new PartnerType("retailer");
  public static final PartnerType RESELLER = new PartnerType("reseller");
  public static final PartnerType SUB_STOCKIST = new PartnerType("sub-stockist");

  public PartnerType {
    Names.requireSlug(name, "partner type");
  }

  /** The type called {@code name}. */
  public static PartnerType of(String name) {
    return new PartnerType(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
