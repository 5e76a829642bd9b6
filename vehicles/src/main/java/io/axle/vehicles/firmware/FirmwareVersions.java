package io.axle.vehicles.firmware;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Firmware versions and what fits what.
 *
 * <p>A version is 1 to 40 letters, digits, dots, hyphens, underscores or plus signs, starting with a letter or digit
 * ({@code 1.4.2}, {@code 2.0.0-rc1}, {@code SW0415}). Versions compare part by part, split at dots and hyphens: numeric
 * parts as numbers, others as text (case ignored), a numeric part after a text one, and a version that is a prefix of
 * another before it, except that a trailing text part marks a pre-release ({@code 2.0.0-rc1 < 2.0.0}).
 *
 * <p>A range is written in interval notation as Maven and OSGi write it: {@code [1.0,2.0)} from 1.0 included to 2.0
 * excluded, {@code (,1.5]} up to 1.5 included, {@code [1.2,)} from 1.2, {@code [1.3]} exactly 1.3; null or blank is any
 * version. A hardware pattern is a part number, or a prefix followed by {@code *}; part numbers compare ignoring case.
 */
public final class FirmwareVersions {

    /** The rule a malformed version breaks. */
    public static final String VERSION_FORMAT = "version-format";
    /** The rule a malformed range breaks. */
    public static final String RANGE_FORMAT = "version-range-format";

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+\\-]{0,39}");
    private static final Pattern RANGE = Pattern.compile("\\s*([\\[(])\\s*([^,\\s\\])]*)\\s*(?:,\\s*([^\\s\\])]*)\\s*)?([\\])])\\s*");
    private static final Pattern HARDWARE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/\\-]{0,39}\\*?");

    private FirmwareVersions() {
    }

    /** Whether {@code version} is a well-formed version. */
    public static boolean isVersion(String version) {
        return version != null && VERSION.matcher(version).matches();
    }

    /** Whether {@code pattern} is a well-formed hardware part number or prefix pattern. */
    public static boolean isHardwarePattern(String pattern) {
        return pattern != null && HARDWARE.matcher(pattern).matches();
    }

    /** Negative, zero or positive as {@code a} is older than, the same as or newer than {@code b}. */
    public static int compare(String a, String b) {
        List<Object> left = parts(a);
        List<Object> right = parts(b);
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            if (i >= left.size()) {
                return right.get(i) instanceof String ? 1 : -1;
            }
            if (i >= right.size()) {
                return left.get(i) instanceof String ? -1 : 1;
            }
            Object l = left.get(i);
            Object r = right.get(i);
            int order;
            if (l instanceof Long x && r instanceof Long y) {
                order = Long.compare(x, y);
            } else if (l instanceof String x && r instanceof String y) {
                order = x.compareTo(y);
            } else {
                order = l instanceof Long ? 1 : -1;
            }
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private static List<Object> parts(String version) {
        List<Object> parts = new ArrayList<>();
        for (String part : version.toLowerCase(Locale.ROOT).split("[.\\-]")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit) && part.length() <= 18) {
                parts.add(Long.parseLong(part));
            } else {
                parts.add(part);
            }
        }
        return parts;
    }

    /**
     * Why {@code range} is not a range, or null when it is one (or is null or blank: any version). The answer names
     * what is wrong in a sentence.
     */
    public static String rangeViolation(String range) {
        if (range == null || range.isBlank()) {
            return null;
        }
        Matcher m = RANGE.matcher(range);
        if (!m.matches()) {
            return "'" + range + "' is not a version range such as [1.0,2.0), (,1.5], [1.2,) or [1.3]";
        }
        String low = m.group(2);
        String high = m.group(3);
        boolean exact = high == null;
        if (exact) {
            if (low.isEmpty() || !"[".equals(m.group(1)) || !"]".equals(m.group(4))) {
                return "'" + range + "': a single version is written [1.3]";
            }
            return isVersion(low) ? null : "'" + low + "' is not a version";
        }
        if (!low.isEmpty() && !isVersion(low)) {
            return "'" + low + "' is not a version";
        }
        if (!high.isEmpty() && !isVersion(high)) {
            return "'" + high + "' is not a version";
        }
        if (low.isEmpty() && high.isEmpty()) {
            return "'" + range + "' bounds nothing: leave the range out for any version";
        }
        if (!low.isEmpty() && !high.isEmpty() && compare(low, high) > 0) {
            return "'" + range + "': " + low + " is newer than " + high;
        }
        return null;
    }

    /** Whether {@code version} lies in {@code range} (any version when the range is null or blank). */
    public static boolean inRange(String version, String range) {
        if (range == null || range.isBlank()) {
            return true;
        }
        String violation = rangeViolation(range);
        if (violation != null) {
            throw new IllegalArgumentException(violation);
        }
        Matcher m = RANGE.matcher(range);
        m.matches();
        String low = m.group(2);
        String high = m.group(3);
        if (high == null) {
            return compare(version, low) == 0;
        }
        if (!low.isEmpty()) {
            int order = compare(version, low);
            if (order < 0 || order == 0 && "(".equals(m.group(1))) {
                return false;
            }
        }
        if (!high.isEmpty()) {
            int order = compare(version, high);
            return order < 0 || order == 0 && "]".equals(m.group(4));
        }
        return true;
    }

    /** Whether {@code hardware} matches one of {@code patterns} (any hardware when there are none). */
    public static boolean fits(List<String> patterns, String hardware) {
        if (patterns == null || patterns.isEmpty()) {
            return true;
        }
        if (hardware == null) {
            return false;
        }
        String part = hardware.toUpperCase(Locale.ROOT);
        for (String pattern : patterns) {
            String p = pattern.toUpperCase(Locale.ROOT);
            if (p.endsWith("*") ? part.startsWith(p.substring(0, p.length() - 1)) : part.equals(p)) {
                return true;
            }
        }
        return false;
    }
}
