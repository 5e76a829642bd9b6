package io.axle.command.document.alert;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The built-in conditions of alert rules, and the table of every condition by its {@code op}: comparisons of a
 * field's value with a number ({@code >}, {@code >=}, {@code <}, {@code <=}; a value that is no number never matches),
 * equality ({@code =}: as numbers when both are, otherwise as text ignoring case), {@code present} and {@code absent}
 * (a field with a non-blank value, or none), and {@code matches} (the regular expression is found in the text).
 */
final class AlertConditions {

    /** The built-in operators, in the order they are listed in messages. */
    static final List<String> BUILT_IN = List.of(">", ">=", "<", "<=", "=", "present", "absent", "matches");

    private final Map<String, AlertCondition> byOp = new LinkedHashMap<>();

    /** The built-in conditions and {@code extra} ones (which may not reuse a built-in name). */
    AlertConditions(List<AlertCondition> extra) {
        add(comparison(">", c -> c > 0));
        add(comparison(">=", c -> c >= 0));
        add(comparison("<", c -> c < 0));
        add(comparison("<=", c -> c <= 0));
        add(new Equals());
        add(condition("present", subject -> subject != null));
        add(condition("absent", subject -> subject == null));
        add(new Matches());
        for (AlertCondition condition : extra) {
            if (byOp.containsKey(condition.op())) {
                throw new IllegalStateException("Two alert conditions are named '" + condition.op() + "' ("
                        + byOp.get(condition.op()).getClass().getName() + ", " + condition.getClass().getName() + ")");
            }
            add(condition);
        }
    }

    /** The built-in conditions only. */
    static AlertConditions builtIn() {
        return new AlertConditions(List.of());
    }

    /** The condition named {@code op}, or null when there is none. */
    AlertCondition find(String op) {
        return byOp.get(op);
    }

    /** Every condition's name, built-in ones first. */
    List<String> ops() {
        return List.copyOf(byOp.keySet());
    }

    private void add(AlertCondition condition) {
        byOp.put(condition.op(), condition);
    }

    /** The number {@code text} reads as, or null when it is none. */
    static BigDecimal number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static AlertCondition comparison(String op, IntPredicate outcome) {
        return new AlertCondition() {
            @Override
            public String op() {
                return op;
            }

            @Override
            public void checkOperand(String operand) {
                if (number(operand) == null) {
                    throw new IllegalArgumentException("value '" + operand + "' is not a number (write 10000 or"
                            + " 10000.50, no spaces, no thousands separator)");
                }
            }

            @Override
            public boolean holds(String subject, String operand) {
                BigDecimal value = number(subject);
                return value != null && outcome.test(value.compareTo(number(operand)));
            }
        };
    }

    /** A condition named {@code op} that tests the field alone (no operand). */
    static AlertCondition condition(String op, java.util.function.Predicate<String> test) {
        return new AlertCondition() {
            @Override
            public String op() {
                return op;
            }

            @Override
            public boolean holds(String subject, String operand) {
                return test.test(subject);
            }
        };
    }

    private static final class Equals implements AlertCondition {

        @Override
        public String op() {
            return "=";
        }

        @Override
        public void checkOperand(String operand) {
            if (operand == null) {
                throw new IllegalArgumentException("value is missing: '=' compares the field with it");
            }
        }

        @Override
        public boolean holds(String subject, String operand) {
            if (subject == null) {
                return false;
            }
            BigDecimal left = number(subject);
            BigDecimal right = number(operand);
            return left != null && right != null ? left.compareTo(right) == 0
                    : subject.strip().equalsIgnoreCase(operand.strip());
        }
    }

    private static final class Matches implements AlertCondition {

        private final Map<String, Pattern> patterns = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public String op() {
            return "matches";
        }

        @Override
        public void checkOperand(String operand) {
            if (operand == null) {
                throw new IllegalArgumentException("value is missing: 'matches' needs a regular expression");
            }
            try {
                Pattern.compile(operand);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("value '" + operand + "' is not a regular expression: "
                        + e.getDescription());
            }
        }

        @Override
        public boolean holds(String subject, String operand) {
            return subject != null && patterns.computeIfAbsent(operand, Pattern::compile).matcher(subject).find();
        }
    }
}
