package io.axle.launcher.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks the page a {@link Browser} shows with axe-core and answers the violations of serious or critical impact, each
 * as one readable line (rule, impact, help and the first elements concerned), so that a test can assert there are none.
 */
final class Accessibility {

    private static final Set<String> BLOCKING = Set.of("serious", "critical");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'], iframes: false })
              .then(r => done(JSON.stringify(r.violations)))
              .catch(e => done(JSON.stringify({ error: String(e) })));
            """;

    private final String axeSource = Browser.axeSource();

    /** The serious and critical violations on the current page. */
    List<String> seriousViolations(Browser browser) {
        if (!Boolean.TRUE.equals(browser.js("return typeof window.axe === 'object'"))) {
            browser.js(axeSource);
        }
        String answer = String.valueOf(browser.asyncJs(RUN));
        try {
            JsonNode violations = JSON.readTree(answer);
            if (violations.has("error")) {
                throw new IllegalStateException("axe failed: " + violations.get("error").asText());
            }
            List<String> found = new ArrayList<>();
            for (JsonNode v : violations) {
                if (!BLOCKING.contains(v.path("impact").asText())) {
                    continue;
                }
                List<String> targets = new ArrayList<>();
                for (JsonNode node : v.path("nodes")) {
                    if (targets.size() == 3) {
                        break;
                    }
                    targets.add(node.path("target").toString() + " " + node.path("failureSummary").asText().replace('\n', ' '));
                }
                found.add(v.path("id").asText() + " (" + v.path("impact").asText() + "): " + v.path("help").asText()
                        + " " + targets);
            }
            return found;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable axe answer: " + answer, e);
        }
    }

    /**
     * Checks that the screen shown, named {@code what} in the failures, needs no sideways scrolling and has no serious
     * violation in the light theme, then in the dark one (the system's preference); the dark theme stays on, for a
     * screenshot, until the caller asks for light again.
     */
    void fitsItsWidthAndPassesInBothThemes(Browser browser, String what) {
        assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("%s fits the window's width", what).isEqualTo(true);
        browser.prefersDark(false);
        browser.waitUntil(d -> "light".equals(browser.js("return document.documentElement.dataset.theme")));
        assertThat(seriousViolations(browser)).as("%s in the light theme", what).isEmpty();
        browser.prefersDark(true);
        browser.waitUntil(d -> "dark".equals(browser.js("return document.documentElement.dataset.theme")));
        assertThat(seriousViolations(browser)).as("%s in the dark theme", what).isEmpty();
    }
}
