package io.secplane.objects;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.contract.ContractValidator;
import io.secplane.generated.scc.api.CommonObjectsApi;
import io.secplane.generated.scc.model.GetObjectUsage200Response;
import io.secplane.generated.scc.model.GroupContent;
import io.secplane.generated.scc.model.LiteralItem;
import io.secplane.generated.scc.model.NetworkGroupRequest;
import io.secplane.generated.scc.model.NetworkGroupUpdate;
import io.secplane.generated.scc.model.NetworkObjectRequest;
import io.secplane.generated.scc.model.NetworkObjectType;
import io.secplane.generated.scc.model.NetworkObjectUpdate;
import io.secplane.generated.scc.model.ObjectContent;
import io.secplane.generated.scc.model.ObjectPage;
import io.secplane.generated.scc.model.ObjectValue;
import io.secplane.generated.scc.model.ReferenceInfo;
import io.secplane.hosts.Host;
import jakarta.servlet.http.HttpServletRequest;

/** The common-objects operations of the contract, on the regional hosts. */
@RestController
public class NetObjectController implements CommonObjectsApi {

    private final NetObjectService service;
    private final HttpServletRequest request;

    public NetObjectController(NetObjectService service, HttpServletRequest request) {
        this.service = service;
        this.request = request;
    }

    private String region() {
        return Host.of(request).region();
    }

    @Override
    public ResponseEntity<ObjectPage> listObjects(UUID orgId, NetworkObjectType type, String name, String value, String q,
                                                  String contains, String overlaps, Integer offset, Integer limit) {
        NetObjectService.Page p = service.list(orgId, region(), type == null ? null : NetObject.Kind.valueOf(type.getValue()),
                name, value, q, contains, overlaps, offset, limit);
        return ResponseEntity.ok(new ObjectPage((int) Math.min(p.count(), Integer.MAX_VALUE), p.limit(),
                (int) Math.min(p.offset(), Integer.MAX_VALUE), p.items().stream().map(this::view).toList()));
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.NetworkObject> getObject(UUID orgId, UUID objectId) {
        return withTag(ResponseEntity.ok(), service.get(orgId, region(), objectId));
    }

    @Override
    public ResponseEntity<GetObjectUsage200Response> getObjectUsage(UUID orgId, UUID objectId) {
        List<ReferenceInfo> items = service.usage(orgId, region(), objectId).stream().map(NetObjectController::ref).toList();
        return ResponseEntity.ok(new GetObjectUsage200Response(items.size(), items));
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.NetworkObject> createNetworkObject(UUID orgId, NetworkObjectRequest body) {
        NetObject o = service.create(orgId, region(), NetObject.Kind.NETWORK_OBJECT, new NetObjectService.Change(body.getName(),
                body.getDescription(), new ArrayList<>(body.getLabels()), List.of(body.getValue().getDefaultContent().getLiteral()),
                List.of()));
        return withTag(ResponseEntity.created(URI.create("/v1/organizations/" + orgId + "/objects/" + o.id())), o);
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.CreateNetworkObjects201Response> createNetworkObjects(UUID orgId,
            io.secplane.generated.scc.model.CreateNetworkObjectsRequest body) {
        List<NetObject> made = service.createMany(orgId, region(), body.getObjects().stream()
                .map(o -> new NetObjectService.Change(o.getName(), o.getDescription(), new ArrayList<>(o.getLabels()),
                        List.of(o.getValue().getDefaultContent().getLiteral()), List.of()))
                .toList());
        return ResponseEntity.status(201).body(new io.secplane.generated.scc.model.CreateNetworkObjects201Response(made.size(),
                made.stream().map(this::view).toList()));
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.NetworkObject> updateNetworkObject(UUID orgId, UUID objectId,
            NetworkObjectUpdate body, String ifMatch) {
        NetObject o = service.update(orgId, region(), NetObject.Kind.NETWORK_OBJECT, objectId, ifMatch,
                new NetObjectService.Change(body.getName(), body.getDescription(), labels(body.getLabels()),
                        body.getValue() == null ? null : List.of(body.getValue().getDefaultContent().getLiteral()), null));
        return withTag(ResponseEntity.ok(), o);
    }

    @Override
    public ResponseEntity<Void> deleteNetworkObject(UUID orgId, UUID objectId, String ifMatch, Boolean forcedDelete) {
        service.delete(orgId, region(), NetObject.Kind.NETWORK_OBJECT, objectId, ifMatch, Boolean.TRUE.equals(forcedDelete));
        return ResponseEntity.noContent().build();
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.NetworkObject> createNetworkGroup(UUID orgId, NetworkGroupRequest body) {
        GroupContent c = body.getValue().getDefaultContent();
        NetObject o = service.create(orgId, region(), NetObject.Kind.NETWORK_GROUP, new NetObjectService.Change(body.getName(),
                body.getDescription(), new ArrayList<>(body.getLabels()), literals(c), new ArrayList<>(c.getReferencedObjectUids())));
        return withTag(ResponseEntity.created(URI.create("/v1/organizations/" + orgId + "/objects/" + o.id())), o);
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.NetworkObject> updateNetworkGroup(UUID orgId, UUID objectId,
            NetworkGroupUpdate body, String ifMatch) {
        GroupContent c = body.getValue() == null ? null : body.getValue().getDefaultContent();
        NetObject o = service.update(orgId, region(), NetObject.Kind.NETWORK_GROUP, objectId, ifMatch,
                new NetObjectService.Change(body.getName(), body.getDescription(), labels(body.getLabels()),
                        c == null ? null : literals(c), c == null ? null : new ArrayList<>(c.getReferencedObjectUids())));
        return withTag(ResponseEntity.ok(), o);
    }

    @Override
    public ResponseEntity<Void> deleteNetworkGroup(UUID orgId, UUID objectId, String ifMatch, Boolean forcedDelete) {
        service.delete(orgId, region(), NetObject.Kind.NETWORK_GROUP, objectId, ifMatch, Boolean.TRUE.equals(forcedDelete));
        return ResponseEntity.noContent().build();
    }

    /** Labels sent replace the old ones (an empty list clears them); labels not sent stay. */
    private List<String> labels(java.util.Set<String> labels) {
        return ContractValidator.sent(request, "labels") ? new ArrayList<>(labels) : null;
    }

    private static List<String> literals(GroupContent c) {
        return c.getLiterals().stream().map(LiteralItem::getLiteral).toList();
    }

    private ResponseEntity<io.secplane.generated.scc.model.NetworkObject> withTag(ResponseEntity.BodyBuilder b, NetObject o) {
        return b.header(HttpHeaders.ETAG, o.etag()).body(view(o));
    }

    private static ReferenceInfo ref(NetObject o) {
        return new ReferenceInfo(o.id(), o.name(), NetworkObjectType.fromValue(o.kind().name()));
    }

    private io.secplane.generated.scc.model.NetworkObject view(NetObject o) {
        ObjectContent content = new ObjectContent();
        if (o.kind() == NetObject.Kind.NETWORK_OBJECT) {
            content.setLiteral(o.literals().isEmpty() ? null : o.literals().get(0));
            content.setLiterals(null);
            content.setReferencedObjectUids(null);
        } else {
            content.setLiterals(o.literals().stream().map(LiteralItem::new).toList());
            content.setReferencedObjectUids(o.members());
        }
        io.secplane.generated.scc.model.NetworkObject v = new io.secplane.generated.scc.model.NetworkObject(o.id(), o.name(),
                o.labels(), new ObjectValue(NetworkObjectType.fromValue(o.kind().name()), content), service.elements(o),
                (int) o.version(), o.created().atOffset(ZoneOffset.UTC), o.updated().atOffset(ZoneOffset.UTC));
        v.setDescription(o.description());
        if (o.kind() == NetObject.Kind.NETWORK_GROUP) {
            Map<UUID, NetObject> refs = service.referenced(o);
            v.setReferences(o.members().stream().map(refs::get).filter(java.util.Objects::nonNull).map(NetObjectController::ref)
                    .toList());
        } else {
            v.setReferences(null);
        }
        return v;
    }
}
