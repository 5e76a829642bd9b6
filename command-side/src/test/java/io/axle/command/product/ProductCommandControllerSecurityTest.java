package io.axle.command.product;

import io.axle.command.SignedIn;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.context.SecurityContextHolder;

import java.math.BigDecimal;
import java.security.Principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

/** Who may change the catalogue: the controller's method security as Spring enforces it. */
class ProductCommandControllerSecurityTest {

    private static final Principal SOMEONE = () -> "someone";

    private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Wiring.class);
    private final ProductCommandController controller = context.getBean(ProductCommandController.class);
    private final ProductCommandController.CreateProductRequest create = new ProductCommandController
            .CreateProductRequest("BRK-001", "Brake pad", null, BigDecimal.TEN, "EUR", "STANDARD", null, null);
    private final ProductCommandController.PriceRequest price =
            new ProductCommandController.PriceRequest(BigDecimal.ONE);

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "OPERATOR"})
    void administratorsAndOperatorsKeepTheCatalogue(String role) {
        SignedIn.as(role);

        assertThat(controller.create(create, SOMEONE).getStatusCode().value()).isEqualTo(201);
        assertThat(controller.changePrice("BRK-001", price, SOMEONE).getStatusCode().value()).isEqualTo(200);
        assertThat(controller.discontinue("BRK-001", null, SOMEONE).getStatusCode().value()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ANALYST", "TECHNICIAN", "DEVICE", "PARTNER"})
    void othersMayNot(String role) {
        SignedIn.as(role);

        assertThatThrownBy(() -> controller.create(create, SOMEONE)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.changePrice("BRK-001", price, SOMEONE))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> controller.discontinue("BRK-001", null, SOMEONE))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void nobodySignedInMayNot() {
        assertThatThrownBy(() -> controller.create(create, SOMEONE))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableMethodSecurity
    static class Wiring {

        @Bean
        CommandGateway commandGateway() {
            return mock(CommandGateway.class);
        }

        @Bean
        ProductCommandController productCommandController(CommandGateway commandGateway) {
            return new ProductCommandController(commandGateway);
        }
    }
}
