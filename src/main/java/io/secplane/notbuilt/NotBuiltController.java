package io.secplane.notbuilt;

import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.generated.se.model.ErrorEnvelope;
import io.secplane.generated.scc.api.RolesApi;
import io.secplane.generated.scc.api.UsersApi;
import io.secplane.generated.se.api.NotBuiltYetApi;

/**
 * The operations of the contracts that are planned but not built: each answers 501 saying so (and
 * still needs what the real operation will need: a valid token). When one is built, its method
 * moves to the feature's own controller.
 */
@RestController
public class NotBuiltController implements NotBuiltYetApi {

    private final NotBuilt notBuilt;

    public NotBuiltController(NotBuilt notBuilt) {
        this.notBuilt = notBuilt;
    }























    @Override
    public ResponseEntity<ErrorEnvelope> createExclusionSet(String organizationIdentifier, Object body) {
        throw notBuilt.here();
    }

    @Override
    public ResponseEntity<ErrorEnvelope> deleteExclusionSet(String organizationIdentifier, String guid) {
        throw notBuilt.here();
    }

    @Override
    public ResponseEntity<ErrorEnvelope> getExclusionSet(String organizationIdentifier, String guid) {
        throw notBuilt.here();
    }

    @Override
    public ResponseEntity<ErrorEnvelope> getPolicy(String organizationIdentifier, String guid) {
        throw notBuilt.here();
    }

    @Override
    public ResponseEntity<ErrorEnvelope> listAuditLogTypes(String organizationIdentifier) {
        throw notBuilt.here();
    }

    @Override
    public ResponseEntity<ErrorEnvelope> listAuditLogs(String organizationIdentifier) {
        throw notBuilt.here();
    }

    @Override
    public ResponseEntity<ErrorEnvelope> listCiscoMaintainedExclusionSets() {
        throw notBuilt.here();
    }

    @Override
    public ResponseEntity<ErrorEnvelope> listComputers(String organizationIdentifier) {
        throw notBuilt.here();
    }

    @Override
    public ResponseEntity<ErrorEnvelope> listExclusionSets(String organizationIdentifier) {
        throw notBuilt.here();
    }

    @Override
    public ResponseEntity<ErrorEnvelope> listExclusions(String organizationIdentifier, String guid) {
        throw notBuilt.here();
    }

    @Override
    public ResponseEntity<ErrorEnvelope> listGroups(String organizationIdentifier) {
        throw notBuilt.here();
    }

    @Override
    public ResponseEntity<ErrorEnvelope> listPolicies(String organizationIdentifier) {
        throw notBuilt.here();
    }

    @Override
    public ResponseEntity<ErrorEnvelope> listPolicyTypes(String organizationIdentifier) {
        throw notBuilt.here();
    }
}
