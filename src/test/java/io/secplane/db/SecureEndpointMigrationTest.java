package io.secplane.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.secplane.support.EmbeddedPostgres;

/**
 * A database made before Secure Endpoint's configuration (migration 9) with Secure Endpoint
 * organizations in it: migrating to now gives each the policies and groups every new one starts
 * with, and nothing else.
 */
class SecureEndpointMigrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void secureEndpointOrganizationsMadeBeforeGetTheDefaultPolicies(String vendor) throws Exception {
        DriverManagerDataSource ds;
        if (vendor.equals("h2")) {
            Path dir = Files.createTempDirectory("secplane-migration-");
            ds = new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("db") + ";MODE=Regular", "sa", "");
        } else {
            ds = new DriverManagerDataSource(EmbeddedPostgres.get().newDatabase(), "postgres", "");
        }
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/" + vendor).target("9").load().migrate();
        JdbcClient jdbc = JdbcClient.create(ds);
        UUID org = UUID.randomUUID();
        jdbc.sql("INSERT INTO organizations (id, name, type, region_code, created_at, updated_at) "
                + "VALUES (?, 'Before', 'STANDALONE', 'NAM', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").param(org).update();
        for (String id : List.of("aaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbb")) {
            jdbc.sql("INSERT INTO se_organizations (identifier, org_id, region_code, name, created_at) "
                    + "VALUES (?, ?, 'NAM', ?, CURRENT_TIMESTAMP)").param(id).param(org).param("SE " + id.charAt(0)).update();
        }

        Flyway.configure().dataSource(ds).locations("classpath:db/migration/" + vendor).load().migrate();

        for (String id : List.of("aaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbb")) {
            List<String> policies = jdbc.sql("SELECT operating_system || '/' || name || '/' || policy_type || '/' || serial_number "
                    + "FROM se_policies WHERE se_org = ? ORDER BY operating_system, name").param(id).query(String.class).list();
            assertThat(policies).containsExactly("android/Protect/workstation/1", "ios/Audit/workstation/1",
                    "linux/Audit/workstation/1", "linux/Protect/workstation/1", "linux/Server/server/1",
                    "mac/Audit/workstation/1", "mac/Protect/workstation/1", "mac/Triage/workstation/1",
                    "windows/Audit/workstation/1", "windows/Domain Controller/domain_controller/1",
                    "windows/Protect/workstation/1", "windows/Server/server/1", "windows/Triage/workstation/1");
        }
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT guid) FROM se_policies").query(Long.class).single()).isEqualTo(26);
        // and the default groups (migration 11), each with its organization's policy per system
        for (String id : List.of("aaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbb")) {
            List<String> server = jdbc.sql("SELECT gp.operating_system || '/' || p.name FROM se_groups g "
                    + "JOIN se_group_policies gp ON gp.group_guid = g.guid JOIN se_policies p ON p.guid = gp.policy_guid "
                    + "WHERE g.se_org = ? AND g.name = 'Server' AND p.se_org = g.se_org ORDER BY gp.operating_system")
                    .param(id).query(String.class).list();
            assertThat(server).containsExactly("android/Protect", "ios/Audit", "linux/Server", "mac/Protect", "windows/Server");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM se_groups WHERE se_org = ?").param(id).query(Long.class).single())
                    .isEqualTo(5);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM se_exclusion_sets").query(Long.class).single()).isZero();
    }
}
