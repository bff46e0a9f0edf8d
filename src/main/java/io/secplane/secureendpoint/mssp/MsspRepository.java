package io.secplane.secureendpoint.mssp;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The customers of managed security service providers' Secure Endpoint organizations, and the
 * removal of a customer organization with everything in it.
 */
@Repository
public class MsspRepository {

    public record Customer(UUID guid, String name, String identifier, OffsetDateTime createdAt) {
    }

    private static final String COLUMNS = "customer_guid, name, identifier, created_at";

    private final JdbcClient jdbc;

    public MsspRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The organization, locked until the transaction ends, and the provider it is a customer of (empty: none); false when it is not there. */
    public Optional<Optional<String>> lock(String identifier) {
        return jdbc.sql("SELECT mssp_identifier FROM se_organizations WHERE identifier = ? FOR UPDATE").param(identifier)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional();
    }

    /** Whether an organization is a customer of a provider. */
    public boolean isCustomer(String identifier) {
        return jdbc.sql("SELECT COUNT(*) FROM se_organizations WHERE identifier = ? AND mssp_identifier IS NOT NULL")
                .param(identifier).query(Long.class).single() > 0;
    }

    public long count(String mssp) {
        return jdbc.sql("SELECT COUNT(*) FROM se_organizations WHERE mssp_identifier = ?").param(mssp).query(Long.class).single();
    }

    public List<Customer> page(String mssp, int start, int size) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM se_organizations WHERE mssp_identifier = ? ORDER BY LOWER(name), identifier "
                        + "LIMIT ? OFFSET ?")
                .param(mssp).param(size).param(start).query(MsspRepository::customer).list();
    }

    public Optional<Customer> find(String mssp, UUID guid) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM se_organizations WHERE mssp_identifier = ? AND customer_guid = ?")
                .param(mssp).param(guid).query(MsspRepository::customer).optional();
    }

    /** Whether another customer of the provider has the name (in any case). */
    public boolean nameTaken(String mssp, String name, UUID except) {
        return jdbc.sql("SELECT COUNT(*) FROM se_organizations WHERE mssp_identifier = ? AND LOWER(name) = LOWER(?) "
                        + "AND (CAST(? AS UUID) IS NULL OR customer_guid <> ?)")
                .param(mssp).param(name).param(except).param(except).query(Long.class).single() > 0;
    }

    /** Makes an organization a customer of a provider, under a guid of its own. */
    public void link(String customer, String mssp, UUID guid) {
        jdbc.sql("UPDATE se_organizations SET mssp_identifier = ?, customer_guid = ? WHERE identifier = ?").param(mssp).param(guid)
                .param(customer).update();
    }

    public void rename(String identifier, String name) {
        jdbc.sql("UPDATE se_organizations SET name = ? WHERE identifier = ?").param(name).param(identifier).update();
    }

    /** Removes an organization and everything in it, in the order the references between them need. */
    public void remove(String identifier) {
        jdbc.sql("UPDATE se_policies SET device_control_guid = NULL WHERE se_org = ?").param(identifier).update();
        jdbc.sql("DELETE FROM se_computers WHERE se_org = ?").param(identifier).update();
        jdbc.sql("DELETE FROM se_device_control_configurations WHERE se_org = ?").param(identifier).update();
        jdbc.sql("UPDATE se_groups SET parent_guid = NULL WHERE se_org = ?").param(identifier).update();
        jdbc.sql("DELETE FROM se_groups WHERE se_org = ?").param(identifier).update();
        jdbc.sql("DELETE FROM se_policies WHERE se_org = ?").param(identifier).update();
        jdbc.sql("DELETE FROM se_exclusion_sets WHERE se_org = ?").param(identifier).update();
        jdbc.sql("DELETE FROM se_organizations WHERE identifier = ?").param(identifier).update();
    }

    private static Customer customer(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Customer(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class));
    }
}
