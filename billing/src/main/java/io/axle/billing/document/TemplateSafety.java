package io.axle.billing.document;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules a template must keep to be loaded: every value it prints is HTML-escaped (no {@code {{{raw}}}} nor
 * {@code {{&raw}}}), and every helper it calls exists. Handlebars itself only notices a missing helper when the line
 * calling it is rendered, perhaps months later on the one invoice that takes that branch; checking the source finds it
 * when the template is loaded.
 */
final class TemplateSafety {

    private static final Pattern MUSTACHE = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern COMMENT = Pattern.compile("\\{\\{!--.*?--}}|\\{\\{!.*?}}", Pattern.DOTALL);
    private static final Pattern SUB_EXPRESSION = Pattern.compile("\\(\\s*([A-Za-z_][\\w.-]*)\\s+[^)\\s]");

    private TemplateSafety() {
    }

    /** Refuses {@code source} (named {@code name} in the message) when it breaks a rule; {@code helpers} are known. */
    static void check(String name, String source, Set<String> helpers) {
        Matcher comments = COMMENT.matcher(source);
        StringBuilder withoutComments = new StringBuilder();
        while (comments.find()) {
            comments.appendReplacement(withoutComments, comments.group().replaceAll("[^\n]", ""));
        }
        String text = comments.appendTail(withoutComments).toString();
        Matcher tags = MUSTACHE.matcher(text);
        while (tags.find()) {
            String tag = tags.group(1).strip();
            int line = lineOf(text, tags.start());
            if (tag.startsWith("{") || tag.startsWith("~{") || tag.startsWith("&") || tag.startsWith("~&")) {
                throw new InvalidTemplateException(name + " line " + line + ": {{" + tag + "}} prints a value"
                        + " without HTML escaping; use {{name}} instead");
            }
            String body = tag.replaceFirst("^~", "").replaceFirst("~$", "").strip();
            if (body.startsWith(">") || body.startsWith("/") || body.startsWith("#>") || body.isEmpty()) {
                continue;
            }
            if (body.startsWith("#*")) {
                throw new InvalidTemplateException(name + " line " + line + ": decorators ({{" + tag
                        + "}}) are not allowed in invoice templates");
            }
            if (body.startsWith("#") || body.startsWith("^")) {
                body = body.substring(1).strip();
            }
            if (body.equals("else") || body.startsWith("else ")) {
                body = body.substring(4).strip();
                if (body.isEmpty()) {
                    continue;
                }
            }
            String[] words = body.split("\\s+", 2);
            if (words.length > 1 && !helpers.contains(words[0])) {
                throw new InvalidTemplateException(name + " line " + line + ": {{" + tag + "}} calls helper '"
                        + words[0] + "', which does not exist; known helpers: " + new java.util.TreeSet<>(helpers));
            }
            Matcher calls = SUB_EXPRESSION.matcher(body);
            while (calls.find()) {
                if (!helpers.contains(calls.group(1))) {
                    throw new InvalidTemplateException(name + " line " + line + ": ({{" + tag + "}}) calls helper '"
                            + calls.group(1) + "', which does not exist; known helpers: "
                            + new java.util.TreeSet<>(helpers));
                }
            }
        }
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** A template that cannot be used, with the file, line and rule it breaks. */
    static final class InvalidTemplateException extends RuntimeException {
        InvalidTemplateException(String message) {
            super(message);
        }

        InvalidTemplateException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
