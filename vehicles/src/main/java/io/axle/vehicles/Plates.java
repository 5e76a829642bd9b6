package io.axle.vehicles;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Licence plate formats of the countries we know (ISO 3166-1 alpha-2, any case), free text elsewhere. Input may be in
 * any case and separated by spaces or hyphens where the format has a break; {@link #normalise} writes the canonical
 * spelling.
 * <ul>
 *   <li>FR (SIV, since 2009): {@code AB-123-CD}, letters without I, O and U, number 001–999.</li>
 *   <li>DE: area (1–3 letters, umlauts allowed), a hyphen or space, 1–2 letters, 1–4 digits not starting with 0,
 *       optional E (electric) or H (historic); at most 8 letters and digits. Canonical {@code B-AB 1234}.</li>
 *   <li>BE: {@code 1-ABC-123} (since 2010), and the older {@code ABC-123} and {@code 123-ABC}.</li>
 *   <li>ES (since 2000): {@code 1234 BCD}, three consonants without Ñ and Q.</li>
 *   <li>IT (since 1994): {@code AB 123 CD}, letters without I, O, Q and U.</li>
 *   <li>NL: the six-character sidecodes 1–14 ({@code AB-12-34} … {@code 123-AB-4}, e.g. {@code AB-123-C},
 *       {@code 1-ABC-23}, {@code 12-AB-34}); the groups follow from where letters and digits alternate.</li>
 *   <li>Anywhere else: 1–15 letters, digits, spaces or hyphens, upper-cased with runs of spaces made one.</li>
 * </ul>
 */
public final class Plates {

    /** The rule a refused plate breaks. */
    public static final String PLATE_FORMAT = "plate-format";

    private static final String FR_LETTER = "[A-HJ-NP-TV-Z]";
    private static final String IT_LETTER = "[A-HJ-NPR-TV-Z]";
    private static final String SEPARATOR = "[- ]?";

    private static final Map<String, List<Format>> FORMATS = Map.of(
            "FR", List.of(new Format("(" + FR_LETTER + "{2})" + SEPARATOR + "(\\d{3})" + SEPARATOR + "("
                    + FR_LETTER + "{2})", m -> m.group(2).equals("000") ? null
                    : m.group(1) + "-" + m.group(2) + "-" + m.group(3))),
            "DE", List.of(new Format("([A-ZÄÖÜ]{1,3})[- ]([A-Z]{1,2}) ?([1-9]\\d{0,3}) ?([EH]?)", Plates::german)),
            "BE", List.of(
                    new Format("([1-9])" + SEPARATOR + "([A-Z]{3})" + SEPARATOR + "(\\d{3})",
                            m -> m.group(1) + "-" + m.group(2) + "-" + m.group(3)),
                    new Format("([A-Z]{3})" + SEPARATOR + "(\\d{3})", m -> m.group(1) + "-" + m.group(2)),
                    new Format("(\\d{3})" + SEPARATOR + "([A-Z]{3})", m -> m.group(1) + "-" + m.group(2))),
            "ES", List.of(new Format("(\\d{4})" + SEPARATOR + "([BCDFGHJKLMNPRSTVWXYZ]{3})",
                    m -> m.group(1) + " " + m.group(2))),
            "IT", List.of(new Format("(" + IT_LETTER + "{2})" + SEPARATOR + "(\\d{3})" + SEPARATOR + "("
                    + IT_LETTER + "{2})", m -> m.group(1) + " " + m.group(2) + " " + m.group(3))),
            "NL", List.of(new Format("[A-Z0-9 -]+", Plates::dutch)));

    private static final Format FREE = new Format("(?=.*[\\p{L}\\p{Nd}])[\\p{L}\\p{Nd} -]{1,15}",
            m -> m.group().replaceAll(" {2,}", " "));

    /**
     * Dutch sidecodes by the letter (L) and digit (D) pattern of their six characters; each pattern belongs to one
     * sidecode only, so the groups can be found without separators.
     */
    private static final Map<String, int[]> NL_SIDECODES = Map.ofEntries(
            Map.entry("LLDDDD", new int[] {2, 2, 2}),   // 1  AB-12-34
            Map.entry("DDDDLL", new int[] {2, 2, 2}),   // 2  12-34-AB
            Map.entry("DDLLDD", new int[] {2, 2, 2}),   // 3  12-AB-34
            Map.entry("LLDDLL", new int[] {2, 2, 2}),   // 4  AB-12-CD
            Map.entry("LLLLDD", new int[] {2, 2, 2}),   // 5  AB-CD-12
            Map.entry("DDLLLL", new int[] {2, 2, 2}),   // 6  12-AB-CD
            Map.entry("DDLLLD", new int[] {2, 3, 1}),   // 7  12-ABC-3
            Map.entry("DLLLDD", new int[] {1, 3, 2}),   // 8  1-ABC-23
            Map.entry("LLDDDL", new int[] {2, 3, 1}),   // 9  AB-123-C
            Map.entry("LDDDLL", new int[] {1, 3, 2}),   // 10 A-123-BC
            Map.entry("LLLDDL", new int[] {3, 2, 1}),   // 11 ABC-12-D
            Map.entry("LDDLLL", new int[] {1, 2, 3}),   // 12 A-12-BCD
            Map.entry("DLLDDD", new int[] {1, 2, 3}),   // 13 1-AB-234
            Map.entry("DDDLLD", new int[] {3, 2, 1}));  // 14 123-AB-4

    private Plates() {
    }

    /** {@code plate-format} when {@code plate} is not a plate of {@code country} (free text for others or none). */
    public static Optional<String> violation(String country, String plate) {
        return canonical(country, plate) == null ? Optional.of(PLATE_FORMAT) : Optional.empty();
    }

    /**
     * The canonical spelling of {@code plate} in {@code country} (FR: {@code AB-123-CD}).
     *
     * @throws IllegalArgumentException when {@link #violation} refuses it
     */
    public static String normalise(String country, String plate) {
        String canonical = canonical(country, plate);
        if (canonical == null) {
            throw new IllegalArgumentException("'" + plate + "' is not a plate of " + country);
        }
        return canonical;
    }

    private static String canonical(String country, String plate) {
        if (plate == null) {
            return null;
        }
        String text = plate.strip().toUpperCase(Locale.ROOT);
        List<Format> formats = country == null ? null : FORMATS.get(country.strip().toUpperCase(Locale.ROOT));
        for (Format format : formats == null ? List.of(FREE) : formats) {
            Matcher matcher = format.pattern().matcher(text);
            if (matcher.matches()) {
                String canonical = format.canonical().apply(matcher);
                if (canonical != null) {
                    return canonical;
                }
            }
        }
        return null;
    }

    private static String german(Matcher m) {
        int length = m.group(1).length() + m.group(2).length() + m.group(3).length();
        return length > 8 ? null : m.group(1) + "-" + m.group(2) + " " + m.group(3) + m.group(4);
    }

    private static String dutch(Matcher m) {
        String characters = m.group().replace("-", "").replace(" ", "");
        StringBuilder shape = new StringBuilder();
        for (char c : characters.toCharArray()) {
            shape.append(Character.isDigit(c) ? 'D' : 'L');
        }
        int[] groups = NL_SIDECODES.get(shape.toString());
        if (groups == null) {
            return null;
        }
        return characters.substring(0, groups[0]) + "-" + characters.substring(groups[0], groups[0] + groups[1])
                + "-" + characters.substring(groups[0] + groups[1]);
    }

    /** A plate's form and how its match is written canonically (null when the match still breaks a rule). */
    private record Format(Pattern pattern, Function<Matcher, String> canonical) {

        Format(String regex, Function<Matcher, String> canonical) {
            this(Pattern.compile(regex), canonical);
        }
    }
}
