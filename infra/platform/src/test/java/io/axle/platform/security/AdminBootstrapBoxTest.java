package io.axle.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The box the generated admin password is shown in. */
class AdminBootstrapBoxTest {

    @Test
    void framesEveryLineAsWideAsTheLongestWhateverItsLength() {
        for (String password : List.of("x", "A".repeat(20), "B".repeat(90))) {
            List<String> rows = AdminBootstrap.box(List.of("Axle admin user created: admin / " + password,
                    "Shown only this once."));

            assertThat(rows).hasSize(4);
            assertThat(rows).extracting(String::length).containsOnly(rows.get(0).length());
            assertThat(rows.get(0)).matches("\\+-+\\+").isEqualTo(rows.get(3));
            assertThat(rows.get(1)).startsWith("|  Axle admin user created: admin / " + password).endsWith("|");
            assertThat(rows.get(2)).startsWith("|  Shown only this once.").endsWith(" |");
        }
    }
}
