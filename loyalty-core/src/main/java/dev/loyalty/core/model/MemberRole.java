package dev.loyalty.core.model;

/**
 * What an individual does inside a partner. The common roles are constants; a program can define
 * its own ("installer") with {@link #of(String)}.
 *
 * @param name lower-case letters, digits and dashes; never null
 */
public record MemberRole(String name) {
  public static final MemberRole OWNER = new MemberRole("owner");
  public static final MemberRole SALES_REP = new MemberRole("sales-rep");
  public static final MemberRole TECHNICIAN = new MemberRole("technician");
  public static final MemberRole MARKETING = new MemberRole("marketing");

  public MemberRole {
    Names.requireSlug(name, "member role");
  }

  /** The role called {@code name}. */
  public static MemberRole of(String name) {
    return new MemberRole(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
