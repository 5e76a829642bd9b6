package io.axle.api.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the component (or field) whose value is the id of the person the record's {@link PersonalData} belongs to,
 * e.g. a customer id; erasing that subject makes those components unreadable everywhere they were stored.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface DataSubject {

    /**
     * What a subject id may hold, as a regular expression for request validation: anything but ':' (the separator
     * of the tokens personal data is stored as) and white space, 1 to 100 characters.
     */
    String ID_PATTERN = "[^:\\s]{1,100}";

    /** The refusal's message for an id outside {@link #ID_PATTERN}. */
    String ID_RULE = "must be an id of 1 to 100 characters without ':' or spaces";

    /**
     * Whether the subject may be absent: true where the record's personal data belongs to no one when the subject is
     * null (a vehicle without owner keeps its plate in clear). False by default: personal data of a null subject is
     * refused, so that a forgotten id never writes a person's data in clear.
     */
    boolean optional() default false;
}
