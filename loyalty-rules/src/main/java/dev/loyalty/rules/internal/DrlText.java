package dev.loyalty.rules.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of one DRL file with what the checks need from it without a parser: positions (offset
 * to line and column and back), the blocks (rules, queries, functions, declarations) by line, and
 * blanking a block so that Drools skips it while every other line keeps its number.
 */
final class DrlText {
  private static final Pattern BLOCK_START =
      Pattern.compile("^[ \\t]*(rule|query|function|declare)[ \\t]+(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|([A-Za-z_$][^\\s(]*))");

  private final String text;
  private final int[] lineStarts;
  private final List<Block> blocks;

  DrlText(String text) {
    this.text = text;
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    blocks = findBlocks();
  }

  String text() {
    return text;
  }

  int lineCount() {
    return lineStarts.length;
  }

  /** 1-based line of {@code offset}. */
  int lineOf(int offset) {
    int low = 0;
    int high = lineStarts.length - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (lineStarts[mid] <= offset) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low + 1;
  }

  /** 1-based column of {@code offset}. */
  int columnOf(int offset) {
    return offset - lineStarts[lineOf(offset) - 1] + 1;
  }

  /** Offset of 1-based {@code line}, clamped to the text. */
  int offsetOf(int line) {
    int index = Math.max(0, Math.min(line, lineStarts.length) - 1);
    return lineStarts[index];
  }

  /** The text of 1-based {@code line}, without its line break. */
  String line(int line) {
    int start = offsetOf(line);
    int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
    String s = text.substring(start, Math.max(start, end));
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  List<Block> blocks() {
    return blocks;
  }

  /** The block containing 1-based {@code line}, if any. */
  Optional<Block> blockAt(int line) {
    return blocks.stream().filter(b -> b.firstLine <= line && line <= b.lastLine).findFirst();
  }

  /** The rule block named {@code name}, if any (the first, if the name is used twice). */
  Optional<Block> rule(String name) {
    return blocks.stream().filter(b -> b.keyword.equals("rule") && name.equals(b.name)).findFirst();
  }

  /** This text with {@code block}'s lines replaced by spaces (line breaks kept). */
  DrlText blank(Block block) {
    StringBuilder out = new StringBuilder(text);
    int start = offsetOf(block.firstLine);
    int end = block.lastLine < lineStarts.length ? lineStarts[block.lastLine] : text.length();
    for (int i = start; i < end; i++) {
      char c = out.charAt(i);
      if (c != '\n' && c != '\r') {
        out.setCharAt(i, ' ');
      }
    }
    return new DrlText(out.toString());
  }

  /** This text with {@code length} characters from {@code offset} replaced by spaces (line breaks kept). */
  DrlText blank(int offset, int length) {
    StringBuilder out = new StringBuilder(text);
    for (int i = Math.max(0, offset); i < Math.min(out.length(), offset + length); i++) {
      if (out.charAt(i) != '\n' && out.charAt(i) != '\r') {
        out.setCharAt(i, ' ');
      }
    }
    return new DrlText(out.toString());
  }

  /** Whether nothing but whitespace, comments and package/import lines is left. */
  boolean hasNoBlocks() {
    return blocks.isEmpty();
  }

  private List<Block> findBlocks() {
    List<int[]> starts = new ArrayList<>();
    List<String[]> heads = new ArrayList<>();
    for (int line = 1; line <= lineStarts.length; line++) {
      Matcher m = BLOCK_START.matcher(line(line));
      if (m.find()) {
        String name = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
        starts.add(new int[] {line});
        heads.add(new String[] {m.group(1), name == null ? "" : name});
      }
    }
    List<Block> found = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      int first = starts.get(i)[0];
      int last = i + 1 < starts.size() ? starts.get(i + 1)[0] - 1 : lineStarts.length;
      found.add(new Block(heads.get(i)[0], heads.get(i)[1], first, last));
    }
    return List.copyOf(found);
  }

  /** A rule, query, function or declaration, from its first line to the line before the next. */
  record Block(String keyword, String name, int firstLine, int lastLine) {
    boolean isRule() {
      return keyword.equals("rule");
    }
  }
}
