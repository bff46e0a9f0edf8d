package io.secplane.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.secplane.access.AccessResolver;
import io.secplane.api.ApiTestSupport;
import io.secplane.contract.ContractCatalog;
import io.secplane.contract.ContractCatalog.Api;
import io.secplane.hosts.HostKind;
import io.secplane.organizations.Organization.OrgType;
import io.secplane.organizations.Region;
import io.secplane.roles.StaticRoles;
import io.secplane.support.XdrFixtures;

/**
 * Every operation of the three contracts, called by every kind of caller, with the outcome the
 * rules say (in the style of Apache Polaris' authorization tests). The table below names what each
 * operation needs; an operation of the contracts missing from it, or needing something else, fails.
 */
public abstract class AuthorizationMatrixSuite extends ApiTestSupport {

    /** What each operation needs: public, own (its own credentials), read, write, caller (any that may act), operator. */
    private static final Map<String, String> NEEDS = needs(
            "SCC listOrganizations read", "SCC createOrganization write", "SCC getOrganization read",
            "SCC updateOrganization write", "SCC listSubscriptions read", "SCC claimSubscription write",
            "SCC validateClaimCode write", "SCC getSubscription read", "SCC setSubscriptionProductStatus write",
            "SCC shareEntitlements write", "SCC listUsers read", "SCC manageUsers write", "SCC getUser read",
            "SCC modifyUser write", "SCC listUserGroups read", "SCC listAdminGroups read", "SCC createAdminGroup write",
            "SCC getAdminGroup read", "SCC modifyAdminGroup write", "SCC deleteAdminGroup write",
            "SCC changeAdminGroupMembers write", "SCC listAdminGroupManagedOrgs read", "SCC listAdminGroupRoles read",
            "SCC listAdminGroupUsers read", "SCC listRoles read", "SCC createCustomRole write", "SCC getRole read",
            "SCC assignRole write", "SCC listApiKeys write", "SCC createApiKey write", "SCC getApiKey write",
            "SCC updateApiKey write", "SCC deleteApiKey write", "SCC listAuditEvents write", "SCC setPassword public",
            "SCC refreshToken own", "OPERATOR listOutbox operator", "OPERATOR getOperatorContract public",
            "OPERATOR listClaimCodes operator", "OPERATOR mintClaimCode operator", "OPERATOR getClaimCode operator",
            "OPERATOR revokeClaimCode operator", "SCC listObjects read", "SCC getObject read", "SCC getObjectUsage read", "SCC createNetworkObject write", "SCC createNetworkObjects write",
            "SCC updateNetworkObject write", "SCC deleteNetworkObject write", "SCC createNetworkGroup write",
            "SCC updateNetworkGroup write", "SCC deleteNetworkGroup write", "SCC getContract public",
            "SCC getHealth public", "SCC getLiveness public", "SCC getReadiness public", "SCC getJwks public",
            "IROH issueToken own", "IROH jwks public", "IROH metadata public", "IROH listClients read",
            "IROH createClient write", "IROH getClient read", "IROH updateClient write", "IROH deleteClient write",
            "IROH setSecureEndpointIntegration write", "IROH getIrohContract public",
            "SECURE_ENDPOINT exchangeToken read", "SECURE_ENDPOINT listOrganizations read",
            "SECURE_ENDPOINT getOrganization read", "SECURE_ENDPOINT listPolicies read",
            "SECURE_ENDPOINT listPolicyTypes read", "SECURE_ENDPOINT getPolicy read", "SECURE_ENDPOINT getPolicyXml read",
            "SECURE_ENDPOINT getPolicyProxy read", "SECURE_ENDPOINT listPolicyNetworkControlLists read",
            "SECURE_ENDPOINT listPolicyExclusionSets read", "SECURE_ENDPOINT attachExclusionSet write",
            "SECURE_ENDPOINT detachExclusionSet write", "SECURE_ENDPOINT listGroups read",
            "SECURE_ENDPOINT listComputers read", "SECURE_ENDPOINT getGroup read", "SECURE_ENDPOINT getComputer read",
            "SECURE_ENDPOINT moveComputer write", "SECURE_ENDPOINT listPolicyGroups read",
            "SECURE_ENDPOINT listPolicyComputers read", "OPERATOR addComputer operator", "OPERATOR changeComputer operator",
            "OPERATOR removeComputer operator", "SECURE_ENDPOINT listExclusionSets read",
            "SECURE_ENDPOINT createExclusionSet write", "SECURE_ENDPOINT getExclusionSet read",
            "SECURE_ENDPOINT deleteExclusionSet write", "SECURE_ENDPOINT getExclusionSetProperties read",
            "SECURE_ENDPOINT updateExclusionSetProperties write", "SECURE_ENDPOINT listExclusions read",
            "SECURE_ENDPOINT createExclusion write", "SECURE_ENDPOINT getExclusion read",
            "SECURE_ENDPOINT deleteExclusion write",
            "SECURE_ENDPOINT listAuditLogs read", "SECURE_ENDPOINT listAuditLogTypes read",
            "SECURE_ENDPOINT listCiscoMaintainedExclusionSets read", "SECURE_ENDPOINT getSecureEndpointContract public",
            "IROH whoami caller", "SECURE_ENDPOINT listDeviceControlConfigurations read", "SECURE_ENDPOINT createDeviceControlConfiguration write", "SECURE_ENDPOINT getDeviceControlConfiguration read", "SECURE_ENDPOINT updateDeviceControlConfiguration write", "SECURE_ENDPOINT deleteDeviceControlConfiguration write", "SECURE_ENDPOINT listDeviceControlRules read", "SECURE_ENDPOINT createDeviceControlRule write", "SECURE_ENDPOINT getDeviceControlRule read", "SECURE_ENDPOINT updateDeviceControlRule write", "SECURE_ENDPOINT deleteDeviceControlRule write", "SECURE_ENDPOINT setDeviceControlRuleOrder write", "SECURE_ENDPOINT countDeviceControlGroups read", "SECURE_ENDPOINT countDeviceControlComputers read", "SECURE_ENDPOINT countDeviceControlUnsupportedConnectors read", "SECURE_ENDPOINT getPolicyDeviceControlConfiguration read", "SECURE_ENDPOINT setPolicyDeviceControlConfiguration write", "SECURE_ENDPOINT removePolicyDeviceControlConfiguration write", "SECURE_ENDPOINT listIocs read", "SECURE_ENDPOINT getIoc read", "SECURE_ENDPOINT listDevices read", "SECURE_ENDPOINT getDevice read", "SECURE_ENDPOINT listDeviceVulnerabilities read", "SECURE_ENDPOINT listMsspCustomers read", "SECURE_ENDPOINT createMsspCustomer write", "SECURE_ENDPOINT updateMsspCustomer write", "SECURE_ENDPOINT deleteMsspCustomer write", "SECURE_ENDPOINT getMsspCustomer read", "OPERATOR setComputerVulnerabilities operator",
            "OPERATOR resetState operator", "OPERATOR exportState operator", "OPERATOR importState operator",
            "OPERATOR listSnapshots operator", "OPERATOR saveSnapshot operator", "OPERATOR getSnapshot operator",
            "OPERATOR deleteSnapshot operator", "OPERATOR restoreSnapshot operator");

    private static Map<String, String> needs(String... rows) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String r : rows) {
            String[] p = r.split(" ");
            m.put(p[0] + " " + p[1], p[2]);
        }
        return m;
    }

    /** A caller and what it gets on each kind of operation: "ok", or the status of the refusal. */
    private record Caller(String name, io.secplane.support.Api api, UUID home, String onRead, String onWrite) {
    }

    @Autowired
    ApplicationContext ctx;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccessResolver resolver;

    @Test
    void everyOperationOfEveryContractAnswersEveryCallerAsTheRulesSay() {
        ContractCatalog catalog = new ContractCatalog();
        long consoleOps = 0;
        for (ContractCatalog.Operation op : catalog.operations()) {
            if (op.api() == Api.CONSOLE) {
                consoleOps++; // with sessions, in console.ConsoleSuite
                continue;
            }
            String key = op.api().name() + " " + op.operationId();
            assertThat(NEEDS).as("the matrix has no entry for %s", key).containsKey(key);
            assertThat(op.need().name().toLowerCase().replace("own_credentials", "own")).as(key).isEqualTo(NEEDS.get(key));
        }
        assertThat(NEEDS).hasSize(catalog.operations().size() - (int) consoleOps);

        // the target: a MANAGED org of a MANAGER, with users of every kind
        UUID manager = newOrg("Matrix MSP", OrgType.MANAGER);
        UUID target = newOrg("Matrix target", OrgType.MANAGED);
        organizations.link(manager, target);
        UUID noApi = UUID.randomUUID();
        ctx.getBean(io.secplane.roles.RoleRepository.class).insertCustom(new io.secplane.roles.Role(noApi, target,
                "No API", null, "CUSTOM", List.of(), io.secplane.access.Level.NONE));
        List<Caller> scc = new ArrayList<>();
        scc.add(new Caller("org admin", keyOf(target, newUser(target, "admin", StaticRoles.ORG_ADMIN), StaticRoles.ORG_ADMIN),
                target, "ok", "ok"));
        scc.add(new Caller("org member", keyOf(target, newUser(target, "member", StaticRoles.ORG_MEMBER), StaticRoles.ORG_MEMBER),
                target, "ok", "403"));
        scc.add(new Caller("custom role without API access", keyOf(target, newUser(target, "custom", noApi),
                StaticRoles.ORG_MEMBER), target, "403", "403"));
        scc.add(new Caller("another org's admin", otherAdmin, orgB, "404", "404"));
        scc.add(new Caller("MANAGER admin, appliesTo all", managerUser(manager, "all", null), manager, "ok", "ok"));
        scc.add(new Caller("MANAGER admin, appliesTo selected_managed with the org", managerUser(manager, "selected_managed", target),
                manager, "ok", "ok"));
        scc.add(new Caller("MANAGER admin, appliesTo manager", managerUser(manager, "manager", null), manager, "404", "404"));
        UUID suspended = newUser(target, "suspended", StaticRoles.ORG_ADMIN);
        io.secplane.support.Api suspendedKey = keyOf(target, suspended, StaticRoles.ORG_ADMIN);
        var disabled = apiKeys.create(target, "disabled", null, null, newUser(target, "keyowner", StaticRoles.ORG_ADMIN),
                List.of(StaticRoles.ORG_ADMIN));
        jdbc.sql("UPDATE users SET status = 'DISABLE' WHERE id = ?").param(suspended).update();
        apiKeys.update(target, disabled.apiKeyId(), null, null, false);
        scc.add(new Caller("suspended user's key", suspendedKey, target, "401", "401"));
        scc.add(new Caller("disabled key", anonymous.as(disabled.accessToken()), target, "401", "401"));
        // the platform operator: its token opens the operator's API and nothing else
        scc.add(new Caller("platform operator", operator, target, "401", "401"));

        // XDR and Secure Endpoint callers: API clients acting for users of their own tenants
        XdrCaller xAdmin = xdr("client of an admin", true, "admin enrich inspect");
        XdrCaller xMember = xdr("admin-scoped client of a member", false, "admin enrich");
        XdrCaller xNarrowed = xdr("client narrowed by PATCH", true, "admin enrich");
        assertThat(xNarrowed.iroh.send("PATCH", "/iroh/oauth2/clients/" + xNarrowed.tenant.clientId(),
                "{\"scopes\":\"enrich:read\"}", "application/json", List.of()).status()).isEqualTo(200);
        XdrCaller xSuspended = xdr("client of a suspended user", true, "admin");
        jdbc.sql("UPDATE users SET status = 'DISABLE' WHERE id = ?").param(xSuspended.tenant.userId()).update();
        XdrCaller xDisabled = xdr("disabled client", true, "admin");
        jdbc.sql("UPDATE api_clients SET status = 'DISABLED' WHERE id = ?").param(xDisabled.tenant.clientId()).update();
        resolver.userChanged(xSuspended.tenant.userId());
        resolver.callerChanged(io.secplane.access.Principal.Kind.API_CLIENT, xDisabled.tenant.clientId());
        Map<XdrCaller, String[]> xdrOutcomes = new LinkedHashMap<>();
        // on the XDR host {read, write}; on the Secure Endpoint host {read, write}
        xdrOutcomes.put(xAdmin, new String[] {"ok", "ok", "ok", "ok"});
        xdrOutcomes.put(xMember, new String[] {"403", "403", "ok", "403"});
        xdrOutcomes.put(xNarrowed, new String[] {"403", "403", "ok", "ok"});
        xdrOutcomes.put(xSuspended, new String[] {"401", "401", "401", "401"});
        xdrOutcomes.put(xDisabled, new String[] {"401", "401", "401", "401"});

        int checked = 0;
        List<String> wrong = new ArrayList<>();
        for (ContractCatalog.Operation op : catalog.operations()) {
            if (op.api() == Api.CONSOLE) {
                continue; // the console's pages and forms have their matrix with sessions (console.ConsoleSuite)
            }
            String need = NEEDS.get(op.api().name() + " " + op.operationId());
            if (op.api() == Api.SCC || op.api() == Api.OPERATOR) {
                for (Caller c : scc) {
                    String expected = need.equals("public") ? "ok" : need.equals("own") || need.equals("operator") ? "refused"
                            : need.equals("read") ? c.onRead : c.onWrite;
                    if (!op.path().contains("{orgId}") && !need.equals("public") && !need.equals("own") && !need.equals("operator")) {
                        expected = homeOutcome(c, need);
                    }
                    if (need.equals("operator") && c.name.equals("platform operator")) {
                        if (op.operationId().equals("resetState")) {
                            continue; // it would empty the server the other suites share: state.StateSuite has its own servers
                        }
                        expected = "ok";
                    }
                    check(wrong, c.name, op, c.api.onHost(op.hosts().contains(HostKind.SCC_GLOBAL)
                            ? "api.security.localhost" : "api.eu.security.localhost"), target, expected);
                    checked++;
                }
            } else {
                for (var e : xdrOutcomes.entrySet()) {
                    XdrCaller x = e.getKey();
                    boolean iroh = op.api() == Api.IROH;
                    String expected = need.equals("public") ? "ok" : need.equals("own") ? "refused"
                            // who a token speaks for: any caller that may still act, whatever its scopes
                            : need.equals("caller") ? (e.getValue()[0].equals("401") ? "401" : "ok")
                            : e.getValue()[(iroh ? 0 : 2) + (need.equals("write") ? 1 : 0)];
                    io.secplane.support.Api api = iroh || op.operationId().equals("exchangeToken") ? x.iroh : x.se;
                    check(wrong, x.name, op, api.onHost(iroh ? XdrFixtures.irohHost("NAM") : XdrFixtures.seHost("NAM")),
                            x.tenant.orgId(), expected);
                    checked++;
                }
            }
        }
        assertThat(wrong).as("operations answered against the rules").isEmpty();
        assertThat(checked).isGreaterThan(500);
    }

    /** Operations with no org in the path act on the caller's own org. */
    private static String homeOutcome(Caller c, String need) {
        return switch (c.name) {
            case "org admin", "another org's admin", "MANAGER admin, appliesTo all", "MANAGER admin, appliesTo manager" -> "ok";
            case "org member" -> need.equals("read") ? "ok" : "403";
            case "custom role without API access", "MANAGER admin, appliesTo selected_managed with the org" -> "403";
            default -> c.onRead;
        };
    }

    private void check(List<String> wrong, String who, ContractCatalog.Operation op, io.secplane.support.Api api, UUID org,
                       String expected) {
        String path = op.path().replace("{orgId}", org.toString()).replaceAll("\\{[^}]+\\}", UUID.randomUUID().toString());
        String body = op.method().equals("GET") || op.method().equals("DELETE") ? null : "{}";
        io.secplane.support.Api.Reply r = api.send(op.method(), path, body, "application/json", List.of(), false);
        boolean orgNotFound = r.status() == 404 && r.raw().contains("Organization " + org + " not found");
        String got = r.status() == 401 || r.status() == 403 ? String.valueOf(r.status()) : orgNotFound ? "404" : "ok";
        boolean right = expected.equals("refused") ? r.status() >= 400 : got.equals(expected);
        if (r.status() >= 500 && !(r.status() == 501 && op.planned())) {
            right = false; // a server error is wrong whatever was expected
        }
        if (!right) {
            wrong.add(who + ": " + op.method() + " " + op.path() + " (" + op.operationId() + ") expected " + expected
                    + ", got " + r.status() + " " + r.raw());
        }
    }

    private UUID newOrg(String name, OrgType type) {
        UUID id = UUID.randomUUID();
        organizations.insert(id, name + " " + id.toString().substring(0, 6), type, Region.NAM, java.time.Instant.now());
        return id;
    }

    /** A user of the MANAGER org whose only access is an admin group with the Organization Administrator role. */
    private io.secplane.support.Api managerUser(UUID manager, String appliesTo, UUID selected) {
        UUID user = newUser(manager, "tech-" + appliesTo);
        UUID group = UUID.randomUUID();
        jdbc.sql("INSERT INTO admin_groups (id, org_id, name, name_key, type, applies_to, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, 'Federated', ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .param(group).param(manager).param("g " + group).param("g " + group).param(appliesTo).update();
        jdbc.sql("INSERT INTO admin_group_members (group_id, user_id, added_at) VALUES (?, ?, CURRENT_TIMESTAMP)")
                .param(group).param(user).update();
        jdbc.sql("INSERT INTO admin_group_roles (group_id, role_id) VALUES (?, ?)").param(group).param(StaticRoles.ORG_ADMIN).update();
        if (selected != null) {
            jdbc.sql("INSERT INTO admin_group_orgs (group_id, managed_org_id) VALUES (?, ?)").param(group).param(selected).update();
        }
        return keyOf(manager, user, StaticRoles.ORG_ADMIN);
    }

    private record XdrCaller(String name, XdrFixtures.Tenant tenant, io.secplane.support.Api iroh, io.secplane.support.Api se) {
    }

    private XdrCaller xdr(String name, boolean adminUser, String scopes) {
        XdrFixtures.Tenant t = XdrFixtures.tenant(ctx, "NAM", adminUser, true, scopes, "SE org");
        String irohToken = anonymous.onHost(XdrFixtures.irohHost("NAM")).send("POST", "/iroh/oauth2/token",
                "grant_type=client_credentials", "application/x-www-form-urlencoded", List.of("Authorization", "Basic "
                        + java.util.Base64.getEncoder().encodeToString((t.clientId() + ":" + t.password()).getBytes())))
                .json().get("access_token").asString();
        return new XdrCaller(name, t, anonymous.onHost(XdrFixtures.irohHost("NAM")).as(irohToken),
                anonymous.onHost(XdrFixtures.seHost("NAM")).as(XdrFixtures.seToken(anonymous, t)));
    }
}
