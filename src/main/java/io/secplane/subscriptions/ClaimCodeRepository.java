package io.secplane.subscriptions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.secplane.organizations.Region;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** SQL for claim codes. */
@Repository
public class ClaimCodeRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;

    public ClaimCodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(ClaimCode c) {
        List<Object> products = new ArrayList<>();
        for (ClaimCode.Item i : c.products()) {
            products.add(java.util.Map.of("id", i.product().id(), "entitlements", i.entitlements().stream()
                    .map(e -> java.util.Map.of("id", e.id(), "quantity", e.quantity())).toList()));
        }
        jdbc.sql("INSERT INTO claim_codes (code, products, regions, name, valid_until, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .param(c.code()).param(JSON.writeValueAsString(products))
                .param(String.join(",", c.regions().stream().map(Enum::name).toList())).param(c.name())
                .param(at(c.validUntil())).param(at(c.created())).update();
    }

    public Optional<ClaimCode> find(String code) {
        return jdbc.sql("SELECT * FROM claim_codes WHERE code = ?").param(code).query(ClaimCodeRepository::map).optional();
    }

    /** The code's row, held until the transaction ends: one claim at a time. */
    public Optional<ClaimCode> lock(String code) {
        return jdbc.sql("SELECT * FROM claim_codes WHERE code = ? FOR UPDATE").param(code).query(ClaimCodeRepository::map)
                .optional();
    }

    /** Newest first, by keyset on (created_at, code). */
    public List<ClaimCode> page(Instant afterCreated, String afterCode, int limit) {
        if (afterCode == null) {
            return jdbc.sql("SELECT * FROM claim_codes ORDER BY created_at DESC, code DESC LIMIT " + limit)
                    .query(ClaimCodeRepository::map).list();
        }
        OffsetDateTime t = at(afterCreated);
        return jdbc.sql("SELECT * FROM claim_codes WHERE created_at < ? OR (created_at = ? AND code < ?) "
                        + "ORDER BY created_at DESC, code DESC LIMIT " + limit)
                .param(t).param(t).param(afterCode).query(ClaimCodeRepository::map).list();
    }

    public boolean revoke(String code) {
        return jdbc.sql("UPDATE claim_codes SET revoked_at = ? WHERE code = ? AND revoked_at IS NULL AND claimed_at IS NULL")
                .param(at(Instant.now())).param(code).update() == 1;
    }

    public void claimed(String code, UUID orgId, UUID subscriptionId) {
        jdbc.sql("UPDATE claim_codes SET claimed_at = ?, claimed_by_org = ?, subscription_id = ? WHERE code = ?")
                .param(at(Instant.now())).param(orgId).param(subscriptionId).param(code).update();
    }

    private static OffsetDateTime at(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static ClaimCode map(ResultSet rs, int n) throws SQLException {
        List<ClaimCode.Item> items = new ArrayList<>();
        for (JsonNode p : JSON.readTree(rs.getString("products"))) {
            List<SubscriptionProduct.Entitlement> ents = new ArrayList<>();
            for (JsonNode e : p.path("entitlements")) {
                ents.add(new SubscriptionProduct.Entitlement(e.path("id").asString(), e.path("quantity").asLong()));
            }
            items.add(new ClaimCode.Item(SubscriptionProduct.byId(p.path("id").asString()), List.copyOf(ents)));
        }
        return new ClaimCode(rs.getString("code"), rs.getString("name"), List.copyOf(items),
                Arrays.stream(rs.getString("regions").split(",")).map(Region::valueOf).toList(),
                instant(rs, "valid_until"), instant(rs, "created_at"), instant(rs, "revoked_at"),
                instant(rs, "claimed_at"), rs.getObject("claimed_by_org", UUID.class),
                rs.getObject("subscription_id", UUID.class));
    }
}
