package io.secplane.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the audit log. */
@Repository
public class AuditRepository {

    public record Event(UUID id, UUID orgId, Instant at, String actorKind, String actorId, UUID actorUserId,
                        String operation, String target, String address, String outcome, int status, String detail,
                        String trackingId) {
    }

    public record Query(UUID orgId, Instant from, Instant to, String actorId, String operation, Instant afterAt,
                        UUID afterId, int limit) {
    }

    /**
     * The changes an org's audit log holds to some of its things, picked by their targets: like one of
     * some patterns (LIKE, '!' escapes), like none of others, and like one more when given; then an
     * operation, an actor (or the user it acts for), a time range. Newest first, paged by offset.
     */
    public record TargetQuery(UUID orgId, List<String> targetLikeAny, List<String> targetLikeNone, String targetLike,
                              String operation, String actor, Instant from, Instant to) {
    }

    private static final String COLUMNS = "id, org_id, at, actor_kind, actor_id, actor_user_id, operation, target, "
            + "address, outcome, status, detail, tracking_id";
    private final JdbcClient jdbc;

    public AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Event e) {
        jdbc.sql("INSERT INTO audit_log (id, org_id, at, actor_kind, actor_id, actor_user_id, operation, target, address, "
                        + "outcome, status, detail, tracking_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .param(e.id()).param(e.orgId()).param(OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC))
                .param(cut(e.actorKind(), 16)).param(cut(e.actorId(), 64)).param(e.actorUserId()).param(cut(e.operation(), 64))
                .param(cut(e.target(), 1024)).param(cut(e.address(), 64)).param(cut(e.outcome(), 16)).param(e.status())
                .param(cut(e.detail(), 1024)).param(cut(e.trackingId(), 64))
                .update();
    }

    /** Text cut to its column's length (never a failed record), not inside a surrogate pair. */
    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max);
    }

    public long count(TargetQuery q) {
        List<Object> params = new ArrayList<>();
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE " + where(q, params)).params(params).query(Long.class).single();
    }

    public List<Event> page(TargetQuery q, int start, int size) {
        List<Object> params = new ArrayList<>();
        String where = where(q, params);
        params.add(size);
        params.add(start);
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_log WHERE " + where + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?")
                .params(params).query(AuditRepository::event).list();
    }

    private static String where(TargetQuery q, List<Object> params) {
        StringBuilder w = new StringBuilder("org_id = ? AND outcome = 'success' AND (");
        params.add(q.orgId());
        for (int i = 0; i < q.targetLikeAny().size(); i++) {
            w.append(i == 0 ? "" : " OR ").append("target LIKE ? ESCAPE '!'");
            params.add(q.targetLikeAny().get(i));
        }
        w.append(')');
        for (String none : q.targetLikeNone()) {
            w.append(" AND target NOT LIKE ? ESCAPE '!'");
            params.add(none);
        }
        if (q.targetLike() != null) {
            w.append(" AND target LIKE ? ESCAPE '!'");
            params.add(q.targetLike());
        }
        if (q.operation() != null) {
            w.append(" AND operation = ?");
            params.add(q.operation());
        }
        if (q.actor() != null) {
            UUID user = uuidOrNull(q.actor());
            w.append(user == null ? " AND actor_id = ?" : " AND (actor_id = ? OR actor_user_id = ?)");
            params.add(q.actor());
            if (user != null) {
                params.add(user);
            }
        }
        if (q.from() != null) {
            w.append(" AND at >= ?");
            params.add(OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
        }
        if (q.to() != null) {
            w.append(" AND at < ?");
            params.add(OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
        }
        return w.toString();
    }

    private static Event event(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Event(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getString(4), rs.getString(5), rs.getObject(6, UUID.class), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getInt(11), rs.getString(12), rs.getString(13));
    }

    private static UUID uuidOrNull(String s) {
        try {
            return s.length() == 36 ? UUID.fromString(s) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Newest first, by keyset on (at, id). By actor, the records it made and those made for it (a
     * key's or client's, when the actor is their user) are read apart, each from its index in order,
     * and merged: a page costs what its rows do, however many records the actor has.
     */
    public List<Event> list(Query q) {
        UUID user = q.actorId() == null ? null : uuidOrNull(q.actorId());
        if (user == null) {
            return branch(q, q.actorId() == null ? null : "actor_id = ?", q.actorId());
        }
        List<Object> params = new ArrayList<>();
        String mine = branchSql(q, "actor_id = ?", q.actorId(), params);
        String forMe = branchSql(q, "actor_user_id = ?", user, params);
        return jdbc.sql("SELECT " + COLUMNS + " FROM ((" + mine + ") UNION (" + forMe + ")) merged ORDER BY at DESC, id DESC LIMIT "
                + q.limit()).params(params).query(AuditRepository::event).list();
    }

    private List<Event> branch(Query q, String actorCondition, Object actor) {
        List<Object> params = new ArrayList<>();
        return jdbc.sql(branchSql(q, actorCondition, actor, params)).params(params).query(AuditRepository::event).list();
    }

    private static String branchSql(Query q, String actorCondition, Object actor, List<Object> params) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE org_id = ?");
        params.add(q.orgId());
        if (actorCondition != null) {
            sql.append(" AND ").append(actorCondition);
            params.add(actor);
        }
        if (q.from() != null) {
            sql.append(" AND at >= ?");
            params.add(OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
        }
        if (q.to() != null) {
            sql.append(" AND at < ?");
            params.add(OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
        }
        if (q.operation() != null) {
            sql.append(" AND operation = ?");
            params.add(q.operation());
        }
        if (q.afterId() != null) {
            OffsetDateTime at = OffsetDateTime.ofInstant(q.afterAt(), ZoneOffset.UTC);
            sql.append(" AND (at < ? OR (at = ? AND id < ?))");
            params.add(at);
            params.add(at);
            params.add(q.afterId());
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ").append(q.limit());
        return sql.toString();
    }
}
