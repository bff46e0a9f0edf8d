package io.secplane.subscriptions;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.generated.scc.api.SubscriptionsApi;
import io.secplane.generated.scc.model.ClaimInfo;
import io.secplane.generated.scc.model.ClaimInfoProductsInner;
import io.secplane.generated.scc.model.ClaimSubscription;
import io.secplane.generated.scc.model.ListSubscriptions200Response;
import io.secplane.generated.scc.model.ProductId;
import io.secplane.generated.scc.model.RegionCode;
import io.secplane.generated.scc.model.RegionRef;
import io.secplane.generated.scc.model.SetProductStatus;
import io.secplane.generated.scc.model.ShareEntitlements;
import io.secplane.generated.scc.model.SubscriptionEntitlementsInner;
import io.secplane.generated.scc.model.SubscriptionEntitlementsInnerSharesInner;
import io.secplane.generated.scc.model.SubscriptionProductsInner;
import io.secplane.generated.scc.model.ValidateClaimCodeRequest;

/** The subscription operations of the contract. */
@RestController
public class SubscriptionController implements SubscriptionsApi {

    private final SubscriptionService service;

    public SubscriptionController(SubscriptionService service) {
        this.service = service;
    }

    @Override
    public ResponseEntity<ClaimInfo> validateClaimCode(UUID orgId, ValidateClaimCodeRequest body) {
        ClaimCode c = service.info(body.getClaimCode());
        return ResponseEntity.ok(new ClaimInfo(c.products().stream().map(i -> new ClaimInfoProductsInner(
                ProductId.fromValue(i.product().id()), i.product().displayName(), c.allowedRegions(i.product()).stream()
                .map(r -> new RegionRef(RegionCode.fromValue(r.name()), r.description())).toList())).toList()));
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.Subscription> claimSubscription(UUID orgId, ClaimSubscription body) {
        Subscription s = service.claim(orgId, body.getClaimCode(), body.getType(), body.getProducts().stream()
                .map(p -> new SubscriptionService.Choice(p.getId().getValue(), Boolean.TRUE.equals(p.getUseExistingTenant()),
                        p.getRegionCode() == null ? null : p.getRegionCode().getValue()))
                .toList());
        return ResponseEntity.created(URI.create("/v1/organizations/" + orgId + "/subscriptions/" + s.id())).body(view(s));
    }

    @Override
    public ResponseEntity<ListSubscriptions200Response> listSubscriptions(UUID orgId, String name) {
        return ResponseEntity.ok(new ListSubscriptions200Response(service.list(orgId, name).stream()
                .map(SubscriptionController::view).toList()));
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.Subscription> getSubscription(UUID orgId, UUID subscriptionId) {
        return ResponseEntity.ok(view(service.get(orgId, subscriptionId)));
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.Subscription> setSubscriptionProductStatus(UUID orgId,
            UUID subscriptionId, SetProductStatus body) {
        return ResponseEntity.ok(view(service.setStatus(orgId, subscriptionId, body.getProductId().getValue(),
                body.getStatus(), body.getRegionCode() == null ? null : body.getRegionCode().getValue())));
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.Subscription> shareEntitlements(UUID orgId, UUID subscriptionId,
                                                                                          ShareEntitlements body) {
        return ResponseEntity.ok(view(service.share(orgId, subscriptionId, body.getManagedOrgId(), body.getEntitlements()
                .stream().map(e -> new SubscriptionProduct.Entitlement(e.getId(), e.getQuantity())).toList())));
    }

    static io.secplane.generated.scc.model.Subscription view(Subscription s) {
        return new io.secplane.generated.scc.model.Subscription(s.id(), s.name(), s.type(), s.claimCode(),
                s.created().atOffset(ZoneOffset.UTC), s.products().stream().map(p -> {
                    SubscriptionProductsInner v = new SubscriptionProductsInner(ProductId.fromValue(p.product().id()),
                            p.product().displayName(), SubscriptionProductsInner.StatusEnum.fromValue(p.status()));
                    if (p.region() != null) {
                        v.setRegionCode(RegionCode.fromValue(p.region().name()));
                        v.setRegionDescription(p.region().description());
                    }
                    v.setTenantId(p.tenantId());
                    return v;
                }).toList(), s.entitlements().stream().map(e -> {
                    SubscriptionEntitlementsInner v = new SubscriptionEntitlementsInner(e.id(),
                            ProductId.fromValue(e.product().id()), (int) e.quantity(), (int) e.shared());
                    v.setShares(e.shares().stream().map(x -> new SubscriptionEntitlementsInnerSharesInner(x.managedOrgId(),
                            (int) x.quantity())).toList());
                    return v;
                }).toList());
    }
}
