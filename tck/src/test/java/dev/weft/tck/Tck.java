package dev.weft.tck;

/** The TCK's time limits for every verification here (generous: CI machines have two cores). */
final class Tck {
    static final long TIMEOUT_MILLIS = 1_000;
    static final long NO_SIGNAL_MILLIS = 100;
    static final long CLEANUP_MILLIS = 2_000;

    private Tck() {}
}
