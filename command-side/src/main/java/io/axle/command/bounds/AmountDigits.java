package io.axle.command.bounds;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.math.BigDecimal;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/**
 * An amount or price of at most {@value Bounds#AMOUNT_INTEGER_DIGITS} integer and
 * {@value Bounds#AMOUNT_FRACTION_DIGITS} decimal digits (rule {@code amount-digits}). Null is valid (pair it with
 * {@code @NotNull}).
 */
@Documented
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = AmountDigits.Validator.class)
public @interface AmountDigits {

    String message() default "must have at most 12 integer and 4 decimal digits";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the annotated value with {@link Bounds}. */
    class Validator implements ConstraintValidator<AmountDigits, BigDecimal> {

        @Override
        public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
            return value == null || Bounds.hasAmountDigits(value);
        }
    }
}
