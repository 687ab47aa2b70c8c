package dev.weft.sync;

/**
 * A channel operation found the channel closed. When the operation was a send, the value that
 * could not be sent comes back in {@link #unsentValue()}, so closing never loses data.
 */
public final class ChannelClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Not serialized: the value is the caller's to take back, not part of the report. */
    private final transient Object unsentValue;

    /**
     * Creates the exception.
     *
     * @param message what was attempted and who closed the channel
     * @param unsentValue the value a send could not deliver, or {@code null} for a receive
     */
    public ChannelClosedException(String message, Object unsentValue) {
        super(message);
        this.unsentValue = unsentValue;
    }

    /**
     * The value a failed send gives back to its caller.
     *
     * @param <T> the channel's item type (unchecked: the caller knows which channel it used)
     * @return the value that was not sent, or {@code null} if the failed operation was a receive
     */
    @SuppressWarnings("unchecked")
    public <T> T unsentValue() {
        return (T) unsentValue;
    }
}
