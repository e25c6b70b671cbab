package dev.countersign.slack.render;

import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import java.util.regex.Pattern;

/**
 * Text from callers (titles, types, fields, descriptions, reasons, names) made safe to show in Slack. Whatever a
 * caller sends is shown as they typed it, never as Slack markup of ours:
 * <ul>
 * <li>{@code &}, {@code <} and {@code >} are escaped as Slack asks ({@code &amp; &lt; &gt;}), so
 *     {@code <!channel>}, {@code <@U…>}, {@code <#C…>}, {@code <!subteam^…>} and {@code <url|label>} show as typed
 *     and notify or link nobody;</li>
 * <li>a single-line value ({@link #line}) cannot start a line of its own: every line break (CR, LF, VT, FF, NEL,
 *     U+2028, U+2029) becomes a space, other control characters and bidirectional overrides are dropped, so a title
 *     cannot add a fake ":white_check_mark: Approved by …" line under ours;</li>
 * <li>a multi-line value ({@link #quote}) keeps its lines, each shown as a quote ({@code > }), so none of them can
 *     pass for a status line of ours;</li>
 * <li>every mrkdwn object is {@link #mrkdwn verbatim}: Slack then links no bare URL or {@code #channel} and parses
 *     no "@here" typed as plain text, while our own {@code <@U…>} mentions and dates still work.</li>
 * </ul>
 * Truncation ({@link #cut}) never splits an escape, a {@code <…>} of ours or a surrogate pair.
 */
public final class SlackText {

    static final String ELLIPSIS = "…";

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\u000B\\u000C\\u0085\\u2028\\u2029]+");
    /** Other C0/C1 controls, and the bidirectional embeddings, overrides and isolates that can reorder a line. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069&&[^\\t\\n]]");

    private static final Pattern ONE_LINE_BREAK = Pattern.compile("\\r\\n|[\\r\\u000B\\u000C\\u0085\\u2028\\u2029]");

    private SlackText() {}

    /** Slack's mrkdwn treats &, < and > as control characters. */
    public static String escape(String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A single-line value for plain text: line breaks as spaces, invisible controls dropped; not escaped. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String flat = LINE_BREAKS.matcher(text).replaceAll(" ").replace('\t', ' ');
        return INVISIBLE.matcher(flat).replaceAll("");
    }

    /** A single-line value for mrkdwn: {@link #oneLine} and escaped. */
    public static String line(String text) {
        return escape(oneLine(text));
    }

    /** {@link #line}, at most {@code max} characters. */
    public static String line(String text, int max) {
        return cut(line(text), max);
    }

    /** A single-line value for a plain_text object, at most {@code max} characters. */
    static String plainLine(String text, int max) {
        String flat = oneLine(text);
        if (flat.length() <= max) {
            return flat;
        }
        int end = max - ELLIPSIS.length();
        if (Character.isLowSurrogate(flat.charAt(end))) {
            end--;
        }
        return flat.substring(0, end) + ELLIPSIS;
    }

    /**
     * A multi-line value as a quote: escaped, every line prefixed with {@code "> "}. Empty for {@code null}. The
     * quote must start a line of its own: callers put a line break before it.
     */
    public static String quote(String text) {
        if (text == null) {
            return "";
        }
        String lines = ONE_LINE_BREAK.matcher(text).replaceAll("\n").replace('\t', ' ');
        return "> "
                + String.join(
                        "\n> ", escape(INVISIBLE.matcher(lines).replaceAll("")).split("\n", -1));
    }

    /** Whether a value has a line break in it (and is shown as a {@link #quote} where it may). */
    static boolean multiLine(String text) {
        return text != null && LINE_BREAKS.matcher(text).find();
    }

    /**
     * At most {@code max} characters of mrkdwn built from escaped values and our own markup, ending in "…" when
     * cut. The cut moves back to before an escape ({@code &…;}), a {@code <…>} or a surrogate pair it would split.
     */
    public static String cut(String mrkdwn, int max) {
        if (mrkdwn.length() <= max) {
            return mrkdwn;
        }
        int end = max - ELLIPSIS.length();
        if (Character.isLowSurrogate(mrkdwn.charAt(end))) {
            end--;
        }
        String head = mrkdwn.substring(0, end);
        int amp = head.lastIndexOf('&');
        if (amp > head.lastIndexOf(';')) {
            end = amp;
        }
        int open = head.lastIndexOf('<');
        if (open > head.lastIndexOf('>')) {
            end = Math.min(end, open);
        }
        return mrkdwn.substring(0, end) + ELLIPSIS;
    }

    /** A mrkdwn object Slack shows without adding links or mentions of its own ({@code verbatim}). */
    static MarkdownTextObject mrkdwn(String text) {
        return MarkdownTextObject.builder().text(text).verbatim(true).build();
    }

    static PlainTextObject plain(String text) {
        return PlainTextObject.builder().text(text).build();
    }
}
