package io.secplane.subscriptions;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.secplane.organizations.Region;
import io.secplane.products.Products;

/**
 * The products a claim code can stand for, by the API's ids [ours]: Secure Endpoint and XDR are
 * provisioned as tenants the XDR token service and the Secure Endpoint API serve (only in the
 * regions that have those hosts); Firewall Manager is recorded with its entitlements.
 */
public enum SubscriptionProduct {
    SECURE_ENDPOINT("secure-endpoint", "Cisco Secure Endpoint", Products.Product.SECURE_ENDPOINT,
            List.of(new Entitlement("secure-endpoint-advantage", 100)), EnumSet.of(Region.NAM, Region.EMEA, Region.APJC)),
    XDR("xdr", "Cisco XDR", Products.Product.XDR,
            List.of(new Entitlement("xdr-advantage", 100)), EnumSet.of(Region.NAM, Region.EMEA, Region.APJC)),
    FIREWALL_MANAGER("firewall-manager", "Cisco Security Cloud Control Firewall Manager", null,
            List.of(new Entitlement("firewall-manager-devices", 10)), EnumSet.allOf(Region.class));

    /** A quantity of something bought, by its id. */
    public record Entitlement(String id, long quantity) {
    }

    private final String id;
    private final String displayName;
    private final Products.Product tenant;
    private final List<Entitlement> defaults;
    private final Set<Region> regions;

    SubscriptionProduct(String id, String displayName, Products.Product tenant, List<Entitlement> defaults,
                        Set<Region> regions) {
        this.id = id;
        this.displayName = displayName;
        this.tenant = tenant;
        this.defaults = defaults;
        this.regions = regions;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** The tenant provisioning makes, or null for a product with none here. */
    public Products.Product tenant() {
        return tenant;
    }

    public List<Entitlement> defaults() {
        return defaults;
    }

    /** The regions the product can live in at all. */
    public Set<Region> regions() {
        return regions;
    }

    public static SubscriptionProduct byId(String id) {
        for (SubscriptionProduct p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        return null;
    }
}
