package io.secplane.subscriptions;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.secplane.organizations.Region;

/** SQL for subscriptions, their products, entitlements and shares. */
@Repository
public class SubscriptionRepository {

    private record Row(UUID id, UUID orgId, String name, String type, String code, Instant created) {
    }

    private final JdbcClient jdbc;

    public SubscriptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static OffsetDateTime now() {
        return io.secplane.db.Sql.now();
    }

    public void insert(UUID id, UUID orgId, String name, String type, String code) {
        jdbc.sql("INSERT INTO subscriptions (id, org_id, name, claim_code, type, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .param(id).param(orgId).param(name).param(code).param(type).param(now()).update();
    }

    public void insertProduct(UUID subscriptionId, SubscriptionProduct p, String status, Region region) {
        jdbc.sql("INSERT INTO subscription_products (subscription_id, product_id, region_code, status, changed_at) "
                        + "VALUES (?, ?, ?, ?, ?)")
                .param(subscriptionId).param(p.id()).param(region == null ? null : region.name()).param(status).param(now())
                .update();
    }

    public void setProduct(UUID subscriptionId, SubscriptionProduct p, String status, Region region) {
        jdbc.sql("UPDATE subscription_products SET status = ?, region_code = ?, changed_at = ? "
                        + "WHERE subscription_id = ? AND product_id = ?")
                .param(status).param(region == null ? null : region.name()).param(now()).param(subscriptionId).param(p.id())
                .update();
    }

    public void insertEntitlement(UUID subscriptionId, String id, SubscriptionProduct p, long quantity) {
        jdbc.sql("INSERT INTO entitlements (subscription_id, id, product_id, quantity) VALUES (?, ?, ?, ?)")
                .param(subscriptionId).param(id).param(p.id()).param(quantity).update();
    }

    /** Sets what a managed org is handed (0 takes it back). */
    public void share(UUID subscriptionId, String entitlementId, UUID managedOrgId, long quantity) {
        jdbc.sql("DELETE FROM entitlement_shares WHERE subscription_id = ? AND entitlement_id = ? AND managed_org_id = ?")
                .param(subscriptionId).param(entitlementId).param(managedOrgId).update();
        if (quantity > 0) {
            jdbc.sql("INSERT INTO entitlement_shares (subscription_id, entitlement_id, managed_org_id, quantity) VALUES (?, ?, ?, ?)")
                    .param(subscriptionId).param(entitlementId).param(managedOrgId).param(quantity).update();
        }
    }

    /** Holds the subscription's row until the transaction ends: changes to one subscription queue. */
    public boolean lock(UUID orgId, UUID id) {
        return jdbc.sql("SELECT id FROM subscriptions WHERE org_id = ? AND id = ? FOR UPDATE").param(orgId).param(id)
                .query(UUID.class).optional().isPresent();
    }

    public Optional<Subscription> find(UUID orgId, UUID id) {
        return rows("WHERE org_id = ? AND id = ?", orgId, id).stream().findFirst().map(this::load);
    }

    public List<Subscription> list(UUID orgId, String name) {
        List<Row> rows = name == null ? rows("WHERE org_id = ?", orgId)
                : rows("WHERE org_id = ? AND LOWER(name) LIKE ? ESCAPE '!'", orgId, io.secplane.db.Sql.containsAnyCase(name));
        return rows.stream().map(this::load).toList();
    }

    private List<Row> rows(String where, Object... params) {
        return jdbc.sql("SELECT id, org_id, name, type, claim_code, created_at FROM subscriptions " + where
                        + " ORDER BY created_at DESC, id")
                .params(List.of(params))
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }

    private Subscription load(Row r) {
        List<Subscription.ProductState> products = jdbc.sql("SELECT sp.product_id, sp.status, sp.region_code, "
                        + "(SELECT MIN(s.identifier) FROM se_organizations s WHERE s.org_id = ? AND s.region_code = sp.region_code "
                        + "AND sp.product_id = 'secure-endpoint') FROM subscription_products sp WHERE sp.subscription_id = ? "
                        + "ORDER BY sp.product_id")
                .param(r.orgId()).param(r.id())
                .query((rs, n) -> new Subscription.ProductState(SubscriptionProduct.byId(rs.getString(1)), rs.getString(2),
                        rs.getString(3) == null ? null : Region.valueOf(rs.getString(3)), rs.getString(4)))
                .list();
        Map<String, List<Subscription.Share>> shares = new LinkedHashMap<>();
        jdbc.sql("SELECT entitlement_id, managed_org_id, quantity FROM entitlement_shares WHERE subscription_id = ? "
                        + "ORDER BY managed_org_id")
                .param(r.id())
                .query(rs -> {
                    shares.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Subscription.Share(rs.getObject(2, UUID.class), rs.getLong(3)));
                });
        List<Subscription.EntitlementState> ents = jdbc.sql("SELECT id, product_id, quantity FROM entitlements "
                        + "WHERE subscription_id = ? ORDER BY product_id, id")
                .param(r.id())
                .query((rs, n) -> new Subscription.EntitlementState(rs.getString(1), SubscriptionProduct.byId(rs.getString(2)),
                        rs.getLong(3), List.copyOf(shares.getOrDefault(rs.getString(1), List.of()))))
                .list();
        return new Subscription(r.id(), r.orgId(), r.name(), r.type(), r.code(), r.created(), products, ents);
    }
}
