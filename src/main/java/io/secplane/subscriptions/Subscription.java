package io.secplane.subscriptions;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.secplane.organizations.Region;

/** A claimed subscription: its products (where and whether they run) and its entitlements (and who was handed what). */
public record Subscription(UUID id, UUID orgId, String name, String type, String claimCode, Instant created,
                           List<ProductState> products, List<EntitlementState> entitlements) {

    public static final String ACTIVE = "active";
    public static final String INACTIVE = "inactive";
    public static final String PENDING = "pending";

    public record ProductState(SubscriptionProduct product, String status, Region region, String tenantId) {
    }

    public record Share(UUID managedOrgId, long quantity) {
    }

    public record EntitlementState(String id, SubscriptionProduct product, long quantity, List<Share> shares) {
        public long shared() {
            return shares.stream().mapToLong(Share::quantity).sum();
        }
    }

    public ProductState product(SubscriptionProduct p) {
        return products.stream().filter(s -> s.product() == p).findFirst().orElse(null);
    }
}
