package io.axle.documents.understanding;

import java.text.Normalizer;
import java.util.regex.Pattern;

/** Text folding shared by rules and extractors: lower case, accents removed, typographic quotes and spaces made plain. */
public final class Text {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private Text() {
    }

    /**
     * Folds case and accents without changing the length of the text, so that an offset in the folded text is the
     * same offset in the original (used to report where a value was found).
     */
    public static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128) {
                out.append(c == '\t' || c == '`' ? (c == '`' ? '\'' : ' ') : Character.toLowerCase(c));
                continue;
            }
            String base = MARKS.matcher(Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD)).replaceAll("");
            char folded = base.length() == 1 ? base.charAt(0) : c;
            folded = switch (folded) {
                case '\u2019', '\u2018', '\u00B4', '`' -> '\'';
                case '\u00A0', '\u202F', '\u2007', '\t' -> ' ';
                case '\u00DF' -> 's';
                default -> folded;
            };
            out.append(Character.toLowerCase(folded));
        }
        return out.toString();
    }
}
