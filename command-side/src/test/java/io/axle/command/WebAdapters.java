package io.axle.command;

import io.axle.platform.web.ProblemAdvice;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import java.util.Arrays;

/** Web adapters tested alone: a controller with bean validation and the problem advice, without security. */
public final class WebAdapters {

    private WebAdapters() {
    }

    public static MockMvc standalone(Object controller) {
        return standalone(controller, new Object[0]);
    }

    /** The controller with {@code advices} answering before the problem advice (an upload's size limit). */
    public static MockMvc standalone(Object controller, Object... advices) {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        Object[] all = Arrays.copyOf(advices, advices.length + 1);
        all[advices.length] = new ProblemAdvice();
        return MockMvcBuilders.standaloneSetup(controller).setValidator(validator).setControllerAdvice(all).build();
    }
}
