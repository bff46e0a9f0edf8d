package io.secplane.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.secplane.apikeys.ApiKeyService;
import io.secplane.roles.StaticRoles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mints a new administrator API key on the machine that runs the server, straight in the database,
 * and prints its tokens once: the way back in when every token pair has been used up or revoked.
 */
@Command(name = "admin-key", mixinStandardHelpOptions = true,
        description = {"Mints an API key with the Organization Administrator role and prints its id, access "
                + "token and refresh token once, as JSON.",
                "With the embedded database, stop the server first (./secplane stop): only one process may "
                        + "open it. With PostgreSQL it works beside running servers."})
public class AdminKeyCommand implements Callable<Integer> {

    @Mixin
    SecplaneCommand.Storage storage = new SecplaneCommand.Storage();

    @Option(names = "--org", paramLabel = "ORG_ID", description = "the organization (default: the first one, made on the first start)")
    UUID org;

    @Option(names = "--name", defaultValue = "admin-key command", description = "the key's name (default: ${DEFAULT-VALUE})")
    String name;

    @Override
    public Integer call() {
        return Offline.run(storage, this::mint);
    }

    private Integer mint(ConfigurableApplicationContext ctx) {
        {
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            UUID orgId = org;
            if (orgId == null) {
                orgId = jdbc.sql("SELECT org_id FROM bootstrap_state WHERE id = 1").query(UUID.class).optional().orElse(null);
                if (orgId == null) {
                    System.err.println("secplane: this database has no organization yet; start the server once first.");
                    return 1;
                }
            } else if (jdbc.sql("SELECT COUNT(*) FROM organizations WHERE id = ?").param(orgId).query(Long.class).single() == 0) {
                System.err.println("secplane: there is no organization " + orgId + " in this database.");
                return 1;
            }
            // the key acts for the org's first active administrator, as a key made in the console acts for its maker;
            // an org with none gets a key of its own (its roles alone, on the org and the orgs it manages)
            UUID maker = jdbc.sql("SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.org_id = u.org_id "
                            + "WHERE u.org_id = ? AND u.status = 'ACTIVE' AND r.role_id = ? ORDER BY u.created_at, u.id LIMIT 1")
                    .param(orgId).param(StaticRoles.ORG_ADMIN).query(UUID.class).optional().orElse(null);
            ApiKeyService.Issued issued = ctx.getBean(ApiKeyService.class).create(orgId, name,
                    "Minted on the server's machine by the admin-key command", null, maker, List.of(StaticRoles.ORG_ADMIN));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("orgId", orgId.toString());
            out.put("apiKeyId", issued.apiKeyId().toString());
            out.put("accessToken", issued.accessToken());
            out.put("refreshToken", issued.refreshToken());
            System.out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(out));
            return 0;
        }
    }
}
