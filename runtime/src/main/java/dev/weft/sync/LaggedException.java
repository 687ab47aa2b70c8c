package dev.weft.sync;

/**
 * A {@link Broadcast} receiver fell so far behind that values it had not received were
 * overwritten. The receiver has moved on to the oldest value still held; the next receive
 * continues from there.
 */
public final class LaggedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long missed;

    /**
     * Creates the exception.
     *
     * @param missed how many values the receiver skipped
     */
    public LaggedException(long missed) {
        super("broadcast receiver lagged behind and missed " + missed + " values");
        this.missed = missed;
    }

    /**
     * How many values were skipped.
     *
     * @return the count, at least 1
     */
    public long missed() {
        return missed;
    }
}
