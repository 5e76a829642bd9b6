package io.axle.platform.security;

import java.security.SecureRandom;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Creates the admin user on first start, with {@code AXLE_ADMIN_PASSWORD} ({@code axle.security.admin-password}) or
 * with a generated password printed once in the log.
 */
public class AdminBootstrap implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final UserAccounts users;
    private final String username;
    private final String configuredPassword;

    public AdminBootstrap(UserAccounts users, String username, String configuredPassword) {
        this.users = users;
        this.username = username;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void afterPropertiesSet() {
        if (users.exists(username)) {
            return;
        }
        boolean generated = configuredPassword == null || configuredPassword.isBlank();
        String password = generated ? generatePassword() : configuredPassword;
        if (!users.create(username, password, Set.of(Roles.ADMIN))) {
            return;
        }
        if (generated) {
            String line = "  Axle admin user created: " + username + " / " + password + "  ";
            String border = "+" + "-".repeat(line.length()) + "+";
            log.warn("\n{}\n|{}|\n|{}|\n{}", border, line,
                    String.format("%-" + line.length() + "s", "  Shown only this once. Set AXLE_ADMIN_PASSWORD to choose it."),
                    border);
        } else {
            log.info("Axle admin user '{}' created with the configured password", username);
        }
    }

    private static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
