package io.secplane.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import io.secplane.api.ApiTestSupport;
import io.secplane.contract.ContractCatalog;
import io.secplane.contract.ContractCatalog.Api;
import io.secplane.hosts.HostKind;
import io.secplane.roles.StaticRoles;
import io.secplane.support.XdrFixtures;

/**
 * Another tenant's real things, named through one's own organization: every operation of the SCC,
 * IROH and Secure Endpoint contracts whose path names a thing of an org (a user, a group, a key, a
 * role, a client, a subscription, an object, an exclusion set and its exclusions, a policy, a group,
 * a computer, a device-control configuration and its rules) is called by another tenant's
 * administrator with its own org in the path and the victim's ids. A read or a delete is a 404; any
 * other is refused (never 2xx, never 5xx); no answer shows the victim's names; and every read of the
 * victim's things answers the victim afterwards exactly as before.
 */
public abstract class CrossTenantSuite extends ApiTestSupport {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)\\}");
    /** Placeholders that name the org acted in (the caller's own here), or no thing of an org. */
    private static final List<String> NOT_CHILDREN = List.of("orgId", "organizationIdentifier", "claimCode", "iocGuid");

    @Autowired
    private ApplicationContext ctx;

    /** A tenant: its SCC admin, IROH and Secure Endpoint clients, its Secure Endpoint org. */
    private record Side(XdrFixtures.Tenant tenant, io.secplane.support.Api scc, io.secplane.support.Api iroh,
                        io.secplane.support.Api se, String seOrg) {
    }

    private Side side(String name) {
        XdrFixtures.Tenant t = XdrFixtures.tenant(ctx, "NAM", true, true, "admin", name);
        io.secplane.support.Api scc = keyOf(t.orgId(), newUser(t.orgId(), "admin", StaticRoles.ORG_ADMIN), StaticRoles.ORG_ADMIN);
        String irohToken = anonymous.onHost(XdrFixtures.irohHost("NAM")).send("POST", "/iroh/oauth2/token",
                "grant_type=client_credentials", "application/x-www-form-urlencoded", List.of("Authorization", "Basic "
                        + java.util.Base64.getEncoder().encodeToString((t.clientId() + ":" + t.password()).getBytes())))
                .json().get("access_token").asString();
        io.secplane.support.Api se = anonymous.onHost(XdrFixtures.seHost("NAM")).as(XdrFixtures.seToken(anonymous, t));
        String seOrg = se.get("/v3/organizations").json().get("data").get(0).get("organizationIdentifier").asString();
        return new Side(t, scc, anonymous.onHost(XdrFixtures.irohHost("NAM")).as(irohToken), se, seOrg);
    }

    private static String created(io.secplane.support.Api.Reply r, String... path) {
        assertThat(r.status()).as(r.raw()).isBetween(200, 201);
        var node = r.json();
        for (String p : path) {
            node = node.get(p);
        }
        return node.asString();
    }

    @Test
    void anotherTenantsRealThingsAreNotFoundThroughOnesOwnOrganization() {
        String tag = "victim-" + UUID.randomUUID().toString().substring(0, 8);
        Side victim = side("SE " + tag);
        Side attacker = side("SE attacker");
        UUID org = victim.tenant().orgId();
        String o = "/v1/organizations/" + org;
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("userId", victim.tenant().userId().toString());
        ids.put("groupId", created(victim.scc().post(o + "/adminGroups", "{\"name\":\"" + tag + " group\"}"), "id"));
        ids.put("roleId", created(victim.scc().post(o + "/roles", "{\"displayName\":\"" + tag + " role\"}"), "id"));
        ids.put("apiKeyId", apiKeys.create(org, tag + " key", null, null, victim.tenant().userId(),
                List.of(StaticRoles.ORG_MEMBER)).apiKeyId().toString());
        ids.put("clientId", victim.tenant().clientId());
        ids.put("objectId", created(victim.scc().onHost("api.us.security.localhost").post(o + "/networks", "{\"name\":\"" + tag
                + " host\",\"value\":{\"objectType\":\"NETWORK_OBJECT\",\"defaultContent\":{\"literal\":\"10.66.0.1\"}}}"), "uid"));
        ids.put("subscriptionId", jdbc.sql("SELECT id FROM subscriptions WHERE org_id = ?").param(org).query(UUID.class)
                .optional().map(UUID::toString).orElse(UUID.randomUUID().toString()));
        String se = "/v3/organizations/" + victim.seOrg();
        String set = created(victim.se().post(se + "/exclusion_sets", "{\"operatingSystem\":\"windows\",\"name\":\"" + tag + " set\"}"),
                "data", "guid");
        ids.put("exclusionSetGuid", set);
        ids.put("exclusionGuid", created(victim.se().post(se + "/exclusion_sets/" + set + "/exclusions",
                "{\"exclusionType\":\"path\",\"path\":\"C:\\\\" + tag + "\\\\\"}"), "data", "guid"));
        ids.put("policyGuid", victim.se().get(se + "/policies").json().get("data").get(0).get("guid").asString());
        ids.put("groupGuid", victim.se().get(se + "/groups").json().get("data").get(0).get("guid").asString());
        String computer = created(operator.onHost("api.security.localhost").post("/operator/v1/secure-endpoint/organizations/"
                + victim.seOrg() + "/computers", "{\"hostname\":\"" + tag + "-pc\",\"operatingSystem\":\"windows\"}"), "connectorGuid");
        ids.put("connectorGuid", computer);
        ids.put("deviceGuid", computer);
        String configuration = created(victim.se().post(se + "/device_control/configurations", "{\"name\":\"" + tag + " usb\"}"),
                "data", "guid");
        ids.put("configurationGuid", configuration);
        ids.put("ruleGuid", created(victim.se().post(se + "/device_control/configurations/" + configuration + "/rules",
                "{\"controlType\":\"allow\",\"displayName\":\"" + tag + " rule\",\"ruleExpressions\":[{\"identifier\":"
                        + "\"vendor_name\",\"operator\":\"equals\",\"value\":\"Toshiba\"}]}"), "data", "guid"));
        ids.put("customerGuid", UUID.randomUUID().toString());

        ContractCatalog catalog = new ContractCatalog();
        Map<String, String> before = victimReads(catalog, victim, ids);
        assertThat(before).hasSizeGreaterThan(15);

        List<String> wrong = new ArrayList<>();
        int tried = 0;
        for (ContractCatalog.Operation op : catalog.operations()) {
            if (op.api() == Api.CONSOLE || op.api() == Api.OPERATOR || !hasChild(op.path())) {
                continue;
            }
            String path = fill(op.path(), attacker.tenant().orgId().toString(), attacker.seOrg(), ids);
            io.secplane.support.Api api = caller(op, attacker);
            String body = op.method().equals("GET") || op.method().equals("DELETE") ? null : "{}";
            var r = api.send(op.method(), path, body, "application/json", List.of(), false);
            tried++;
            boolean readOrDelete = op.method().equals("GET") || op.method().equals("DELETE");
            boolean right = readOrDelete ? r.status() == 404 : r.status() >= 400 && r.status() < 500;
            if (!right || r.raw().contains(tag)) {
                wrong.add(op.method() + " " + op.path() + " (" + op.operationId() + "): " + r.status() + " " + r.raw());
            }
        }
        assertThat(wrong).as("another tenant's things reached through one's own org").isEmpty();
        assertThat(tried).isGreaterThan(40);
        assertThat(victimReads(catalog, victim, ids)).isEqualTo(before);
    }

    /** Every read of the victim's things, by the victim: path to body. */
    private Map<String, String> victimReads(ContractCatalog catalog, Side victim, Map<String, String> ids) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ContractCatalog.Operation op : catalog.operations()) {
            if (!op.method().equals("GET") || op.api() == Api.CONSOLE || op.api() == Api.OPERATOR || !hasChild(op.path())) {
                continue;
            }
            String path = fill(op.path(), victim.tenant().orgId().toString(), victim.seOrg(), ids);
            var r = caller(op, victim).send("GET", path, null, null, List.of(), false);
            if (r.status() == 200) {
                out.put(path, r.raw());
            }
        }
        return out;
    }

    private static boolean hasChild(String path) {
        Matcher m = PLACEHOLDER.matcher(path);
        boolean child = false;
        while (m.find()) {
            if (m.group(1).equals("claimCode") || m.group(1).equals("iocGuid")) {
                return false;
            }
            child |= !NOT_CHILDREN.contains(m.group(1));
        }
        return child;
    }

    private static String fill(String path, String orgId, String seOrg, Map<String, String> ids) {
        Matcher m = PLACEHOLDER.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = switch (m.group(1)) {
                case "orgId" -> orgId;
                case "organizationIdentifier" -> seOrg;
                default -> ids.get(m.group(1));
            };
            if (v == null) {
                throw new IllegalStateException("no id for " + m.group(1) + " in " + path);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static io.secplane.support.Api caller(ContractCatalog.Operation op, Side side) {
        return switch (op.api()) {
            case IROH -> side.iroh();
            case SECURE_ENDPOINT -> side.se();
            default -> side.scc().onHost(op.hosts().contains(HostKind.SCC_GLOBAL) ? "api.security.localhost" : "api.us.security.localhost");
        };
    }
}
