package io.secplane.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.generated.scc.api.AuditLogApi;
import io.secplane.generated.scc.model.AuditEvent;
import io.secplane.generated.scc.model.AuditEventActor;
import io.secplane.generated.scc.model.AuditPage;
import io.secplane.web.ApiException;
import io.secplane.web.Cursor;
import io.secplane.web.Cursors;
import io.secplane.web.Fields;

/** An org's audit log, newest first (an extension; administrators only, by the contract). */
@RestController
public class AuditController implements AuditLogApi {

    private static final String SORT = "audit:at:DESC";
    private final AuditRepository repository;
    private final Cursors cursors;

    public AuditController(AuditRepository repository, Cursors cursors) {
        this.repository = repository;
        this.cursors = cursors;
    }

    @Override
    @Transactional(readOnly = true)
    public ResponseEntity<AuditPage> listAuditEvents(UUID orgId, OffsetDateTime from, OffsetDateTime to, String actor,
                                                     String operation, Integer max, String cursor) {
        int limit = max == null ? 100 : max;
        if (limit < 1 || limit > 500) {
            Fields f = new Fields();
            f.problem("max", "must be between 1 and 500");
            f.check();
        }
        java.time.Instant afterAt = null;
        UUID afterId = null;
        if (cursor != null && !cursor.isEmpty()) {
            Cursor c = cursors.decode(cursor, SORT);
            try {
                afterAt = java.time.Instant.parse(c.lastValue());
                afterId = UUID.fromString(c.lastId());
            } catch (RuntimeException e) {
                throw ApiException.badRequest("The cursor is not one this server gave out.");
            }
        }
        List<AuditRepository.Event> rows = repository.list(new AuditRepository.Query(orgId,
                from == null ? null : from.toInstant(), to == null ? null : to.toInstant(),
                actor == null || actor.isBlank() ? null : actor.strip(),
                operation == null || operation.isBlank() ? null : operation.strip(), afterAt, afterId, limit + 1));
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            AuditRepository.Event last = rows.get(limit - 1);
            next = cursors.encode(new Cursor(SORT, last.at().toString(), last.id().toString()));
        }
        AuditPage page = new AuditPage(rows.stream().map(AuditController::view).toList());
        page.setCursor(next);
        return ResponseEntity.ok(page);
    }

    private static AuditEvent view(AuditRepository.Event e) {
        AuditEventActor actor = new AuditEventActor(AuditEventActor.KindEnum.fromValue(e.actorKind()), e.actorId());
        actor.setUserId(e.actorUserId());
        AuditEvent v = new AuditEvent(e.id(), e.at().atOffset(ZoneOffset.UTC), actor, e.operation(), e.target(),
                AuditEvent.OutcomeEnum.fromValue(e.outcome()), e.status());
        v.setAddress(e.address());
        v.setDetail(e.detail());
        v.setTrackingId(e.trackingId());
        return v;
    }
}
