package io.secplane.products;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Products provisioned to an org: XDR (the tenant that registers API clients) and Secure Endpoint
 * (its organizations), each in one region, active or deactivated, and the Secure Endpoint - XDR
 * integration. Claiming a subscription ({@code subscriptions}) ends in these calls.
 */
@Component
public class Products {

    public enum Product { XDR, SECURE_ENDPOINT }

    /** A product of an org: where it lives and, for Secure Endpoint, whether the XDR integration is on. */
    public record Provisioned(UUID orgId, Product product, String region, boolean integration, boolean active) {
    }

    /** A Secure Endpoint organization. */
    public record SeOrganization(String identifier, UUID orgId, String region, String name) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private final JdbcClient jdbc;

    public Products(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void provision(UUID orgId, Product product, String region) {
        if (find(orgId, product).isEmpty()) {
            jdbc.sql("INSERT INTO org_products (org_id, product, region_code, provisioned_at, xdr_integration) "
                            + "VALUES (?, ?, ?, ?, FALSE)")
                    .param(orgId).param(product.name()).param(region).param(io.secplane.db.Sql.now()).update();
        }
    }

    public Optional<Provisioned> find(UUID orgId, Product product) {
        return jdbc.sql("SELECT org_id, product, region_code, xdr_integration, active FROM org_products "
                        + "WHERE org_id = ? AND product = ?")
                .param(orgId).param(product.name())
                .query((rs, n) -> new Provisioned(rs.getObject(1, UUID.class), Product.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getBoolean(4), rs.getBoolean(5)))
                .optional();
    }

    /** Deactivates or activates a provisioned product: its tokens stop or work again. */
    public void setActive(UUID orgId, Product product, boolean active) {
        jdbc.sql("UPDATE org_products SET active = ? WHERE org_id = ? AND product = ?")
                .param(active).param(orgId).param(product.name()).update();
    }

    /** Turns the Secure Endpoint - XDR integration on or off; false when Secure Endpoint is not provisioned. */
    public boolean setIntegration(UUID orgId, boolean enabled) {
        return jdbc.sql("UPDATE org_products SET xdr_integration = ? WHERE org_id = ? AND product = ?")
                .param(enabled).param(orgId).param(Product.SECURE_ENDPOINT.name()).update() == 1;
    }

    /**
     * Makes a Secure Endpoint organization, with the policies and groups every one starts with (the
     * templates of migrations V10 and V11); a null identifier gets a new random one (24 lowercase characters).
     */
    public SeOrganization createSeOrganization(UUID orgId, String region, String name, String identifier) {
        String id = identifier != null ? identifier : newIdentifier();
        OffsetDateTime now = io.secplane.db.Sql.now();
        jdbc.sql("INSERT INTO se_organizations (identifier, org_id, region_code, name, created_at) VALUES (?, ?, ?, ?, ?)")
                .param(id).param(orgId).param(region).param(name).param(now).update();
        List<String[]> templates = jdbc.sql("SELECT name, description, operating_system, policy_type FROM se_policy_templates "
                        + "ORDER BY operating_system, name")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)}).list();
        java.util.Map<String, UUID> policyByOsAndName = new java.util.HashMap<>();
        for (String[] t : templates) {
            UUID policy = UUID.randomUUID();
            policyByOsAndName.put(t[2] + "/" + t[0], policy);
            jdbc.sql("INSERT INTO se_policies (guid, se_org, name, description, operating_system, policy_type, serial_number, "
                            + "orbital_enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, FALSE, ?, ?)")
                    .param(policy).param(id).param(t[0]).param(t[1]).param(t[2]).param(t[3]).param(now).param(now)
                    .update();
        }
        // the default groups (the templates of migration V11): each takes, for each operating system, the
        // policy of its own name, else Protect, else Audit
        java.util.Set<String> systems = new java.util.TreeSet<>();
        templates.forEach(t -> systems.add(t[2]));
        for (String[] g : jdbc.sql("SELECT name, description FROM se_group_templates ORDER BY name")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list()) {
            UUID group = UUID.randomUUID();
            jdbc.sql("INSERT INTO se_groups (guid, se_org, name, name_key, description, created_at, updated_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .param(group).param(id).param(g[0]).param(g[0].toLowerCase(java.util.Locale.ROOT)).param(g[1]).param(now)
                    .param(now).update();
            for (String os : systems) {
                UUID policy = java.util.stream.Stream.of(g[0], "Protect", "Audit").map(n -> policyByOsAndName.get(os + "/" + n))
                        .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
                jdbc.sql("INSERT INTO se_group_policies (group_guid, operating_system, policy_guid) VALUES (?, ?, ?)")
                        .param(group).param(os).param(policy).update();
            }
        }
        return new SeOrganization(id, orgId, region, name);
    }

    public long countSeOrganizations(UUID orgId, String region) {
        return jdbc.sql("SELECT COUNT(*) FROM se_organizations WHERE org_id = ? AND region_code = ?")
                .param(orgId).param(region).query(Long.class).single();
    }

    public List<SeOrganization> seOrganizations(UUID orgId, String region, long start, int size) {
        return jdbc.sql("SELECT identifier, org_id, region_code, name FROM se_organizations "
                        + "WHERE org_id = ? AND region_code = ? ORDER BY name, identifier LIMIT ? OFFSET ?")
                .param(orgId).param(region).param(size).param(start)
                .query((rs, n) -> new SeOrganization(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4)))
                .list();
    }

    public Optional<SeOrganization> seOrganization(UUID orgId, String region, String identifier) {
        return jdbc.sql("SELECT identifier, org_id, region_code, name FROM se_organizations "
                        + "WHERE org_id = ? AND region_code = ? AND identifier = ?")
                .param(orgId).param(region).param(identifier)
                .query((rs, n) -> new SeOrganization(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4)))
                .optional();
    }

    /** A Secure Endpoint organization by its identifier alone (the platform operator's view, across organizations). */
    /**
     * Locks a Secure Endpoint organization's row until the transaction ends: every change inside an
     * organization takes it first, so none lands in an organization being removed (H2 does not hold a
     * row a foreign key points to while a concurrent transaction removes it) and changes inside one
     * organization are made in one order.
     */
    public void lockForChange(SeOrganization org) {
        if (jdbc.sql("SELECT identifier FROM se_organizations WHERE identifier = ? FOR UPDATE").param(org.identifier())
                .query(String.class).list().isEmpty()) {
            throw io.secplane.web.ApiException.notFound("Organization " + org.identifier() + " not found.");
        }
    }

    public Optional<SeOrganization> seOrganization(String identifier) {
        return jdbc.sql("SELECT identifier, org_id, region_code, name FROM se_organizations WHERE identifier = ?")
                .param(identifier)
                .query((rs, n) -> new SeOrganization(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4)))
                .optional();
    }

    private static String newIdentifier() {
        StringBuilder sb = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
