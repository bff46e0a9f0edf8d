package io.secplane.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.SecplaneProperties;
import io.secplane.db.Readiness;
import io.secplane.generated.scc.api.DiscoveryApi;
import io.secplane.generated.scc.model.GetJwks200Response;
import io.secplane.generated.scc.model.Health;
import io.secplane.security.AccessTokens;
import io.secplane.security.SigningKeys;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contracts, a page to browse them, the public keys that verify SCC access tokens, and the
 * health check.
 */
@RestController
public class ContractController implements DiscoveryApi, io.secplane.generated.se.api.DiscoveryApi {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    private final String contract;
    private final String secureEndpointContract;
    private final String docsPage;
    private final SigningKeys keys;
    private final SecplaneProperties properties;
    private final Readiness readiness;
    private final JsonMapper json;

    public ContractController(SigningKeys keys, SecplaneProperties properties, Readiness readiness, JsonMapper json)
            throws IOException {
        this.keys = keys;
        this.properties = properties;
        this.readiness = readiness;
        this.json = json;
        this.contract = read(ContractCatalog.Api.SCC);
        this.secureEndpointContract = read(ContractCatalog.Api.SECURE_ENDPOINT);
        String template = new ClassPathResource("docs.html").getContentAsString(StandardCharsets.UTF_8);
        this.docsPage = template.replace("{{swaggerUi}}", "/webjars/swagger-ui/" + swaggerUiVersion());
    }

    static String read(ContractCatalog.Api api) throws IOException {
        return new ClassPathResource(api.resource()).getContentAsString(StandardCharsets.UTF_8);
    }

    public static ResponseEntity<String> yaml(String document) {
        return ResponseEntity.ok().contentType(YAML).cacheControl(CacheControl.noCache()).body(document);
    }

    @Override
    public ResponseEntity<String> getContract() {
        return yaml(contract);
    }

    @Override
    public ResponseEntity<String> getSecureEndpointContract() {
        return yaml(secureEndpointContract);
    }

    @GetMapping({"/v1/docs", "/docs"})
    public ResponseEntity<String> docs() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(docsPage);
    }

    /** The JWKS answer made of one key set: the set is the same object until the keys change (a second at most). */
    private record Jwks(com.nimbusds.jose.jwk.JWKSet set, GetJwks200Response body) {
    }

    private volatile Jwks jwks;

    @Override
    public ResponseEntity<GetJwks200Response> getJwks() {
        keys.active(AccessTokens.PURPOSE);
        var set = keys.publicSet(AccessTokens.PURPOSE, properties.tokens().accessTokenLifetime());
        Jwks made = jwks;
        if (made == null || made.set() != set) {
            // converted once per key set, not at each request (a tenth of a JWKS request's time)
            made = new Jwks(set, json.convertValue(set.toJSONObject(true), GetJwks200Response.class));
            jwks = made;
        }
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5))).body(made.body());
    }

    @Override
    public ResponseEntity<Health> getHealth() {
        return readiness.notReady()
                .map(reason -> ResponseEntity.status(503).body(new Health(Health.StatusEnum.DOWN).reason(reason)))
                .orElseGet(() -> ResponseEntity.ok(new Health(Health.StatusEnum.UP)));
    }

    @Override
    public ResponseEntity<Health> getLiveness() {
        return ResponseEntity.ok(new Health(Health.StatusEnum.UP));
    }

    @Override
    public ResponseEntity<Health> getReadiness() {
        return getHealth();
    }

    private static String swaggerUiVersion() throws IOException {
        try (InputStream in = new ClassPathResource("META-INF/maven/org.webjars/swagger-ui/pom.properties").getInputStream()) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }
}
