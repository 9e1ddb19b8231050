package dev.cinema.auth.account;

public enum Role {
    USER, ADMIN
}
