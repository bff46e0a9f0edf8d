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

import com.nimbusds.jose.jwk.JWKSet;

import io.secplane.SecplaneProperties;
import io.secplane.security.AccessTokens;
import io.secplane.security.SigningKeys;

/** The contract, a page to browse it, and the public keys that verify SCC access tokens. */
@RestController
public class ContractController {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    private final byte[] contract;
    private final byte[] irohContract;
    private final byte[] secureEndpointContract;
    private final String docsPage;
    private final SigningKeys keys;
    private final SecplaneProperties properties;

    public ContractController(SigningKeys keys, SecplaneProperties properties) throws IOException {
        this.keys = keys;
        this.properties = properties;
        this.contract = new ClassPathResource("contract/scc-platform.openapi.yaml").getContentAsByteArray();
        this.irohContract = new ClassPathResource("contract/xdr-iroh.openapi.yaml").getContentAsByteArray();
        this.secureEndpointContract = new ClassPathResource("contract/secure-endpoint-v3.openapi.yaml").getContentAsByteArray();
        String template = new ClassPathResource("docs.html").getContentAsString(StandardCharsets.UTF_8);
        this.docsPage = template.replace("{{swaggerUi}}", "/webjars/swagger-ui/" + swaggerUiVersion());
    }

    @GetMapping("/v1/openapi.yaml")
    public ResponseEntity<byte[]> contract() {
        return ResponseEntity.ok().contentType(YAML).cacheControl(CacheControl.noCache()).body(contract);
    }

    @GetMapping("/iroh/openapi.yaml")
    public ResponseEntity<byte[]> irohContract() {
        return ResponseEntity.ok().contentType(YAML).cacheControl(CacheControl.noCache()).body(irohContract);
    }

    @GetMapping("/v3/openapi.yaml")
    public ResponseEntity<byte[]> secureEndpointContract() {
        return ResponseEntity.ok().contentType(YAML).cacheControl(CacheControl.noCache()).body(secureEndpointContract);
    }

    @GetMapping({"/v1/docs", "/docs", "/"})
    public ResponseEntity<String> docs() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(docsPage);
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = "application/json")
    public ResponseEntity<java.util.Map<String, Object>> jwks() {
        keys.active(AccessTokens.PURPOSE);
        JWKSet set = keys.publicSet(AccessTokens.PURPOSE, properties.tokens().accessTokenLifetime());
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)))
                .body(set.toJSONObject(true));
    }

    private static String swaggerUiVersion() throws IOException {
        try (InputStream in = new ClassPathResource("META-INF/maven/org.webjars/swagger-ui/pom.properties").getInputStream()) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }

}
