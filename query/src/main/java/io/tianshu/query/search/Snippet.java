package io.tianshu.query.search;

import java.util.List;

/**
 * A passage of a hit's document around the query words. Offsets are into the whole document text as
 * the caller sees it (see {@link TextView}), so a span can open the document viewer at the words;
 * {@code text} is the document text from {@code start} to {@code end}, and {@code marks} are the
 * query words in it, in order and not overlapping. Marks are offsets rather than markup, so the
 * text is never HTML and a client highlights it however it renders.
 */
public record Snippet(int start, int end, String text, List<TextSpan> marks) {

  public Snippet {
    if (text.length() != end - start) {
      throw new IllegalArgumentException("snippet text does not fill [" + start + "," + end + ")");
    }
    marks = List.copyOf(marks);
  }
}
