package io.axle.api.common;

/** Why a command was refused, carried across the command bus as the details of the failure so that the edge can answer with a problem response naming the field and the rule. */
public record Refusal(int status, String field, String rule, String detail) {
}
