package io.axle.api.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component (or field) holding personal data of the record's {@link DataSubject}: it is stored encrypted with
 * that subject's key and reads as null once the subject is erased. Its type must therefore accept null. A type with a
 * personal component must name its data subject.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {
}
