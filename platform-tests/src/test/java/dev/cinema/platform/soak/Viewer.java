package dev.cinema.platform.soak;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A viewer of the soak: an account of its own, and one action at a time, as a person at a browser.
 * {@code id} is the subject of the viewer's first token.
 */
final class Viewer {

    final String login;
    final String password;
    private final AtomicBoolean busy = new AtomicBoolean();
    volatile UUID id;
    volatile String token;
    volatile Instant tokenExpires = Instant.MIN;
    /** Registration answered 201 (or 409 after an attempt that got no answer): the account exists. */
    volatile boolean registered;
    /** A registration got no answer: a later 409 means that one was applied. */
    volatile boolean registrationUnanswered;

    Viewer(String login, String password) {
        this.login = login;
        this.password = password;
    }

    boolean claim() {
        return busy.compareAndSet(false, true);
    }

    void release() {
        busy.set(false);
    }

    /** A token good for the next request (not about to expire). */
    boolean hasToken() {
        return token != null && Instant.now().plusSeconds(30).isBefore(tokenExpires);
    }

    String credentials() {
        return "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}";
    }

    @Override
    public String toString() {
        return login + (id == null ? "" : " (" + id + ")");
    }
}
