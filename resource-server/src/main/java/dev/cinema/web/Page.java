package dev.cinema.web;

import java.util.List;

/** One page of a listing, with the total so a client can count pages. */
public record Page<T>(List<T> items, int page, int size, long total) {
}
