package dev.cinema.auth.account;

import io.r2dbc.spi.Readable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

@Repository
public class UserRepository {

    private static final String COLUMNS = "id, login, password_hash, roles, created, token_version, disabled";

    private final DatabaseClient db;

    UserRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts the user; a taken login fails with {@link DuplicateKeyException}. */
    Mono<User> insert(User user) {
        return db.sql("INSERT INTO app_user (id, login, password_hash, roles, created) VALUES (:id, :login, :hash, :roles, :created)")
                .bind("id", user.id())
                .bind("login", user.login())
                .bind("hash", user.passwordHash())
                .bind("roles", roleArray(user.roles()))
                .bind("created", user.created())
                .fetch().rowsUpdated()
                .thenReturn(user);
    }

    public Mono<User> findByLogin(String login) {
        return db.sql("SELECT " + COLUMNS + " FROM app_user WHERE login = :login")
                .bind("login", login)
                .map(UserRepository::toUser)
                .one();
    }

    public Mono<User> findById(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM app_user WHERE id = :id")
                .bind("id", id)
                .map(UserRepository::toUser)
                .one();
    }

    Flux<User> findPage(int page, int size) {
        return db.sql("SELECT " + COLUMNS + " FROM app_user ORDER BY created, id LIMIT :limit OFFSET :offset")
                .bind("limit", size)
                .bind("offset", (long) page * size)
                .map(UserRepository::toUser)
                .all();
    }

    Mono<Long> count() {
        return db.sql("SELECT count(*) AS n FROM app_user").map(row -> row.get("n", Long.class)).one();
    }

    /** Sets the roles and raises the token version, so that tokens carrying the old roles are refused. */
    Mono<User> updateRoles(UUID id, List<Role> roles) {
        return db.sql("UPDATE app_user SET roles = :roles, token_version = token_version + 1 WHERE id = :id RETURNING " + COLUMNS)
                .bind("roles", roleArray(roles))
                .bind("id", id)
                .map(UserRepository::toUser)
                .one();
    }

    Mono<User> updateDisabled(UUID id, boolean disabled) {
        return db.sql("UPDATE app_user SET disabled = :disabled WHERE id = :id RETURNING " + COLUMNS)
                .bind("disabled", disabled)
                .bind("id", id)
                .map(UserRepository::toUser)
                .one();
    }

    /** Re-hashes a password whose hash uses an older algorithm, on the next successful login. */
    public Mono<Void> updatePasswordHash(UUID id, String hash) {
        return db.sql("UPDATE app_user SET password_hash = :hash WHERE id = :id")
                .bind("hash", hash)
                .bind("id", id)
                .fetch().rowsUpdated()
                .then();
    }

    private static String[] roleArray(List<Role> roles) {
        return roles.stream().map(Role::name).distinct().sorted().toArray(String[]::new);
    }

    private static User toUser(Readable row) {
        String[] roles = row.get("roles", String[].class);
        return new User(row.get("id", UUID.class), row.get("login", String.class), row.get("password_hash", String.class),
                Arrays.stream(roles == null ? new String[0] : roles).map(Role::valueOf).toList(),
                row.get("created", Instant.class), row.get("token_version", Integer.class),
                Boolean.TRUE.equals(row.get("disabled", Boolean.class)));
    }
}
