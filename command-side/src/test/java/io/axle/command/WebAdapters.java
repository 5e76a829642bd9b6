package io.axle.command;

import io.axle.platform.web.ProblemAdvice;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/** Web adapters tested alone: a controller with bean validation and the problem advice, without security. */
public final class WebAdapters {

    private WebAdapters() {
    }

    public static MockMvc standalone(Object controller) {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        return MockMvcBuilders.standaloneSetup(controller).setValidator(validator)
                .setControllerAdvice(new ProblemAdvice()).build();
    }
}
