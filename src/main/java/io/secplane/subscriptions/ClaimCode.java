package io.secplane.subscriptions;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.secplane.organizations.Region;

/** A claim code: a purchase of products, each with its entitlements, claimable in the regions listed, once. */
public record ClaimCode(String code, String name, List<Item> products, List<Region> regions, Instant validUntil,
                        Instant created, Instant revokedAt, Instant claimedAt, UUID claimedBy, UUID subscriptionId) {

    /** One product of the purchase. */
    public record Item(SubscriptionProduct product, List<SubscriptionProduct.Entitlement> entitlements) {
    }

    public String status(Instant now) {
        if (claimedAt != null) {
            return "claimed";
        }
        if (revokedAt != null) {
            return "revoked";
        }
        return validUntil.isBefore(now) ? "expired" : "unclaimed";
    }

    /** The regions a product of this code may be provisioned in: the code's, where the product can live. */
    public List<Region> allowedRegions(SubscriptionProduct p) {
        return regions.stream().filter(p.regions()::contains).toList();
    }
}
