package dev.loyalty.core.performance;

import dev.loyalty.core.model.CampaignId;
import java.util.Arrays;
import java.util.Map;

/**
 * One participant's earned points in every period of one {@link EarningPeriod.Kind}, kept as rows of
 * a few arrays instead of a map entry, a {@link PointTotals} and one or two {@link SortedTotals} per
 * period: a row is the period (the engine's shared instance), the sorted keys of its rules and of its
 * campaigns (immutable arrays, shared with the row before when equal, as the same rules earn day
 * after day), and where its totals start in one {@code long[]} of the kind: the rules' totals, then
 * the campaigns'. A new participant-day then keeps about 16 bytes and 8 per total, where a map of
 * immutable totals kept about 150.
 *
 * <p>Totals are added in place. A reader gets {@link PointTotals} of their own ({@link #get}: the
 * totals copied, the keys arrays shared, as they never change), so what a rule keeps never changes;
 * the last one made is handed out again until its kind is added to. No zero total is kept, and a
 * period whose totals all come to zero is dropped.
 *
 * <p>Not thread-safe: its {@link RunningHistory}'s lock guards it.
 */
final class KindTotals {
  private static final Object[] NO_KEYS = new Object[0];

  private int size;
  /** In their natural order (by first day, then length). */
  private EarningPeriod[] periods = new EarningPeriod[2];
  private Object[][] rules = new Object[2][];
  private Object[][] campaigns = new Object[2][];
  /** Where each row's totals start in {@link #cells}. */
  private int[] at = new int[2];
  private long[] cells = new long[8];
  /** Cells in use, holes of moved or dropped rows included. */
  private int used;
  /** Cells in holes: compacted away when they are half of {@link #used}. */
  private int holes;
  /** The row of {@link #read}, or -1. */
  private int readRow = -1;
  private PointTotals read;

  /** The points of {@code period}; {@link PointTotals#NONE} if none; never changes once returned. */
  PointTotals get(EarningPeriod period) {
    int row = find(period);
    if (row < 0) {
      return PointTotals.NONE;
    }
    if (row != readRow) {
      int from = at[row];
      int rulesTo = from + rules[row].length;
      SortedTotals<String> byRule = SortedTotals.of(rules[row], Arrays.copyOfRange(cells, from, rulesTo));
      SortedTotals<CampaignId> byCampaign = SortedTotals.of(campaigns[row],
          Arrays.copyOfRange(cells, rulesTo, rulesTo + campaigns[row].length));
      read = new PointTotals(byRule, byCampaign);
      readRow = row;
    }
    return read;
  }

  /**
   * Checks that adding {@code byRule} and {@code byCampaign} to {@code period} would overflow no
   * total; changes nothing.
   *
   * @throws ArithmeticException if it would
   */
  void check(EarningPeriod period, SortedTotals<String> byRule, SortedTotals<CampaignId> byCampaign) {
    int row = find(period);
    if (row >= 0) {
      checkSums(rules[row], at[row], byRule);
      checkSums(campaigns[row], at[row] + rules[row].length, byCampaign);
    }
  }

  private void checkSums(Object[] keys, int from, SortedTotals<?> more) {
    Object[] m = more.keys();
    int i = 0;
    int j = 0;
    while (i < keys.length && j < m.length) {
      int order = compare(keys[i], m[j]);
      if (order == 0) {
        Math.addExact(cells[from + i++], more.total(j++));
      } else if (order < 0) {
        i++;
      } else {
        j++;
      }
    }
  }

  /**
   * Adds {@code byRule} and {@code byCampaign} (no zero in them) to {@code period}'s totals.
   *
   * @throws ArithmeticException if a total overflows; {@link #check} first to change nothing then
   */
  void add(EarningPeriod period, SortedTotals<String> byRule, SortedTotals<CampaignId> byCampaign) {
    if (byRule.isEmpty() && byCampaign.isEmpty()) {
      return;
    }
    readRow = -1;
    read = null;
    int row = find(period);
    if (row < 0) {
      row = insert(-(row + 1), period);
    }
    Object[] oldRules = rules[row];
    Object[] oldCampaigns = campaigns[row];
    int from = at[row];
    if (within(oldRules, byRule.keys()) && within(oldCampaigns, byCampaign.keys())) {
      // the usual case: rules that earned in this period earn again (a month's, quarter's and
      // year's rows hold every rule of the period, an activity's points some of them); added in place
      boolean zero = addInPlace(oldRules, from, byRule) | addInPlace(oldCampaigns, from + oldRules.length, byCampaign);
      if (zero) {
        // rare: a take-back that empties a total; the row rewritten without it
        rewrite(row, oldRules, mergedTotals(oldRules, from, SortedTotals.empty()), oldCampaigns,
            mergedTotals(oldCampaigns, from + oldRules.length, SortedTotals.empty()));
      }
      return;
    }
    rewrite(row, oldRules, mergedTotals(oldRules, from, byRule), oldCampaigns,
        mergedTotals(oldCampaigns, from + oldRules.length, byCampaign));
  }

  /** Every period with points, with its totals, into {@code into}. */
  void copyInto(Map<EarningPeriod, PointTotals> into) {
    for (int row = 0; row < size; row++) {
      into.put(periods[row], get(periods[row]));
    }
  }

  /** Periods with points (for tests). */
  int size() {
    return size;
  }

  /** Cells in use, holes included (for tests). */
  int cellsUsed() {
    return used;
  }

  /** Adds {@code more}, whose keys are all among {@code keys} ({@link #within}), to the totals at {@code from}. */
  private boolean addInPlace(Object[] keys, int from, SortedTotals<?> more) {
    Object[] m = more.keys();
    boolean zero = false;
    if (m == keys || m.length == keys.length) {
      // the same keys: place by place
      for (int i = 0; i < m.length; i++) {
        long sum = Math.addExact(cells[from + i], more.total(i));
        cells[from + i] = sum;
        zero |= sum == 0;
      }
      return zero;
    }
    int i = 0;
    for (int j = 0; j < m.length; j++) {
      while (compare(keys[i], m[j]) != 0) {
        i++;
      }
      long sum = Math.addExact(cells[from + i], more.total(j));
      cells[from + i] = sum;
      zero |= sum == 0;
    }
    return zero;
  }

  /** Whether every key of {@code more} (sorted) is among {@code keys} (sorted). */
  private static boolean within(Object[] keys, Object[] more) {
    if (more.length > keys.length) {
      return false;
    }
    if (more.length == keys.length) {
      return Arrays.equals(keys, more);
    }
    int i = 0;
    for (Object key : more) {
      while (i < keys.length && compare(keys[i], key) < 0) {
        i++;
      }
      if (i == keys.length || compare(keys[i], key) != 0) {
        return false;
      }
      i++;
    }
    return true;
  }

  /**
   * The row's keys and {@code more}'s merged, their totals summed (cells untouched), as keys then
   * totals: {@code Object[]{keys, long[]}}, zeros left out (the totals array may be longer than the keys).
   */
  private Object[] mergedTotals(Object[] keys, int from, SortedTotals<?> more) {
    Object[] m = more.keys();
    Object[] k = new Object[keys.length + m.length];
    long[] v = new long[k.length];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < keys.length || j < m.length) {
      int order = i == keys.length ? 1 : j == m.length ? -1 : compare(keys[i], m[j]);
      Object key;
      long total;
      if (order < 0) {
        key = keys[i];
        total = cells[from + i++];
      } else if (order > 0) {
        key = m[j];
        total = more.total(j++);
      } else {
        key = keys[i];
        total = Math.addExact(cells[from + i++], more.total(j++));
      }
      if (total != 0) {
        k[n] = key;
        v[n++] = total;
      }
    }
    return new Object[] {n == k.length ? k : Arrays.copyOf(k, n), v};
  }

  /** Writes a row's merged keys and totals: in place when they fit, else at the end of the cells. */
  private void rewrite(int row, Object[] oldRules, Object[] newRules, Object[] oldCampaigns, Object[] newCampaigns) {
    int nr = ((Object[]) newRules[0]).length;
    int nc = ((Object[]) newCampaigns[0]).length;
    if (nr + nc == 0) {
      remove(row);
      return;
    }
    Object[] r = keysLike(row, oldRules, (Object[]) newRules[0], true);
    Object[] c = keysLike(row, oldCampaigns, (Object[]) newCampaigns[0], false);
    int oldLength = oldRules.length + oldCampaigns.length;
    int from = at[row];
    if (nr + nc > oldLength) {
      if (from + oldLength == used) {
        // the last row written (the current period, usually): it grows where it is
        used = from;
      } else {
        holes += oldLength;
      }
      from = reserve(nr + nc);
    } else {
      holes += oldLength - (nr + nc);
    }
    System.arraycopy((long[]) newRules[1], 0, cells, from, nr);
    System.arraycopy((long[]) newCampaigns[1], 0, cells, from + nr, nc);
    rules[row] = r;
    campaigns[row] = c;
    at[row] = from;
    compactIfHalfHoles();
  }

  /**
   * {@code merged} keys as kept: the row's own array when equal, else the row before's or after's
   * when equal (the same rules earning day after day keep one array), else {@code merged}.
   */
  private Object[] keysLike(int row, Object[] own, Object[] merged, boolean ofRules) {
    if (merged.length == 0) {
      return NO_KEYS;
    }
    if (Arrays.equals(own, merged)) {
      return own;
    }
    Object[][] all = ofRules ? rules : campaigns;
    if (row > 0 && Arrays.equals(all[row - 1], merged)) {
      return all[row - 1];
    }
    if (row + 1 < size && Arrays.equals(all[row + 1], merged)) {
      return all[row + 1];
    }
    return merged;
  }

  /** {@code n} cells at the end, the array grown if needed; returns where they start. */
  private int reserve(int n) {
    if (used + n > cells.length) {
      cells = Arrays.copyOf(cells, Math.max(used + n, cells.length + (cells.length >> 1)));
    }
    int from = used;
    used += n;
    return from;
  }

  /** A new empty row at {@code row}, the rows from there moved up one. */
  private int insert(int row, EarningPeriod period) {
    if (size == periods.length) {
      int grown = size + Math.max(2, size >> 1);
      periods = Arrays.copyOf(periods, grown);
      rules = Arrays.copyOf(rules, grown);
      campaigns = Arrays.copyOf(campaigns, grown);
      at = Arrays.copyOf(at, grown);
    }
    int moved = size - row;
    System.arraycopy(periods, row, periods, row + 1, moved);
    System.arraycopy(rules, row, rules, row + 1, moved);
    System.arraycopy(campaigns, row, campaigns, row + 1, moved);
    System.arraycopy(at, row, at, row + 1, moved);
    periods[row] = period;
    rules[row] = NO_KEYS;
    campaigns[row] = NO_KEYS;
    at[row] = used;
    size++;
    return row;
  }

  private void remove(int row) {
    holes += rules[row].length + campaigns[row].length;
    int moved = size - row - 1;
    System.arraycopy(periods, row + 1, periods, row, moved);
    System.arraycopy(rules, row + 1, rules, row, moved);
    System.arraycopy(campaigns, row + 1, campaigns, row, moved);
    System.arraycopy(at, row + 1, at, row, moved);
    size--;
    periods[size] = null;
    rules[size] = null;
    campaigns[size] = null;
    compactIfHalfHoles();
  }

  /** Rewrites the rows' totals one after the other, without holes, when half the cells are holes. */
  private void compactIfHalfHoles() {
    if (holes == 0 || holes * 2 < used) {
      return;
    }
    long[] packed = new long[Math.max(8, used - holes + (used - holes >> 1))];
    int next = 0;
    for (int row = 0; row < size; row++) {
      int n = rules[row].length + campaigns[row].length;
      System.arraycopy(cells, at[row], packed, next, n);
      at[row] = next;
      next += n;
    }
    cells = packed;
    used = next;
    holes = 0;
  }

  /** The row of {@code period}, or {@code -(where it would go) - 1}. */
  private int find(EarningPeriod period) {
    if (size > 0) {
      // activities come mostly in date order: the last period first
      EarningPeriod last = periods[size - 1];
      if (last == period || last.equals(period)) {
        return size - 1;
      }
    }
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int order = periods[mid].compareTo(period);
      if (order < 0) {
        low = mid + 1;
      } else if (order > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }


  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    return a == b ? 0 : ((Comparable) a).compareTo(b);
  }
}
