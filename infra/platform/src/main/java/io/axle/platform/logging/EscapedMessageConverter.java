package io.axle.platform.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The log message with its control characters escaped: CR and LF as {@code \r} and {@code \n}, any other control
 * character (tab aside) as {@code \\uXXXX}. Values from requests, topics and client ids end up in messages; escaped,
 * they cannot start a line of their own and pass for another entry. Stack traces are written by their own converter
 * and keep their lines.
 */
public class EscapedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return escape(super.convert(event));
    }

    /** {@code message} with CR, LF and other control characters (but tab) escaped; {@code null} stays null. */
    public static String escape(String message) {
        if (message == null) {
            return null;
        }
        int first = firstToEscape(message);
        if (first < 0) {
            return message;
        }
        StringBuilder escaped = new StringBuilder(message.length() + 16).append(message, 0, first);
        for (int i = first; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\n') {
                escaped.append("\\n");
            } else if (c == '\r') {
                escaped.append("\\r");
            } else if (needsEscape(c)) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static int firstToEscape(String message) {
        for (int i = 0; i < message.length(); i++) {
            if (needsEscape(message.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean needsEscape(char c) {
        return c != '\t' && (Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
    }
}
