package io.axle.command.document.alert;

/**
 * What an alert rule's {@code op} checks on the field it names. The operators {@code >}, {@code >=}, {@code <},
 * {@code <=}, {@code =}, {@code present}, {@code absent} and {@code matches} are built in
 * ({@link AlertConditions}); any other is a Spring bean of this type, found by its {@link #op()}: for instance
 * {@code vin-unknown}, a VIN the vehicle registry does not know.
 */
public interface AlertCondition {

    /** The name rules give it in {@code op}. */
    String op();

    /**
     * Checks a rule's {@code value} at start-up; throws {@link IllegalArgumentException} saying what is wrong with it
     * (not a number, not a regular expression, missing).
     */
    default void checkOperand(String operand) {
    }

    /**
     * Whether the condition holds for {@code subject}, the field's value (or note) on the document, null when the
     * document has no such field; {@code operand} is the rule's {@code value}, checked at start-up.
     */
    boolean holds(String subject, String operand);
}
