package io.secplane.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure is the database being out of reach (stopped, restarting, unreachable), which is
 * answered 503 in the API's shape with {@code Retry-After}, fast (the pool waits at most its
 * connection timeout), rather than 500.
 */
public final class Unavailable {

    public static final String MESSAGE = "The database is unavailable; retry shortly. A write cut off by the outage "
            + "at its commit may or may not have been made.";

    private Unavailable() {
    }

    public static final String TIMED_OUT = "The request ran past the server's time limit for one database statement and "
            + "was stopped; retry, or narrow the request (fewer or simpler search terms).";

    /** Whether a statement was cancelled for running past its time limit (SQLSTATE 57014, on H2 and PostgreSQL). */
    public static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.sql.SQLTimeoutException || t instanceof org.springframework.dao.QueryTimeoutException
                    || t instanceof SQLException s && "57014".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public static final String CONTENDED = "The database gave this request up to let a concurrent one through (a lock "
            + "it waited for, or a deadlock between the two); nothing of it was done: retry.";

    /** Whether the database gave up a transaction for another (deadlock, lock wait or serialization). */
    public static boolean contended(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof org.springframework.dao.PessimisticLockingFailureException
                    || t instanceof SQLException s && s.getSQLState() != null && (s.getSQLState().equals("40P01")
                    || s.getSQLState().equals("40001") || s.getSQLState().equals("55P03") || s.getSQLState().equals("HYT00"))) {
                return true;
            }
        }
        return false;
    }

    /** The 503 for a failure that {@link #database}, {@link #timedOut} or {@link #contended} recognises, else null. */
    public static ApiException of(Throwable e) {
        if (timedOut(e)) {
            return new ApiException(ErrorCode.UNAVAILABLE, TIMED_OUT).withHeader("Retry-After", "2");
        }
        if (contended(e)) {
            return new ApiException(ErrorCode.UNAVAILABLE, CONTENDED).withHeader("Retry-After", "1");
        }
        return database(e) ? error() : null;
    }

    public static boolean database(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException || t instanceof ConnectException) {
                return true;
            }
            // SQLSTATE class 08: connection exception; 57P01-57P03: the server is shutting down or starting
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
                return true;
            }
            // a commit or rollback that failed on the connection: the connection is gone
            if (t instanceof org.springframework.transaction.TransactionSystemException tse
                    && (tse.getApplicationException() != null && database(tse.getApplicationException())
                    || tse.getCause() instanceof SQLException)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    public static ApiException error() {
        return new ApiException(ErrorCode.UNAVAILABLE, MESSAGE).withHeader("Retry-After", "2");
    }
}
