package dev.cinema.recsys.training;

/** What one run learnt from, the constants it kept, and how their model did on the validation split. */
record Summary(long viewers, long films, long verdicts, Hyperparameters constants, Validation validation) {
}
