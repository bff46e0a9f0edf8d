package io.secplane.mail;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Mail waits here, written in the transaction that causes it (an invitation is on disk with its
 * mail, or neither is), until {@link MailDelivery} sends it.
 */
@Repository
public class Outbox {

    public record Mail(UUID id, UUID orgId, String recipient, String subject, String body, Instant created,
                       Instant sent, int attempts, String lastError) {
    }

    private final JdbcClient jdbc;
    private volatile Runnable nudge = () -> { };

    public Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues a mail in the current transaction; delivery is tried right after its commit. */
    public UUID enqueue(UUID orgId, String recipient, String subject, String body) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO mail_outbox (id, org_id, recipient, subject, body, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .param(id).param(orgId).param(recipient).param(subject).param(body)
                .param(io.secplane.db.Sql.now()).update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    nudge.run();
                }
            });
        }
        return id;
    }

    void onEnqueue(Runnable r) {
        this.nudge = r;
    }

    public List<Mail> unsent(int limit) {
        return jdbc.sql("SELECT * FROM mail_outbox WHERE sent_at IS NULL AND attempts < 10 ORDER BY created_at LIMIT " + limit)
                .query(Outbox::map).list();
    }

    /** The newest mail, for the operator (and for tests when no SMTP server is configured). */
    public List<Mail> recent(String recipient, int limit) {
        if (recipient == null) {
            return jdbc.sql("SELECT * FROM mail_outbox ORDER BY created_at DESC LIMIT " + limit).query(Outbox::map).list();
        }
        return jdbc.sql("SELECT * FROM mail_outbox WHERE recipient = ? ORDER BY created_at DESC LIMIT " + limit)
                .param(recipient).query(Outbox::map).list();
    }

    void sent(UUID id) {
        jdbc.sql("UPDATE mail_outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?")
                .param(io.secplane.db.Sql.now()).param(id).update();
    }

    void failed(UUID id, String error) {
        jdbc.sql("UPDATE mail_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?")
                .param(error.length() > 1000 ? error.substring(0, 1000) : error).param(id).update();
    }

    private static Mail map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        OffsetDateTime sent = rs.getObject("sent_at", OffsetDateTime.class);
        return new Mail(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("recipient"),
                rs.getString("subject"), rs.getString("body"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                sent == null ? null : sent.toInstant(), rs.getInt("attempts"), rs.getString("last_error"));
    }
}
