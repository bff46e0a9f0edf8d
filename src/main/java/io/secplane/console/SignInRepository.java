package io.secplane.console;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for signing in to the console: a user's password, second factor, failed attempts and sign-in epoch. */
@Repository
public class SignInRepository {

    /** What signing in reads of a user. */
    public record Account(UUID id, UUID orgId, String email, String status, String passwordHash, String totpSecret,
                          long totpLastStep, int epoch, int failedLogins, Instant lockedUntil) {
    }

    private static final String COLUMNS = "id, org_id, email, status, password_hash, totp_secret, totp_last_step, "
            + "auth_epoch, failed_logins, locked_until";
    private final JdbcClient jdbc;

    public SignInRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The accounts with this email, in every org, oldest first (an email may have an account in several orgs). */
    public List<Account> byEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE email_key = ? AND status <> 'REMOVED' ORDER BY created_at, id")
                .param(io.secplane.users.UserRepository.emailKey(email)).query(SignInRepository::map).list();
    }

    /** A user as signing in reads it (at every console request too: its status and epoch). */
    public Optional<Account> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?").param(id).query(SignInRepository::map).optional();
    }

    /**
     * Counts an attempt on an account before its password or code is checked, in one statement
     * (atomic across threads and server processes): refused (0) while the account is locked; else the
     * count with this attempt, and the attempt that reaches the limit locks the account until
     * {@code until} in the same statement (a right password clears it; a crash before the answer
     * leaves it locked, never open). A lock that has passed starts the count again. Run in a
     * transaction: the row stays locked until the count is read.
     */
    public int takeAttempt(UUID id, int limit, Instant now, Instant until) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        int taken = jdbc.sql("UPDATE users SET "
                        + "locked_until = CASE WHEN (CASE WHEN locked_until IS NULL THEN failed_logins + 1 ELSE 1 END) >= ? "
                        + "THEN ? ELSE NULL END, "
                        + "failed_logins = CASE WHEN locked_until IS NULL THEN failed_logins + 1 ELSE 1 END "
                        + "WHERE id = ? AND ((locked_until IS NULL AND failed_logins < ?) OR locked_until <= ?)")
                .param(limit).param(until.atOffset(ZoneOffset.UTC)).param(id).param(limit).param(at).update();
        return taken == 0 ? 0 : jdbc.sql("SELECT failed_logins FROM users WHERE id = ?").param(id).query(Integer.class).single();
    }

    /**
     * An attempt counted in advance that turned out right, on an account that did not sign in by it
     * (yet: the second factor follows); the lock it made, if it was the one that reached the limit, lifted.
     */
    public void givenBack(UUID id, boolean itLocked) {
        jdbc.sql("UPDATE users SET failed_logins = failed_logins - 1" + (itLocked ? ", locked_until = NULL" : "")
                + " WHERE id = ? AND failed_logins > 0").param(id).update();
    }

    public void succeeded(UUID id) {
        jdbc.sql("UPDATE users SET failed_logins = 0, locked_until = NULL, last_login = ? WHERE id = ?")
                .param(io.secplane.db.Sql.now()).param(id).update();
    }

    /** Records the step a code was used at, only if it is later than the last one (a code works once). */
    public boolean useStep(UUID id, long step) {
        return jdbc.sql("UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?")
                .param(step).param(id).param(step).update() == 1;
    }

    /** Enrols an authenticator; the user's other sessions end (the epoch moves). */
    public void enrol(UUID id, String secret, long step) {
        jdbc.sql("UPDATE users SET totp_secret = ?, totp_last_step = ?, mfa_enrolled = TRUE, auth_epoch = auth_epoch + 1, "
                        + "updated_at = ? WHERE id = ?")
                .param(secret).param(step).param(io.secplane.db.Sql.now()).param(id).update();
    }

    private static Account map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        var locked = rs.getObject("locked_until", OffsetDateTime.class);
        return new Account(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("email"),
                rs.getString("status"), rs.getString("password_hash"), rs.getString("totp_secret"),
                rs.getLong("totp_last_step"), rs.getInt("auth_epoch"), rs.getInt("failed_logins"),
                locked == null ? null : locked.toInstant());
    }
}
