package io.axle.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** A value carrying CR/LF cannot forge a log line: in a started application, every message is written escaped. */
@ExtendWith(OutputCaptureExtension.class)
class LogEscapingTest {

    @Configuration(proxyBeanMethods = false)
    static class NothingElse {
    }

    @Test
    void aNewlineInALoggedValueStaysOnItsLine(CapturedOutput output) {
        try (ConfigurableApplicationContext ignored = new SpringApplicationBuilder(NothingElse.class)
                .web(WebApplicationType.NONE).properties("spring.main.banner-mode=off").run()) {
            LoggerFactory.getLogger("io.axle.stock").info("Received stock for SKU {}",
                    "BRK-1\n2026-01-01 00:00:00 INFO admin granted\r\u001b[31m");
        }

        assertThat(output.getOut()).contains("Received stock for SKU BRK-1\\n2026-01-01 00:00:00 INFO admin granted"
                + "\\r\\u001b[31m");
        assertThat(output.getOut().lines()).noneMatch(line -> line.startsWith("2026-01-01 00:00:00 INFO admin"));
    }

    @Test
    void escapesControlCharactersButTab() {
        assertThat(EscapedMessageConverter.escape("a\tb\nc\rd\u0000e\u2028f")).isEqualTo("a\tb\\nc\\rd\\u0000e\\u2028f");
        assertThat(EscapedMessageConverter.escape("plain")).isEqualTo("plain");
        assertThat(EscapedMessageConverter.escape(null)).isNull();
    }
}
