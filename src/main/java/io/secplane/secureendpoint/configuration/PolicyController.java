package io.secplane.secureendpoint.configuration;

import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.generated.se.api.PoliciesApi;
import io.secplane.generated.se.model.AttachExclusionSetRequest;
import io.secplane.generated.se.model.ExclusionSetEnvelope;
import io.secplane.generated.se.model.ExclusionSetPage;
import io.secplane.generated.se.model.GetPolicy200Response;
import io.secplane.generated.se.model.GetPolicyProxy200Response;
import io.secplane.generated.se.model.ListPolicies200Response;
import io.secplane.generated.se.model.ListPolicyNetworkControlLists200Response;
import io.secplane.generated.se.model.ListPolicyTypes200Response;
import io.secplane.generated.se.model.PolicyOperatingSystem;
import io.secplane.generated.se.model.PolicyProxy;
import io.secplane.products.Products;
import io.secplane.secureendpoint.V3Requests;

/** Secure Endpoint v3: the policies of an organization and the exclusion sets they carry. */
@RestController
public class PolicyController implements PoliciesApi {

    private static final Set<String> OPERATING_SYSTEMS = Set.of("windows", "mac", "linux", "android", "ios");
    private final PolicyService policies;
    private final V3Requests v3;

    public PolicyController(PolicyService policies, V3Requests v3) {
        this.policies = policies;
        this.v3 = v3;
    }

    @Override
    public ResponseEntity<ListPolicies200Response> listPolicies(String organizationIdentifier, Integer start, Integer size,
                                                                String operatingSystem, String policyType, String name) {
        Products.SeOrganization org = v3.organization(organizationIdentifier);
        V3Requests.Page page = v3.page();
        var found = policies.list(org, new PolicyRepository.Filter(v3.oneOf("operatingSystem", OPERATING_SYSTEMS),
                v3.text("policyType", 64), v3.text("name", 255)), page);
        return ResponseEntity.ok(new ListPolicies200Response(V3Requests.VERSION, V3Requests.meta(page, found.total()),
                found.items().stream().map(V3Views::policy).toList()));
    }

    @Override
    public ResponseEntity<ListPolicyTypes200Response> listPolicyTypes(String organizationIdentifier) {
        v3.organization(organizationIdentifier);
        return ResponseEntity.ok(new ListPolicyTypes200Response(V3Requests.VERSION, PolicyService.TYPES.stream()
                .map(t -> new io.secplane.generated.se.model.PolicyType(t.name(), t.description(),
                        t.operatingSystems().stream().map(PolicyOperatingSystem::fromValue).toList()))
                .toList()));
    }

    @Override
    public ResponseEntity<GetPolicy200Response> getPolicy(String organizationIdentifier, String policyGuid) {
        return ResponseEntity.ok(new GetPolicy200Response(V3Requests.VERSION,
                V3Views.policy(policies.get(v3.organization(organizationIdentifier), policyGuid))));
    }

    @Override
    public ResponseEntity<String> getPolicyXml(String organizationIdentifier, String policyGuid) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .body(policies.xml(v3.organization(organizationIdentifier), policyGuid));
    }

    /** No proxy: connectors reach the cloud directly (there is no operation to set one). */
    @Override
    public ResponseEntity<GetPolicyProxy200Response> getPolicyProxy(String organizationIdentifier, String policyGuid) {
        policies.get(v3.organization(organizationIdentifier), policyGuid);
        return ResponseEntity.ok(new GetPolicyProxy200Response(V3Requests.VERSION,
                new PolicyProxy(PolicyProxy.TypeEnum.NONE, PolicyProxy.AuthenticationEnum.NONE)));
    }

    /** A policy has no network control lists until there is an operation to give it one. */
    @Override
    public ResponseEntity<ListPolicyNetworkControlLists200Response> listPolicyNetworkControlLists(String organizationIdentifier,
                                                                                                  String policyGuid) {
        policies.get(v3.organization(organizationIdentifier), policyGuid);
        return ResponseEntity.ok(new ListPolicyNetworkControlLists200Response(V3Requests.VERSION, List.of()));
    }

    @Override
    public ResponseEntity<ExclusionSetPage> listPolicyExclusionSets(String organizationIdentifier, String policyGuid,
                                                                    Integer start, Integer size) {
        V3Requests.Page page = v3.page();
        return ResponseEntity.ok(V3Views.setPage(page,
                policies.exclusionSets(v3.organization(organizationIdentifier), policyGuid, page)));
    }

    @Override
    public ResponseEntity<ExclusionSetEnvelope> attachExclusionSet(String organizationIdentifier, String policyGuid,
                                                                   AttachExclusionSetRequest body) {
        Products.SeOrganization org = v3.organization(organizationIdentifier);
        return ResponseEntity.status(HttpStatus.CREATED).body(new ExclusionSetEnvelope(V3Requests.VERSION,
                V3Views.set(policies.attach(org, policyGuid, body.getExclusionSetGuid()))));
    }

    @Override
    public ResponseEntity<Void> detachExclusionSet(String organizationIdentifier, String policyGuid, String exclusionSetGuid) {
        policies.detach(v3.organization(organizationIdentifier), policyGuid, exclusionSetGuid);
        return ResponseEntity.noContent().build();
    }
}
