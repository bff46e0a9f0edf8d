package io.secplane.operator;

import java.time.ZoneOffset;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.generated.operator.api.ClaimCodesApi;
import io.secplane.generated.operator.api.DiscoveryApi;
import io.secplane.generated.operator.api.OutboxApi;
import io.secplane.generated.operator.model.ListOutbox200Response;
import io.secplane.generated.operator.model.OutboxMail;
import io.secplane.mail.Outbox;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import io.secplane.web.Fields;

/** The platform operator's API; the authorizer has checked the operator token (its contract's scheme). */
@RestController
public class OperatorController implements OutboxApi, ClaimCodesApi, DiscoveryApi {

    private final Outbox outbox;
    private final io.secplane.subscriptions.ClaimCodeService claimCodes;

    public OperatorController(Outbox outbox, io.secplane.subscriptions.ClaimCodeService claimCodes) {
        this.outbox = outbox;
        this.claimCodes = claimCodes;
    }

    @Override
    public ResponseEntity<io.secplane.generated.operator.model.ClaimCode> mintClaimCode(
            io.secplane.generated.operator.model.MintClaimCode body) {
        var code = claimCodes.mint(body.getName(), body.getProducts().stream()
                .map(p -> new io.secplane.subscriptions.ClaimCodeService.Asked(p.getId().getValue(),
                        p.getEntitlements() == null ? null : p.getEntitlements().stream()
                                .map(e -> new io.secplane.subscriptions.SubscriptionProduct.Entitlement(e.getId(), e.getQuantity()))
                                .toList()))
                .toList(), body.getRegions().stream().map(r -> r.getValue()).toList(), body.getValidDays());
        return ResponseEntity.created(java.net.URI.create("/operator/v1/claim-codes/" + code.code())).body(view(code));
    }

    @Override
    public ResponseEntity<io.secplane.generated.operator.model.ListClaimCodes200Response> listClaimCodes(Integer max,
                                                                                                      String cursor) {
        var page = claimCodes.list(max, cursor);
        var out = new io.secplane.generated.operator.model.ListClaimCodes200Response(
                page.items().stream().map(OperatorController::view).toList());
        out.setCursor(page.cursor());
        return ResponseEntity.ok(out);
    }

    @Override
    public ResponseEntity<io.secplane.generated.operator.model.ClaimCode> getClaimCode(String claimCode) {
        return ResponseEntity.ok(view(claimCodes.get(claimCode)));
    }

    @Override
    public ResponseEntity<Void> revokeClaimCode(String claimCode) {
        claimCodes.revoke(claimCode);
        return ResponseEntity.noContent().build();
    }

    public static io.secplane.generated.operator.model.ClaimCode view(io.secplane.subscriptions.ClaimCode c) {
        var v = new io.secplane.generated.operator.model.ClaimCode(c.code(), c.name(), c.products().stream()
                .map(i -> new io.secplane.generated.operator.model.ClaimCodeProductsInner(
                        io.secplane.generated.operator.model.ProductId.fromValue(i.product().id()), i.product().displayName(),
                        i.entitlements().stream().map(e -> new io.secplane.generated.operator.model.Entitlement(e.id(),
                                (int) e.quantity())).toList()))
                .toList(), c.regions().stream().map(r -> io.secplane.generated.operator.model.RegionCode.fromValue(r.name()))
                .toList(), c.validUntil().atOffset(ZoneOffset.UTC), c.created().atOffset(ZoneOffset.UTC),
                io.secplane.generated.operator.model.ClaimCode.StatusEnum.fromValue(c.status(java.time.Instant.now())));
        v.setClaimedBy(c.claimedBy());
        v.setSubscriptionId(c.subscriptionId());
        return v;
    }

    @Override
    public ResponseEntity<String> getOperatorContract() {
        try {
            return io.secplane.contract.ContractController.yaml(new org.springframework.core.io.ClassPathResource(
                    io.secplane.contract.ContractCatalog.Api.OPERATOR.resource())
                    .getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public ResponseEntity<ListOutbox200Response> listOutbox(String recipient, Integer max) {
        int limit = max == null ? 50 : max;
        if (limit < 1 || limit > 500) {
            Fields f = new Fields();
            f.problem("max", "must be between 1 and 500");
            f.check();
        }
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(new ListOutbox200Response(
                outbox.recent(recipient == null || recipient.isBlank() ? null : recipient.strip(), limit).stream().map(m -> {
                    OutboxMail v = new OutboxMail(m.id(), m.recipient(), m.subject(), m.body(),
                            m.created().atOffset(ZoneOffset.UTC), m.attempts());
                    v.setOrgId(m.orgId());
                    v.setSent(m.sent() == null ? null : m.sent().atOffset(ZoneOffset.UTC));
                    v.setLastError(m.lastError());
                    return v;
                }).toList()));
    }
}
