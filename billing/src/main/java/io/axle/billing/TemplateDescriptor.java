package io.axle.billing;

/**
 * An invoice template: {@code company} null means it serves every company; {@code language} is ISO 639-1 and
 * {@code customerType} null means both kinds of customer.
 */
public record TemplateDescriptor(String id, String company, String language, CustomerType customerType,
                                 String description) {
}
