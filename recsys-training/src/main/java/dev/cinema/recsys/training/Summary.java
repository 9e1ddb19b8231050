package dev.cinema.recsys.training;

/** What one run learnt from and how its model did on the validation split. */
record Summary(long viewers, long films, long verdicts, Validation validation) {
}
