package dev.quarkade.room;

import java.util.regex.Pattern;

/**
 * What of a chat line the room relays: the text as typed, without what could change how other players' screens show
 * it. Out go control characters (NUL, newline, tab, DEL, C1), whole ANSI escape sequences, and invisible format
 * characters (bidi overrides, embeddings and isolates, zero-width spaces, the BOM), except the zero-width joiner and
 * non-joiner that emoji sequences and some scripts need. A line left blank is not relayed.
 */
public final class ChatText {

    /** An ANSI/VT escape: CSI (ESC [ ... final byte) or ESC and one character. */
    private static final Pattern ANSI = Pattern.compile("\u001B(\\[[0-?]*[ -/]*[@-~]|.)?");

    private ChatText() {
    }

    /** The line to relay, or null when nothing visible is left. */
    public static String clean(String line) {
        String text = line.indexOf('\u001B') < 0 ? line : ANSI.matcher(line).replaceAll("");
        StringBuilder out = null;
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (dropped(cp)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += width;
        }
        String kept = out == null ? text : out.toString();
        return kept.isBlank() ? null : kept;
    }

    private static boolean dropped(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || (type == Character.FORMAT && cp != 0x200C && cp != 0x200D);
    }
}
