package dev.cinema.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * @param tokenVersion raised when the user's roles change: access tokens carry it ({@code ver}), and
 *                     the services refuse those issued under an older one
 * @param disabled     set by an administrator: no sign-in, no refresh, every session ended
 */
public record User(UUID id, String login, String passwordHash, List<Role> roles, Instant created, int tokenVersion,
                   boolean disabled) {

    public List<String> roleNames() {
        return roles.stream().map(Role::name).toList();
    }
}
