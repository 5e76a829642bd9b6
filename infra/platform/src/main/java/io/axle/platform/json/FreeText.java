package io.axle.platform.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.fasterxml.jackson.annotation.JacksonAnnotation;

/**
 * Marks a text field of a request as free text (a reason, a description, a note): tab, line feed and carriage return
 * are allowed in it. Every other text field refuses all control characters (U+0000–U+001F, U+007F), as
 * {@link StrictJson} enforces while reading the request.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotation
public @interface FreeText {
}
