package io.secplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import io.secplane.contract.ContractCatalog;
import io.secplane.roles.StaticRoles;
import io.secplane.support.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * An operation a contract marks planned answers 501 with no method written for it, after the
 * authentication step and the authorizer, like any operation: shown with an operation that exists
 * only in this test's copy of the SCC contract (the shipped contracts may soon have none planned).
 */
@TestPropertySource(properties = "secplane.test.backend=h2")
@org.springframework.context.annotation.Import(H2PlannedOperationTest.Fixture.class)
class H2PlannedOperationTest extends ApiTestSupport {

    private static final String FIXTURE = """
            get:
              operationId: fixturePlannedReport
              summary: A report this test plans and nobody builds
              x-secplane-status: planned
              x-secplane-access: write
              parameters:
                - {name: orgId, in: path, required: true, schema: {type: string, format: uuid}}
              responses:
                '501': {description: not built yet}
            """;

    @TestConfiguration
    static class Fixture {
        @Bean
        @Primary
        ContractCatalog plannedFixtureCatalog() {
            Map<ContractCatalog.Api, JsonNode> docs = ContractCatalog.contracts();
            JsonNode op = YAMLMapper.builder().build().readTree(FIXTURE);
            ((ObjectNode) docs.get(ContractCatalog.Api.SCC).get("paths")).set("/v1/organizations/{orgId}/fixturePlannedReport", op);
            return new ContractCatalog(docs);
        }
    }

    @Test
    void aPlannedOperationOfTheContractAnswers501AfterTheWayIn() {
        String path = "/v1/organizations/" + orgA + "/fixturePlannedReport";
        assertThat(catalog.operations()).anyMatch(op -> op.operationId().equals("fixturePlannedReport"));
        JsonNode body = assertError(get(admin, path), 501, "not_implemented");
        assertThat(body.get("message").asString()).contains("fixturePlannedReport").contains("not built yet")
                .contains("x-secplane-status: planned");
        // the way in first: no token, another org's admin, a member where it needs write
        assertError(get(anonymous, path), 401, "invalid_token");
        assertError(get(otherAdmin, path), 404, "not_found");
        assertError(get(member, path), 403, "insufficient_scope");
        // and the admin of the org is refused too once it is narrowed to reading
        Api reader = keyOf(orgA, newUser(orgA, "reader", StaticRoles.ORG_MEMBER), StaticRoles.ORG_MEMBER);
        assertError(get(reader, path), 403, "insufficient_scope");
    }

    @org.springframework.beans.factory.annotation.Autowired
    ContractCatalog catalog;

    /** A GET the test client does not check against its contracts (the fixture is in none of them). */
    private static Api.Reply get(Api api, String path) {
        return api.send("GET", path, null, "application/json", java.util.List.of(), false);
    }
}
