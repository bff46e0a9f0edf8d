package io.secplane.secureendpoint;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.audit.AuditRepository;
import io.secplane.generated.se.api.AuditLogApi;
import io.secplane.generated.se.model.AuditLogEntry;
import io.secplane.generated.se.model.AuditLogEntryAuditLogUser;
import io.secplane.generated.se.model.AuditLogPage;
import io.secplane.generated.se.model.AuditLogType;
import io.secplane.generated.se.model.ListAuditLogTypes200Response;
import io.secplane.products.Products;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;

/**
 * Secure Endpoint v3: an organization's audit log, read from the server's one audit store. A change
 * to a Secure Endpoint thing is recorded with the target {@code secure-endpoint/<organization>/<path
 * of the thing>}; its type and guid are read from that path.
 */
@RestController
public class V3AuditLog implements AuditLogApi {

    /** A type: what it records, the targets it covers and those under them it does not. */
    private record Type(String description, String like, String notLike) {
    }

    private static final Map<String, Type> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("policy", new Type("A policy: the exclusion sets and device-control configuration it carries.",
                "policies/%", null));
        TYPES.put("exclusion_set", new Type("An exclusion set: made, renamed, deleted.", "exclusion_sets/%",
                "exclusion_sets/%/exclusions/%"));
        TYPES.put("exclusion", new Type("An exclusion of a set: added, deleted.", "exclusion_sets/%/exclusions/%", null));
        TYPES.put("computer", new Type("A computer: installed, moved between groups, changed, removed.", "computers/%", null));
        TYPES.put("device_control_configuration", new Type("A device-control configuration: made, changed, its rules "
                + "put in a new order, deleted.", "device_control/configurations/%", "device_control/configurations/%/rules/%"));
        TYPES.put("device_control_rule", new Type("A device-control rule: added, changed or moved, deleted.",
                "device_control/configurations/%/rules/%", null));
        TYPES.put("mssp_customer", new Type("A customer organization of a managed security service provider: made, renamed, "
                + "removed.", "mssp/customers/%", null));
    }

    private final AuditRepository audit;
    private final V3Requests v3;

    public V3AuditLog(AuditRepository audit, V3Requests v3) {
        this.audit = audit;
        this.v3 = v3;
    }

    @Override
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ResponseEntity<AuditLogPage> listAuditLogs(String organizationIdentifier, Integer start, Integer size,
            String auditLogType, String auditLogId, String event, String user, String startTime, String endTime) {
        Products.SeOrganization org = v3.organization(organizationIdentifier);
        V3Requests.Page page = v3.page();
        String type = v3.oneOf("auditLogType", TYPES.keySet());
        String given = v3.text("auditLogId", 64);
        UUID id = given == null ? null : V3Requests.parseGuid(given);
        if (given != null && id == null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "'auditLogId' must be a guid, got '" + given + "'.");
        }
        V3Requests.Found<AuditLogEntry> found = read(org, type, id == null ? null : id.toString(), v3.text("event", 64), v3.text("user", 64),
                time("startTime"), time("endTime"), page);
        return ResponseEntity.ok(new AuditLogPage(V3Requests.VERSION, V3Requests.meta(page, found.total()), found.items()));
    }

    /**
     * A page of an organization's audit log, newest first: of one type (null: any), of one thing (its
     * guid), one operation, one actor (or the user it acts for), within a time range (nulls: any).
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public V3Requests.Found<AuditLogEntry> read(Products.SeOrganization org, String type, String id, String event, String user,
                                                Instant from, Instant to, V3Requests.Page page) {
        String prefix = "secure-endpoint/" + org.identifier() + "/";
        List<String> any = new ArrayList<>();
        List<String> none = new ArrayList<>();
        for (Map.Entry<String, Type> t : TYPES.entrySet()) {
            if (type == null || t.getKey().equals(type)) {
                any.add(prefix + t.getValue().like());
                if (type != null && t.getValue().notLike() != null) {
                    none.add(prefix + t.getValue().notLike());
                }
            }
        }
        AuditRepository.TargetQuery q = new AuditRepository.TargetQuery(org.orgId(), any, none,
                id == null ? null : "%/" + id, event, user, from, to);
        return new V3Requests.Found<>(audit.count(q), audit.page(q, page.start(), page.size()).stream()
                .map(e -> entry(e, e.target().substring(prefix.length()))).toList());
    }

    @Override
    public ResponseEntity<ListAuditLogTypes200Response> listAuditLogTypes(String organizationIdentifier) {
        v3.organization(organizationIdentifier);
        return ResponseEntity.ok(new ListAuditLogTypes200Response(V3Requests.VERSION, TYPES.entrySet().stream()
                .map(t -> new AuditLogType(AuditLogType.NameEnum.fromValue(t.getKey()), t.getValue().description())).toList()));
    }

    /** An entry: the type and guid of what changed, read from the path of its target (every such path ends with a guid). */
    private static AuditLogEntry entry(AuditRepository.Event e, String path) {
        String[] segments = path.split("/");
        String type = switch (segments[0]) {
            case "policies" -> "policy";
            case "exclusion_sets" -> segments.length > 2 ? "exclusion" : "exclusion_set";
            case "computers" -> "computer";
            case "mssp" -> "mssp_customer";
            default -> segments.length > 3 ? "device_control_rule" : "device_control_configuration";
        };
        AuditLogEntryAuditLogUser who = new AuditLogEntryAuditLogUser(AuditLogEntryAuditLogUser.KindEnum.fromValue(e.actorKind()),
                e.actorId());
        who.setUserId(e.actorUserId());
        AuditLogEntry out = new AuditLogEntry(e.id(), e.operation(), AuditLogEntry.AuditLogTypeEnum.fromValue(type),
                segments[segments.length - 1], who, e.at().atOffset(ZoneOffset.UTC));
        out.setDetails(e.detail());
        out.setTrackingId(e.trackingId());
        return out;
    }

    private Instant time(String name) {
        String v = v3.text(name, 64);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "'" + name + "' must be a time in ISO 8601 (2026-01-31T12:00:00Z), got '"
                    + v + "'.");
        }
    }
}
