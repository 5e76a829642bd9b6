package io.axle.command.webhook;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.axle.api.webhook.ChangeWebhookCommand;
import io.axle.api.webhook.RegisterWebhookCommand;
import io.axle.api.webhook.RemoveWebhookCommand;
import io.axle.command.RuleViolationException;
import io.axle.command.WebAdapters;
import io.axle.webhooks.WebhookProperties;
import io.axle.webhooks.WebhookSecrets;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The web adapter alone (no security rules): request shape, the private-address rule, and the secret kept in the
 * secret store (the real one, on the MongoDB wire server) while the command carries none.
 */
class WebhookCommandControllerTest {

    private static final String SECRET = "0123456789abcdef-secret";
    private static final TestingAuthenticationToken ALICE = new TestingAuthenticationToken("alice", "n/a");

    private final CommandGateway gateway = mock(CommandGateway.class);
    private final WebhookProperties properties = new WebhookProperties();
    private MongoServer server;
    private MongoClient client;
    private WebhookSecrets secrets;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        secrets = new WebhookSecrets(new MongoTemplate(client, "axle-webhook-controller-test"));
        mvc = WebAdapters.standalone(new WebhookCommandController(gateway, secrets, properties));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private static String body(String url, String secret) {
        return "{\"url\": \"" + url + "\", \"events\": [\"order.confirmed\"]"
                + (secret == null ? "" : ", \"secret\": \"" + secret + "\"") + "}";
    }

    @Test
    void registeringKeepsTheSecretApartAndSendsTheRestAsACommand() throws Exception {
        mvc.perform(post("/api/v1/webhooks").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content(body("https://93.184.215.14/hooks", SECRET)))
                .andExpect(status().isCreated())
                .andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.webhookId").exists());

        ArgumentCaptor<RegisterWebhookCommand> sent = ArgumentCaptor.forClass(RegisterWebhookCommand.class);
        verify(gateway).sendAndWait(sent.capture());
        RegisterWebhookCommand command = sent.getValue();
        assertThat(command).isEqualTo(new RegisterWebhookCommand(command.webhookId(), null,
                "https://93.184.215.14/hooks", List.of("order.confirmed"), "alice"));
        assertThat(command.toString()).doesNotContain(SECRET);
        assertThat(secrets.find(command.webhookId())).contains(SECRET);
    }

    @Test
    void aRefusedRegistrationLeavesNoSecretBehind() throws Exception {
        doThrow(RuleViolationException.unprocessable("events[0]", "known-event", "unknown"))
                .when(gateway).sendAndWait(any(RegisterWebhookCommand.class));

        mvc.perform(post("/api/v1/webhooks").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                .content(body("https://93.184.215.14/hooks", SECRET)));

        ArgumentCaptor<RegisterWebhookCommand> sent = ArgumentCaptor.forClass(RegisterWebhookCommand.class);
        verify(gateway).sendAndWait(sent.capture());
        assertThat(secrets.find(sent.getValue().webhookId())).isEmpty();
    }

    @Test
    void aShortOrMissingSecretIs400NamingIt() throws Exception {
        for (String secret : new String[] {"short", null}) {
            mvc.perform(post("/api/v1/webhooks").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                            .content(body("https://93.184.215.14/hooks", secret)))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("secret"));
        }
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void aPrivateAddressIsRefusedWhereTheSettingForbidsIt() throws Exception {
        properties.setAllowPrivateAddresses(false);

        mvc.perform(post("/api/v1/webhooks").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content(body("http://127.0.0.1:8080/hooks", SECRET)))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.field").value("url"))
                .andExpect(jsonPath("$.rule").value("public-address"));
        mvc.perform(put("/api/v1/webhooks/wh-1").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content(body("https://10.0.0.8/hooks", null)))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.rule").value("public-address"));
        verify(gateway, never()).sendAndWait(any());
    }

    @Test
    void aPrivateAddressIsAcceptedWhereTheSettingAllowsIt() throws Exception {
        properties.setAllowPrivateAddresses(true);

        mvc.perform(post("/api/v1/webhooks").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                        .content(body("http://127.0.0.1:8080/hooks", SECRET)))
                .andExpect(status().isCreated());
    }

    @Test
    void changingReplacesTheSecretOnlyOnceTheCommandIsAccepted() throws Exception {
        secrets.put("wh-1", SECRET);
        doThrow(RuleViolationException.notFound("webhookId", "must-exist", "none"))
                .when(gateway).sendAndWait(any(ChangeWebhookCommand.class));

        mvc.perform(put("/api/v1/webhooks/wh-1").principal(ALICE).contentType(MediaType.APPLICATION_JSON)
                .content(body("https://93.184.215.14/v2", "another-secret-of-16")));

        assertThat(secrets.find("wh-1")).contains(SECRET);
    }

    @Test
    void removingErasesTheSecret() throws Exception {
        secrets.put("wh-1", SECRET);

        mvc.perform(delete("/api/v1/webhooks/wh-1").principal(ALICE)).andExpect(status().isNoContent());

        verify(gateway).sendAndWait(new RemoveWebhookCommand("wh-1", null, "alice"));
        assertThat(secrets.find("wh-1")).isEmpty();
    }
}
