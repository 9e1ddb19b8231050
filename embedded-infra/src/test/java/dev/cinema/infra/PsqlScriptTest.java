package dev.cinema.infra;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PsqlScriptTest {

    @Test
    void variablesGoInQuotedAsPsqlQuotesThemSoThatAPasswordCannotEndItsLiteral() {
        PsqlScript script = new PsqlScript("", Map.of("user", "o\"brien", "password", "it's'; DROP ROLE postgres; --"));

        assertThat(script.interpolated("ALTER ROLE :\"user\" PASSWORD :'password'"))
                .isEqualTo("ALTER ROLE \"o\"\"brien\" PASSWORD 'it''s''; DROP ROLE postgres; --'");
    }

    @Test
    void aCastIsNotAVariable() {
        PsqlScript script = new PsqlScript("", Map.of());

        assertThat(script.interpolated("SELECT c.oid::regclass, 'x'::text")).isEqualTo("SELECT c.oid::regclass, 'x'::text");
    }

    @Test
    void aVariableTheScriptUsesButWasNotGivenStopsIt() {
        PsqlScript script = new PsqlScript("", Map.of());

        assertThatThrownBy(() -> script.interpolated("ALTER ROLE :\"auth_user\" LOGIN")).hasMessageContaining("auth_user");
    }
}
