package io.secplane.bootstrap;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.secplane.SecplaneProperties;
import io.secplane.apikeys.ApiKeyService;
import io.secplane.organizations.Organization.OrgType;
import io.secplane.organizations.OrganizationRepository;
import io.secplane.organizations.Region;
import io.secplane.roles.StaticRoles;
import io.secplane.tls.CertificateAuthority;
import io.secplane.users.UserRepository;
import tools.jackson.databind.json.JsonMapper;

/**
 * On the first start with an empty database: the first organization, its administrator and an API
 * key with the Organization Administrator role, shown once and written to
 * {@code <data-dir>/bootstrap.json} (owner-only). With {@code --demo} the getting-started
 * document's organizations come too, and the first organization is its Acme Corp.
 */
@Component
@Order(0)
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "secplane.bootstrap.enabled",
        havingValue = "true", matchIfMissing = true)
public class Bootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final org.springframework.security.crypto.password.PasswordEncoder passwords;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final OrganizationRepository orgs;
    private final UserRepository users;
    private final ApiKeyService keys;
    private final SecplaneProperties properties;
    private final JsonMapper json;
    private final io.secplane.products.Products products;
    private final io.secplane.xdr.ApiClientService apiClients;
    private final io.secplane.operator.OperatorToken operatorToken;
    private final io.secplane.subscriptions.ClaimCodeService claimCodes;
    private final io.secplane.subscriptions.SubscriptionService subscriptions;
    private final DemoSecureEndpoint demoSecureEndpoint;

    public Bootstrap(io.secplane.products.Products products, io.secplane.xdr.ApiClientService apiClients, JdbcClient jdbc, TransactionTemplate tx, OrganizationRepository orgs, UserRepository users,
                     ApiKeyService keys, SecplaneProperties properties, JsonMapper json,
                     io.secplane.operator.OperatorToken operatorToken,
                     io.secplane.subscriptions.ClaimCodeService claimCodes,
                     io.secplane.subscriptions.SubscriptionService subscriptions,
                     org.springframework.security.crypto.password.PasswordEncoder passwords,
                     DemoSecureEndpoint demoSecureEndpoint) {
        this.passwords = passwords;
        this.demoSecureEndpoint = demoSecureEndpoint;
        this.subscriptions = subscriptions;
        this.operatorToken = operatorToken;
        this.claimCodes = claimCodes;
        this.jdbc = jdbc;
        this.tx = tx;
        this.orgs = orgs;
        this.users = users;
        this.keys = keys;
        this.properties = properties;
        this.json = json;
        this.products = products;
        this.apiClients = apiClients;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        io.secplane.datadir.DataDirectory.secure(Path.of(properties.dataDir()));
        if (properties.demo()) {
            tx.executeWithoutResult(s -> DemoData.load(orgs, products, demoSecureEndpoint));
        }
        boolean done = jdbc.sql("SELECT COUNT(*) FROM bootstrap_state").query(Long.class).single() > 0;
        if (done) {
            if (!operatorToken.exists()) {
                addOperatorToken();
            }
            return;
        }
        Map<String, Object> secrets;
        try {
            secrets = tx.execute(s -> firstStart(properties.demo(), true));
        } catch (DuplicateKeyException e) {
            log.info("Another server process bootstrapped this database first.");
            return;
        }
        Path file = Path.of(properties.dataDir()).toAbsolutePath().normalize().resolve("bootstrap.json");
        CertificateAuthority.writeSecret(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(secrets));
        // the secrets themselves go to that file only: the output may be a log file (`./secplane start`)
        System.out.println();
        System.out.println("=== Secplane first start: the first organization, its administrator's email and password, an API key's");
        System.out.println("    tokens and the operator token are in " + file + " (readable by you only), for example:");
        System.out.println("    jq -r .accessToken " + file);
        System.out.println();
    }

    /**
     * A reset's new first start, in the caller's transaction, the state emptied: the demo data when
     * asked for, the first organization, its administrator and key. The operator token stays.
     */
    public Map<String, Object> again(boolean demo) {
        if (demo) {
            DemoData.load(orgs, products, demoSecureEndpoint);
        }
        return firstStart(demo, false);
    }

    /** Writes a reset's secrets to bootstrap.json, with the operator token the file already has. */
    public Path writeFile(Map<String, Object> secrets) throws IOException {
        Path file = Path.of(properties.dataDir()).toAbsolutePath().normalize().resolve("bootstrap.json");
        Map<String, Object> out = new LinkedHashMap<>(secrets);
        if (java.nio.file.Files.isReadable(file)) {
            Object token = json.readValue(java.nio.file.Files.readString(file), Map.class).get("operatorToken");
            if (token != null) {
                out.put("operatorToken", token);
            }
        }
        CertificateAuthority.writeSecret(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(out));
        return file;
    }

    private Map<String, Object> firstStart(boolean demo, boolean withOperatorToken) {
        OffsetDateTime now = io.secplane.db.Sql.now();
        UUID orgId;
        if (demo) {
            orgId = DemoData.ACME;
        } else {
            orgId = UUID.randomUUID();
            orgs.insert(orgId, "My Organization", OrgType.MANAGER, Region.NAM, Instant.now());
        }
        jdbc.sql("INSERT INTO bootstrap_state (id, org_id, created_at) VALUES (1, ?, ?)").param(orgId).param(now).update();
        String email = "admin@secplane.local";
        String password = randomPassword();
        UUID userId = UUID.randomUUID();
        users.insert(userId, orgId, email, "Secplane", "Administrator", "ACTIVE",
                passwords.encode(password),
                List.of(StaticRoles.ORG_ADMIN));
        ApiKeyService.Issued issued = keys.create(orgId, "bootstrap", "Made on the first start", null, userId,
                List.of(StaticRoles.ORG_ADMIN));
        Map<String, Object> secrets = new LinkedHashMap<>();
        secrets.put("orgId", orgId.toString());
        secrets.put("apiKeyId", issued.apiKeyId().toString());
        secrets.put("accessToken", issued.accessToken());
        secrets.put("refreshToken", issued.refreshToken());
        secrets.put("adminEmail", email);
        secrets.put("adminPassword", password);
        if (withOperatorToken) {
            secrets.put("operatorToken", operatorToken.mint());
        }
        if (demo) {
            var client = apiClients.create(orgId, userId, "Demo API client", DemoData.DEMO_CLIENT_SCOPES,
                    "Made by --demo for the Secure Endpoint authentication walkthrough");
            secrets.put("xdrClientId", client.client().id());
            secrets.put("xdrClientPassword", client.password());
            // the demo's XDR and Secure Endpoint (provisioned in NAM) are a subscription like any other:
            // a claim code made for them, claimed with the tenants the demo data made
            String demoCode = claimCodes.mint("Demo: Secure Endpoint and XDR", List.of(
                    new io.secplane.subscriptions.ClaimCodeService.Asked("secure-endpoint", null),
                    new io.secplane.subscriptions.ClaimCodeService.Asked("xdr", null)), List.of("NAM"), 365).code();
            subscriptions.claim(orgId, demoCode, null, List.of(
                    new io.secplane.subscriptions.SubscriptionService.Choice("secure-endpoint", true, null),
                    new io.secplane.subscriptions.SubscriptionService.Choice("xdr", true, null)));
            // two unclaimed claim codes, as a platform operator would hand them out
            secrets.put("claimCodes", List.of(
                    claimCodes.mint("Secure Endpoint and XDR", List.of(
                            new io.secplane.subscriptions.ClaimCodeService.Asked("secure-endpoint", null),
                            new io.secplane.subscriptions.ClaimCodeService.Asked("xdr", null)),
                            List.of("NAM", "EMEA", "APJC"), 365).code(),
                    claimCodes.mint("Firewall Manager", List.of(
                            new io.secplane.subscriptions.ClaimCodeService.Asked("firewall-manager", null)),
                            List.of("NAM", "EMEA"), 365).code()));
        }
        return secrets;
    }

    /** A database made before the operator API gets its operator token, added to bootstrap.json. */
    private void addOperatorToken() throws IOException {
        String token;
        try {
            token = tx.execute(s -> operatorToken.mintIfAbsent());
        } catch (DuplicateKeyException e) {
            token = null;
        }
        if (token == null) {
            return;
        }
        Path file = Path.of(properties.dataDir()).toAbsolutePath().normalize().resolve("bootstrap.json");
        Map<String, Object> secrets = new LinkedHashMap<>();
        if (java.nio.file.Files.isReadable(file)) {
            secrets.putAll(json.readValue(java.nio.file.Files.readString(file), Map.class));
        }
        secrets.put("operatorToken", token);
        CertificateAuthority.writeSecret(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(secrets));
        System.out.println("=== Secplane: an operator token was made and saved to " + file + " (operatorToken)");
    }

    private static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
