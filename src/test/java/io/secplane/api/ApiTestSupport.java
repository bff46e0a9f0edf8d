package io.secplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import io.secplane.SecplaneProperties;
import io.secplane.apikeys.ApiKeyService;
import io.secplane.organizations.Organization.OrgType;
import io.secplane.organizations.OrganizationRepository;
import io.secplane.organizations.Region;
import io.secplane.roles.StaticRoles;
import io.secplane.support.Api;
import io.secplane.support.BackendInitializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real server on a random port, plain HTTP, with a fresh database per backend. Fixtures: the
 * bootstrap org A (a MANAGER) with its admin token from bootstrap.json, a member-only key of A, and
 * an unrelated org B with an admin key of its own. Suites are written once and run on H2 and on
 * PostgreSQL by subclassing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"secplane.https.enabled=false", "secplane.http.enabled=true"})
@ContextConfiguration(initializers = BackendInitializer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiTestSupport {

    @LocalServerPort
    protected int port;
    @Autowired
    protected SecplaneProperties properties;
    @Autowired
    protected ApiKeyService apiKeys;
    @Autowired
    protected OrganizationRepository organizations;

    protected Api anonymous;
    protected Api admin;
    protected Api member;
    protected Api otherAdmin;
    /** The platform operator, with the operator token of bootstrap.json. */
    protected Api operator;
    protected UUID orgA;
    protected UUID orgB;
    protected UUID adminKeyId;
    protected String adminRefreshToken;

    @BeforeAll
    void fixtures() throws Exception {
        anonymous = new Api("http://127.0.0.1:" + port);
        JsonNode boot = JsonMapper.builder().build()
                .readTree(Files.readString(Path.of(properties.dataDir()).resolve("bootstrap.json")));
        orgA = UUID.fromString(boot.get("orgId").asString());
        adminKeyId = UUID.fromString(boot.get("apiKeyId").asString());
        adminRefreshToken = boot.get("refreshToken").asString();
        admin = anonymous.as(boot.get("accessToken").asString());
        operator = anonymous.as(boot.get("operatorToken").asString());
        member = anonymous.as(apiKeys.create(orgA, "member", null, null, null, List.of(StaticRoles.ORG_MEMBER)).accessToken());
        orgB = UUID.randomUUID();
        organizations.insert(orgB, "Other Org", OrgType.STANDALONE, Region.EMEA, Instant.now());
        otherAdmin = anonymous.as(apiKeys.create(orgB, "other", null, null, null, List.of(StaticRoles.ORG_ADMIN)).accessToken());
    }

    @Autowired
    protected io.secplane.users.UserRepository userRows;
    @Autowired
    protected org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** A new active user of an org holding the roles given there. */
    protected UUID newUser(UUID org, String emailPrefix, UUID... roles) {
        UUID id = UUID.randomUUID();
        userRows.insert(id, org, emailPrefix + "-" + id.toString().substring(0, 8) + "@example.com", "Test", emailPrefix,
                "ACTIVE", null, List.of(roles));
        return id;
    }

    /** A client whose token is an API key made by a user, with the key's roles. */
    protected Api keyOf(UUID org, UUID user, UUID... roles) {
        return anonymous.as(apiKeys.create(org, "key", null, null, user, List.of(roles)).accessToken());
    }

    /** Asserts the SCC error shape and returns its body. */
    protected static JsonNode assertError(Api.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(status);
        JsonNode body = reply.json();
        assertThat(body).as("error body of %s", reply.raw()).isNotNull();
        assertThat(body.get("error").asString()).isEqualTo(code);
        assertThat(body.get("statusCode").asInt()).isEqualTo(status);
        assertThat(body.get("message").asString()).isNotBlank();
        assertThat(body.get("trackingId").asString()).isNotBlank();
        assertThat(body.get("timestamp").asString()).isNotBlank();
        assertThat(body.get("path").asString()).startsWith("/");
        assertThat(reply.raw()).doesNotContain("Exception").doesNotContain("at io.secplane");
        return body;
    }

    protected String org(UUID id) {
        return "/v1/organizations/" + id;
    }
}
