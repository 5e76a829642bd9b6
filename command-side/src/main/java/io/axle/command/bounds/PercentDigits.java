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
 * A percentage with at most {@value Bounds#PERCENT_FRACTION_DIGITS} decimal digits (rule {@code percent-digits}); its
 * range is checked by {@code @DecimalMin("0") @DecimalMax("100")}. Null is valid.
 */
@Documented
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = PercentDigits.Validator.class)
public @interface PercentDigits {

    String message() default "must have at most 4 decimal digits";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the annotated value with {@link Bounds}. */
    class Validator implements ConstraintValidator<PercentDigits, BigDecimal> {

        @Override
        public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
            return value == null || Bounds.hasPercentDigits(value);
        }
    }
}
