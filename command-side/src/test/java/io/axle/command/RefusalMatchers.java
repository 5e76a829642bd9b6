package io.axle.command;

import io.axle.api.common.Refusal;
import org.axonframework.commandhandling.CommandExecutionException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import java.util.Optional;

/** Hamcrest matchers for refusals, usable with {@code AggregateTestFixture.expectException(Matcher)}. */
public final class RefusalMatchers {

    private RefusalMatchers() {
    }

    /** A {@link RuleViolationException} whose refusal has this status, field and rule. */
    public static Matcher<RuleViolationException> refusal(int status, String field, String rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolationException e) {
                return sameRefusal(e.refusal(), status, field, rule);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("RuleViolationException refusing with " + status + " " + field + " " + rule);
            }

            @Override
            protected void describeMismatchSafely(RuleViolationException e, Description description) {
                description.appendText("was " + e.refusal());
            }
        };
    }

    /** A {@link CommandExecutionException} whose details are a refusal with this status, field and rule. */
    public static Matcher<CommandExecutionException> executionRefusal(int status, String field, String rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandExecutionException e) {
                Optional<Object> details = e.getDetails();
                return details.filter(Refusal.class::isInstance)
                        .map(d -> sameRefusal((Refusal) d, status, field, rule))
                        .orElse(false);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("CommandExecutionException refusing with " + status + " " + field + " " + rule);
            }

            @Override
            protected void describeMismatchSafely(CommandExecutionException e, Description description) {
                description.appendText("had details " + e.getDetails());
            }
        };
    }

    private static boolean sameRefusal(Refusal refusal, int status, String field, String rule) {
        return refusal.status() == status && field.equals(refusal.field()) && rule.equals(refusal.rule());
    }
}
