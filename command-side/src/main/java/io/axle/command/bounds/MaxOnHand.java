package io.axle.command.bounds;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/** A stock level of at most {@value Bounds#MAX_ON_HAND} units (rule {@code max-on-hand}). Null is valid. */
@Documented
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = MaxOnHand.Validator.class)
public @interface MaxOnHand {

    String message() default "must be at most 1000000000";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the annotated value with {@link Bounds}. */
    class Validator implements ConstraintValidator<MaxOnHand, Number> {

        @Override
        public boolean isValid(Number value, ConstraintValidatorContext context) {
            return value == null || Bounds.isAtMostMaxOnHand(value.longValue());
        }
    }
}
