package io.axle.platform.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Creates the admin user on first start, with {@code AXLE_ADMIN_PASSWORD} ({@code axle.security.admin-password}) or
 * with a generated password shown once in the log, in a box printed when the application is ready (after the
 * start-up lines, where it is seen).
 */
public class AdminBootstrap implements InitializingBean, ApplicationListener<ApplicationReadyEvent>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final UserAccounts users;
    private final String username;
    private final String configuredPassword;
    private volatile String generatedPassword;

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
            generatedPassword = password;
        } else {
            log.info("Axle admin user '{}' created with the configured password", username);
        }
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        String password = generatedPassword;
        if (password == null) {
            return;
        }
        generatedPassword = null;
        // one log line per row: the log escapes line breaks, and equal prefixes keep the rows aligned
        for (String row : box(List.of("Axle admin user created: " + username + " / " + password,
                "Shown only this once. Set AXLE_ADMIN_PASSWORD to choose it."))) {
            log.warn(row);
        }
    }

    /** After the other listeners of the ready event, so that the box comes last. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The lines framed by a box as wide as the longest of them, one string per row. */
    static List<String> box(List<String> lines) {
        int width = lines.stream().mapToInt(String::length).max().orElse(0) + 4;
        String border = "+" + "-".repeat(width) + "+";
        List<String> rows = new ArrayList<>();
        rows.add(border);
        lines.forEach(line -> rows.add("|  " + line + " ".repeat(width - 2 - line.length()) + "|"));
        rows.add(border);
        return rows;
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
