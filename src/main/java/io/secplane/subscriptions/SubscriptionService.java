package io.secplane.subscriptions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.secplane.access.AccessResolver;
import io.secplane.audit.AuditLog;
import io.secplane.organizations.Organization;
import io.secplane.organizations.OrganizationRepository;
import io.secplane.organizations.Region;
import io.secplane.products.Products;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;

/**
 * An organization's side of subscriptions: validating and claiming a code (its chosen products
 * provisioned in allowed regions, all in one transaction), activating and deactivating products,
 * and a MANAGER handing entitlements to its managed orgs. The authorizer has let the caller in.
 */
@Service
public class SubscriptionService {

    /** A product chosen when claiming. */
    public record Choice(String productId, boolean useExistingTenant, String regionCode) {
    }

    private final ClaimCodeRepository codes;
    private final SubscriptionRepository repository;
    private final Products products;
    private final OrganizationRepository orgs;
    private final AuditLog audit;
    private final AccessResolver access;

    public SubscriptionService(ClaimCodeRepository codes, SubscriptionRepository repository, Products products,
                               OrganizationRepository orgs, AuditLog audit, AccessResolver access) {
        this.codes = codes;
        this.repository = repository;
        this.products = products;
        this.orgs = orgs;
        this.audit = audit;
        this.access = access;
    }

    /** The code, if it can be claimed now: 404 unknown, 400 expired or revoked, 409 claimed. */
    private ClaimCode claimable(ClaimCode c, String asked) {
        if (c == null) {
            throw ApiException.notFound("Claim code " + asked + " does not exist; check it for typing errors.");
        }
        return switch (c.status(Instant.now())) {
            case "claimed" -> throw ApiException.conflict("Claim code " + c.code() + " has been claimed already.");
            case "revoked" -> throw ApiException.badRequest("Claim code " + c.code() + " has been revoked.");
            case "expired" -> throw ApiException.badRequest("Claim code " + c.code() + " expired at " + c.validUntil() + ".");
            default -> c;
        };
    }

    @Transactional(readOnly = true)
    public ClaimCode info(String code) {
        return claimable(codes.find(ClaimCodeService.normalize(code)).orElse(null), code);
    }

    @Transactional
    public Subscription claim(UUID orgId, String code, String type, List<Choice> choices) {
        ClaimCode c = claimable(codes.lock(ClaimCodeService.normalize(code)).orElse(null), code);
        Organization org = orgs.find(orgId).orElseThrow();
        UUID id = UUID.randomUUID();
        repository.insert(id, orgId, c.name(), type == null || type.isBlank() ? "STANDARD" : type.strip(), c.code());
        Set<SubscriptionProduct> chosen = new HashSet<>();
        for (Choice choice : choices) {
            SubscriptionProduct p = SubscriptionProduct.byId(choice.productId());
            if (c.products().stream().noneMatch(i -> i.product() == p)) {
                throw ApiException.badRequest("Claim code " + c.code() + " does not include " + p.displayName() + ".");
            }
            if (!chosen.add(p)) {
                throw ApiException.badRequest("The product " + p.id() + " is named twice.");
            }
            Region region = provision(org, c, p, choice.useExistingTenant(), choice.regionCode());
            repository.insertProduct(id, p, Subscription.ACTIVE, region);
        }
        for (ClaimCode.Item i : c.products()) {
            if (!chosen.contains(i.product())) {
                repository.insertProduct(id, i.product(), Subscription.PENDING, null);
            }
            for (SubscriptionProduct.Entitlement e : i.entitlements()) {
                repository.insertEntitlement(id, e.id(), i.product(), e.quantity());
            }
        }
        codes.claimed(c.code(), orgId, id);
        audit.changed(orgId, "subscriptions/" + id);
        access.changed(orgId);
        return repository.find(orgId, id).orElseThrow();
    }

    /**
     * Provisions a product for an org in a region the code allows, or attaches the org's existing
     * tenant of it; the region it lives in.
     */
    private Region provision(Organization org, ClaimCode c, SubscriptionProduct p, boolean existing, String regionCode) {
        List<Region> allowed = c.allowedRegions(p);
        Products.Provisioned tenant = p.tenant() == null ? null : products.find(org.id(), p.tenant()).orElse(null);
        if (existing) {
            if (tenant == null) {
                throw ApiException.badRequest("This organization has no " + p.displayName()
                        + " tenant to use; claim it without useExistingTenant to provision one.");
            }
            Region r = Region.valueOf(tenant.region());
            if (!allowed.contains(r)) {
                throw ApiException.badRequest("The existing " + p.displayName() + " tenant is in " + r
                        + ", which claim code " + c.code() + " does not allow (" + names(allowed) + ").");
            }
            return r;
        }
        if (regionCode == null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Choose a region for " + p.displayName() + ": one of "
                    + names(allowed) + ".", List.of(new ApiException.FieldProblem("products/regionCode", "is required")));
        }
        Region region = Region.valueOf(regionCode);
        if (!allowed.contains(region)) {
            throw ApiException.badRequest(p.displayName() + " cannot be provisioned in " + region + " with claim code "
                    + c.code() + "; allowed: " + names(allowed) + ".");
        }
        if (tenant != null) {
            throw ApiException.conflict("This organization has a " + p.displayName() + " tenant already (in "
                    + tenant.region() + "); claim with useExistingTenant to attach it.");
        }
        if (p.tenant() != null) {
            products.provision(org.id(), p.tenant(), region.name());
            if (p.tenant() == Products.Product.SECURE_ENDPOINT && products.countSeOrganizations(org.id(), region.name()) == 0) {
                products.createSeOrganization(org.id(), region.name(), org.name(), null);
            }
        }
        return region;
    }

    private static String names(List<Region> regions) {
        return String.join(", ", regions.stream().map(Enum::name).toList());
    }

    @Transactional(readOnly = true)
    public List<Subscription> list(UUID orgId, String name) {
        return repository.list(orgId, name == null || name.isBlank() ? null : name.strip());
    }

    @Transactional(readOnly = true)
    public Subscription get(UUID orgId, UUID id) {
        return repository.find(orgId, id).orElseThrow(() -> ApiException.notFound("Subscription " + id
                + " not found in organization " + orgId + "."));
    }

    /** Provisions a pending product, or turns a provisioned one on or off: its tokens follow at once. */
    @Transactional
    public Subscription setStatus(UUID orgId, UUID id, String productId, boolean on, String regionCode) {
        if (!repository.lock(orgId, id)) {
            throw ApiException.notFound("Subscription " + id + " not found in organization " + orgId + ".");
        }
        Subscription s = get(orgId, id);
        SubscriptionProduct p = SubscriptionProduct.byId(productId);
        Subscription.ProductState state = s.product(p);
        if (state == null) {
            throw ApiException.badRequest("Subscription " + id + " does not include " + p.displayName() + ".");
        }
        if (on && state.status().equals(Subscription.PENDING)) {
            ClaimCode c = codes.find(s.claimCode()).orElseThrow();
            Region region = provision(orgs.find(orgId).orElseThrow(), c, p, false, regionCode);
            repository.setProduct(id, p, Subscription.ACTIVE, region);
        } else if (!on && state.status().equals(Subscription.PENDING)) {
            throw ApiException.conflict(p.displayName() + " is not provisioned yet in subscription " + id
                    + "; there is nothing to deactivate.");
        } else if (!state.status().equals(on ? Subscription.ACTIVE : Subscription.INACTIVE)) {
            if (p.tenant() != null) {
                products.setActive(orgId, p.tenant(), on);
            }
            repository.setProduct(id, p, on ? Subscription.ACTIVE : Subscription.INACTIVE, state.region());
        }
        audit.changed(null, orgId, "subscriptions/" + id, (on ? "activate " : "deactivate ") + p.id());
        access.changed(orgId);
        return get(orgId, id);
    }

    /**
     * Sets what a managed org is handed of each entitlement named; the subscription's row is held
     * while the totals are checked, so that requests at once never hand out more than it holds.
     */
    @Transactional
    public Subscription share(UUID orgId, UUID id, UUID managedOrgId, List<SubscriptionProduct.Entitlement> asked) {
        Organization org = orgs.find(orgId).orElseThrow();
        if (org.type() != Organization.OrgType.MANAGER) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only a MANAGER organization hands entitlements to managed "
                    + "organizations; organization " + orgId + " is " + org.type() + ".");
        }
        if (!org.managedOrgIds().contains(managedOrgId)) {
            throw ApiException.badRequest("Organization " + managedOrgId + " is not managed by organization " + orgId + ".");
        }
        if (!repository.lock(orgId, id)) {
            throw ApiException.notFound("Subscription " + id + " not found in organization " + orgId + ".");
        }
        Subscription s = get(orgId, id);
        List<String> problems = new ArrayList<>();
        for (SubscriptionProduct.Entitlement a : asked) {
            Subscription.EntitlementState e = s.entitlements().stream().filter(x -> x.id().equals(a.id())).findFirst()
                    .orElse(null);
            if (e == null) {
                problems.add("subscription " + id + " has no entitlement " + a.id());
                continue;
            }
            long others = e.shares().stream().filter(x -> !x.managedOrgId().equals(managedOrgId))
                    .mapToLong(Subscription.Share::quantity).sum();
            if (others + a.quantity() > e.quantity()) {
                throw ApiException.conflict("Handing " + a.quantity() + " of " + a.id() + " to " + managedOrgId
                        + " would hand out " + (others + a.quantity()) + " of the " + e.quantity() + " the subscription holds.");
            }
            repository.share(id, a.id(), managedOrgId, a.quantity());
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems) + ".");
        }
        audit.changed(null, orgId, "subscriptions/" + id, "share with " + managedOrgId);
        return get(orgId, id);
    }
}
