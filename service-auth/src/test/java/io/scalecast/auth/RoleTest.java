package io.scalecast.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void adminPassesEveryRoleAndTheOthersOnlyTheirOwn() {
        for (Role needed : Role.values()) {
            assertThat(Role.ADMIN.grants(needed)).isTrue();
        }
        assertThat(Role.READ.grants(Role.READ)).isTrue();
        assertThat(Role.READ.grants(Role.WRITE)).isFalse();
        assertThat(Role.READ.grants(Role.ADMIN)).isFalse();
        assertThat(Role.WRITE.grants(Role.WRITE)).isTrue();
        assertThat(Role.WRITE.grants(Role.READ)).isFalse();
        assertThat(Role.WRITE.grants(Role.ADMIN)).isFalse();
    }

    @Test
    void rolesParseFromTheirWireNamesOnly() {
        assertThat(Role.parse("write")).contains(Role.WRITE);
        assertThat(Role.parse("WRITE")).isEmpty();
        assertThat(Role.parse("owner")).isEmpty();
        assertThat(Role.parse(null)).isEmpty();
    }
}
