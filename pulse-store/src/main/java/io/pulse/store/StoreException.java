package io.pulse.store;

/** A failure inside the store that is not the user's fault (a bug, a full disk, a locked file). */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
