package io.secplane.state;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the server's state is, table by table, in the order its rows can be written (a table after
 * every table it refers to): how to pick one organization's rows, which columns are secrets, and
 * which columns refer to rows of the same table (written once every row is there). The tables that
 * are not state are listed too; a test holds that every table of the schema is one or the other,
 * so that a new table is classified when it is made.
 */
public final class StateTables {

    private StateTables() {
    }

    /**
     * A table of the state.
     *
     * @param name     its name
     * @param key      the columns of its primary key
     * @param scope    the SQL condition that picks the rows of the organizations {@code :orgs}
     * @param secrets  its secret columns, written only to a document with secrets, and what a row
     *                 without them gets instead (null or a value that no secret matches)
     * @param secret   the whole table is secret (its key is a digest, or it holds one-time links)
     * @param deferred columns that refer to rows of the same table: written after the rows
     * @param keep     the SQL condition of rows that the migrations put there and a reset keeps; null: none
     * @param merge    rows already here are kept, not a clash (the signing keys)
     */
    public record Table(String name, List<String> key, String scope, Map<String, Object> secrets, boolean secret,
                        List<String> deferred, String keep, boolean merge) {

        public boolean exportedWith(boolean withSecrets) {
            return withSecrets || !secret;
        }
    }

    private static final String USERS = "user_id IN (SELECT id FROM users WHERE org_id IN (:orgs))";
    private static final String ROLES = "role_id IN (SELECT id FROM roles WHERE org_id IS NULL OR org_id IN (:orgs))";
    private static final String GROUPS = "group_id IN (SELECT id FROM admin_groups WHERE org_id IN (:orgs))";
    private static final String SE_ORGS = "se_org IN (SELECT identifier FROM se_organizations WHERE org_id IN (:orgs))";
    private static final String SUBSCRIPTIONS = "subscription_id IN (SELECT id FROM subscriptions WHERE org_id IN (:orgs))";
    private static final String ORG = "org_id IN (:orgs)";

    private static Table t(String name, String key, String scope) {
        return new Table(name, List.of(key.split(",")), scope, Map.of(), false, List.of(), null, false);
    }

    /** The tables of the state, in the order they are written (and the reverse of the order they are emptied). */
    public static final List<Table> STATE = List.of(
            t("organizations", "id", "id IN (:orgs)"),
            t("org_managers", "manager_id,managed_id", "manager_id IN (:orgs) AND managed_id IN (:orgs)"),
            new Table("roles", List.of("id"), ORG, Map.of(), false, List.of(), "org_id IS NULL", false),
            new Table("users", List.of("id"), ORG, secrets("password_hash", null, "totp_secret", null), false, List.of(), null, false),
            t("user_roles", "user_id,org_id,role_id", ORG + " AND " + USERS + " AND " + ROLES),
            t("shared_users", "org_id,user_id", ORG + " AND " + USERS),
            t("admin_groups", "id", ORG),
            t("admin_group_members", "group_id,user_id", GROUPS + " AND " + USERS),
            t("admin_group_roles", "group_id,role_id", GROUPS + " AND " + ROLES),
            t("admin_group_orgs", "group_id,managed_org_id", GROUPS + " AND managed_org_id IN (:orgs)"),
            t("api_keys", "id", ORG),
            t("api_key_roles", "api_key_id,role_id", "api_key_id IN (SELECT id FROM api_keys WHERE org_id IN (:orgs)) AND " + ROLES),
            t("token_families", "id", ORG),
            secret(t("refresh_tokens", "digest", ORG)),
            new Table("api_clients", List.of("id"), ORG + " AND created_by IN (SELECT id FROM users WHERE org_id IN (:orgs))",
                    secrets("secret_digest", "-"), false, List.of(), null, false),
            secret(t("user_tickets", "digest", ORG)),
            t("org_products", "org_id,product", ORG),
            t("subscriptions", "id", ORG),
            t("subscription_products", "subscription_id,product_id", SUBSCRIPTIONS),
            t("entitlements", "subscription_id,id", SUBSCRIPTIONS),
            t("entitlement_shares", "subscription_id,entitlement_id,managed_org_id", SUBSCRIPTIONS + " AND managed_org_id IN (:orgs)"),
            t("claim_codes", "code", "claimed_by_org IN (:orgs)"),
            t("network_objects", "id", ORG),
            t("network_literals", "object_id,position", ORG),
            t("network_group_members", "group_id,member_id", "group_id IN (SELECT id FROM network_objects WHERE org_id IN (:orgs))"),
            new Table("se_organizations", List.of("identifier"), ORG, Map.of(), false, List.of("mssp_identifier"), null, false),
            new Table("se_groups", List.of("guid"), SE_ORGS, Map.of(), false, List.of("parent_guid"), null, false),
            t("se_device_control_configurations", "guid", SE_ORGS),
            t("se_device_control_rules", "guid",
                    "configuration_guid IN (SELECT guid FROM se_device_control_configurations WHERE " + SE_ORGS + ")"),
            t("se_policies", "guid", SE_ORGS),
            t("se_exclusion_sets", "guid", SE_ORGS),
            t("se_exclusions", "guid", "set_guid IN (SELECT guid FROM se_exclusion_sets WHERE " + SE_ORGS + ")"),
            t("se_policy_exclusion_sets", "policy_guid,set_guid", "policy_guid IN (SELECT guid FROM se_policies WHERE " + SE_ORGS + ")"),
            t("se_group_policies", "group_guid,operating_system", "group_guid IN (SELECT guid FROM se_groups WHERE " + SE_ORGS + ")"),
            t("se_computers", "connector_guid", SE_ORGS),
            t("se_computer_vulnerabilities", "connector_guid,cve",
                    "connector_guid IN (SELECT connector_guid FROM se_computers WHERE " + SE_ORGS + ")"),
            secret(t("mail_outbox", "id", ORG)),
            t("audit_log", "id", ORG),
            // verify the tokens of the document's keys; a key already here stays as it is
            new Table("signing_keys", List.of("kid"), null, Map.of(), true, List.of(), "1 = 1", true));

    /** Not in a document, emptied by a reset and a restore: what lives only as long as the state it belongs to. */
    public static final List<String> EPHEMERAL = List.of("SPRING_SESSION_ATTRIBUTES", "SPRING_SESSION", "rate_counters");

    /** Neither: the server's own (kept by every operation) and the migrations' reference data. */
    public static final Set<String> NOT_STATE = Set.of("server_secrets", "retention_sweeps", "se_policy_templates",
            "se_group_templates", "se_vulnerabilities", "flyway_schema_history", "state_snapshots", "state_epoch",
            // which organization the first start made: a reset makes it again, a restore keeps it
            "bootstrap_state");

    private static Table secret(Table t) {
        return new Table(t.name(), t.key(), t.scope(), t.secrets(), true, t.deferred(), t.keep(), t.merge());
    }

    private static Map<String, Object> secrets(Object... pairs) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    public static Table named(String name) {
        return STATE.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }
}
