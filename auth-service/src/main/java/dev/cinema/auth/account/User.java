package dev.cinema.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record User(UUID id, String login, String passwordHash, List<Role> roles, Instant created) {

    public List<String> roleNames() {
        return roles.stream().map(Role::name).toList();
    }
}
