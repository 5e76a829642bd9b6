package io.axle.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlsTest {

    @ParameterizedTest
    @CsvSource({
            "ftp://example.com/hooks, http-or-https",
            "/relative/hooks, http-or-https",
            "'https://exa mple.com/', http-or-https",
            "'https://user:secret@example.com/', no-credentials"})
    void refusesWhatIsNotPlainHttpOrHttps(String url, String rule) {
        assertThat(WebhookUrls.check(url, true).rule()).isEqualTo(rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/", "http://localhost/", "https://10.1.2.3/", "https://192.168.0.9/",
            "https://172.16.0.1/", "https://169.254.169.254/latest/meta-data", "http://[::1]/", "http://[fd00::1]/",
            "http://100.64.0.1/", "http://0.0.0.0/"})
    void refusesPrivateAddressesWhereTheyAreNotAllowed(String url) {
        assertThat(WebhookUrls.check(url, false).rule()).isEqualTo("public-address");
        assertThat(WebhookUrls.check(url, true)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.215.14/hooks", "http://[2606:4700::1111]/", "https://8.8.8.8:8443/x"})
    void acceptsPublicAddresses(String url) {
        assertThat(WebhookUrls.check(url, false)).isNull();
    }
}
