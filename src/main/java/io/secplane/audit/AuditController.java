package io.secplane.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.generated.scc.api.AuditLogApi;
import io.secplane.generated.scc.model.AuditEvent;
import io.secplane.generated.scc.model.AuditEventActor;
import io.secplane.generated.scc.model.AuditPage;
import io.secplane.web.ApiException;
import io.secplane.web.Cursors;

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
        int limit = Cursors.limit(max, 100, 500);
        Cursors.After after = cursors.after(cursor, SORT);
        java.time.Instant afterAt = null;
        if (after.value() != null) {
            try {
                afterAt = java.time.Instant.parse(after.value());
            } catch (java.time.format.DateTimeParseException e) {
                throw ApiException.badRequest("The cursor is not one this server gave out.");
            }
        }
        Cursors.Page<AuditRepository.Event> rows = cursors.page(repository.list(new AuditRepository.Query(orgId,
                from == null ? null : from.toInstant(), to == null ? null : to.toInstant(),
                actor == null || actor.isBlank() ? null : actor.strip(),
                operation == null || operation.isBlank() ? null : operation.strip(), afterAt, after.id(), limit + 1)),
                limit, SORT, e -> e.at().toString(), AuditRepository.Event::id);
        String next = rows.cursor();
        AuditPage page = new AuditPage(rows.items().stream().map(AuditController::view).toList());
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
