package io.secplane.operator;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.generated.operator.api.StateApi;
import io.secplane.generated.operator.model.ImportResult;
import io.secplane.generated.operator.model.ListSnapshots200Response;
import io.secplane.generated.operator.model.ResetRequest;
import io.secplane.generated.operator.model.ResetResult;
import io.secplane.generated.operator.model.Snapshot;
import io.secplane.generated.operator.model.StateDocument;
import io.secplane.state.StateRows;
import io.secplane.state.StateService;
import tools.jackson.databind.json.JsonMapper;

/** The operator's operations on the whole state: reset, export, import, snapshots. */
@RestController
public class StateController implements StateApi {

    private final StateService state;
    private final JsonMapper json;

    public StateController(StateService state, JsonMapper json) {
        this.state = state;
        this.json = json;
    }

    @Override
    public ResponseEntity<ResetResult> resetState(ResetRequest body) {
        Map<String, Object> secrets = state.reset(body != null && Boolean.TRUE.equals(body.getDemo()));
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(json.convertValue(secrets, ResetResult.class));
    }

    @Override
    public ResponseEntity<StateDocument> exportState(UUID organization, Boolean secrets) {
        StateService.Document doc = state.export(organization, Boolean.TRUE.equals(secrets));
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(json.convertValue(doc, StateDocument.class));
    }

    @Override
    public ResponseEntity<ImportResult> importState(StateDocument body) {
        StateService.Imported done = state.importDocument(json.convertValue(body, StateService.Document.class));
        ImportResult out = new ImportResult();
        out.setOrganizations(done.organizations());
        out.setRows((int) done.rows());
        return ResponseEntity.ok(out);
    }

    @Override
    public ResponseEntity<ListSnapshots200Response> listSnapshots() {
        ListSnapshots200Response out = new ListSnapshots200Response();
        out.setSnapshots(state.snapshots().stream().map(StateController::view).toList());
        return ResponseEntity.ok(out);
    }

    @Override
    public ResponseEntity<Snapshot> saveSnapshot(String name) {
        StateService.Saved saved = state.save(name);
        return ResponseEntity.status(saved.replaced() ? HttpStatus.OK : HttpStatus.CREATED).body(view(saved.snapshot()));
    }

    @Override
    public ResponseEntity<Snapshot> getSnapshot(String name) {
        return ResponseEntity.ok(view(state.snapshot(name)));
    }

    @Override
    public ResponseEntity<Void> deleteSnapshot(String name) {
        state.delete(name);
        return ResponseEntity.noContent().build();
    }

    @Override
    public ResponseEntity<Snapshot> restoreSnapshot(String name) {
        return ResponseEntity.ok(view(state.restore(name)));
    }

    private static Snapshot view(StateRows.SnapshotRow s) {
        Snapshot v = new Snapshot();
        v.setName(s.name());
        v.setCreated(s.created().withOffsetSameInstant(ZoneOffset.UTC));
        v.setSizeBytes(s.sizeBytes());
        v.setOrganizations(s.organizations());
        v.setRows((int) s.rows());
        return v;
    }
}
