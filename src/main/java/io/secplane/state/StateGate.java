package io.secplane.state;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;

import org.springframework.stereotype.Component;

import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;

/**
 * Between the requests of the APIs and an operation on the whole state (a reset, a restore, an
 * import): each request of the APIs passes the gate for as long as it runs; an operation on the
 * state closes it, waits for the requests in flight to finish, and opens it again once its
 * transaction is over and this process has forgotten what it remembered of the state before. So a
 * request sees the state before the operation or after it, never a part of each. The operator's
 * own API does not pass the gate.
 */
@Component
public class StateGate {

    /** How long an operation on the state waits for the requests in flight. */
    static final long DRAIN_SECONDS = 30;

    private final StampedLock lock = new StampedLock();

    /** A request's pass, given back when it ends. */
    public long enter() {
        return lock.readLock();
    }

    public void leave(long pass) {
        lock.unlockRead(pass);
    }

    /** Runs an operation on the state with the gate closed; 503 when the requests in flight do not end in time. */
    public <T> T closed(java.util.function.Supplier<T> operation) {
        long stamp;
        try {
            stamp = lock.tryWriteLock(DRAIN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stamp = 0;
        }
        if (stamp == 0) {
            throw new ApiException(ErrorCode.UNAVAILABLE, "Requests of the APIs were still running after " + DRAIN_SECONDS
                    + " seconds; nothing was changed. Try again.");
        }
        try {
            return operation.get();
        } finally {
            lock.unlockWrite(stamp);
        }
    }
}
