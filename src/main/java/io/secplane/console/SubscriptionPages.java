package io.secplane.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.secplane.organizations.OrganizationRepository;
import io.secplane.subscriptions.ClaimCode;
import io.secplane.subscriptions.SubscriptionProduct;
import io.secplane.subscriptions.SubscriptionService;
import io.secplane.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Subscriptions: enter a claim code, see its products and allowed regions, choose a region for each
 * and claim; activate and deactivate products; hand entitlements to managed orgs.
 */
@Controller
public class SubscriptionPages {

    private final Pages pages;
    private final SubscriptionService subscriptions;
    private final OrganizationRepository orgs;
    private final io.secplane.products.Products products;

    public SubscriptionPages(Pages pages, SubscriptionService subscriptions, OrganizationRepository orgs,
                             io.secplane.products.Products products) {
        this.products = products;
        this.pages = pages;
        this.subscriptions = subscriptions;
        this.orgs = orgs;
    }

    @GetMapping("/orgs/{orgId}/subscriptions")
    public String subscriptionsPage(@PathVariable UUID orgId, Model model) {
        pages.frame(model, orgId, "subscriptions");
        model.addAttribute("subscriptions", subscriptions.list(orgId, null));
        var org = orgs.find(orgId).orElseThrow();
        model.addAttribute("managed", org.managedOrgIds().stream()
                .map(id -> new Pages.OrgLink(id, orgs.name(id).orElse(id.toString()), false, "")).toList());
        return "console/subscriptions";
    }

    @PostMapping("/orgs/{orgId}/subscriptions/claim-info")
    public String claimInfoForm(@PathVariable UUID orgId, @RequestParam(required = false) String claimCode, Model model,
                                HttpServletResponse response) {
        try {
            showClaim(orgId, model, subscriptions.info(claimCode == null ? "" : claimCode), claimCode);
        } catch (ApiException e) {
            pages.refused(model, response, "claimCode", e.getMessage());
            model.addAttribute("claimCode", claimCode);
        }
        return subscriptionsPage(orgId, model);
    }

    @PostMapping("/orgs/{orgId}/subscriptions")
    public String claimForm(@PathVariable UUID orgId, @RequestParam Map<String, String> form, Model model,
                            HttpServletResponse response, RedirectAttributes redirect) {
        String code = form.getOrDefault("claimCode", "");
        List<SubscriptionService.Choice> choices = new ArrayList<>();
        for (var e : form.entrySet()) {
            if (e.getKey().startsWith("region.") && !e.getValue().isBlank()) {
                boolean existing = e.getValue().equals("existing");
                choices.add(new SubscriptionService.Choice(e.getKey().substring("region.".length()), existing,
                        existing ? null : e.getValue()));
            }
        }
        try {
            var s = subscriptions.claim(orgId, code, null, choices);
            redirect.addFlashAttribute("notice", "Claimed: subscription " + s.name() + " (" + s.id() + ").");
            return "redirect:/orgs/" + orgId + "/subscriptions";
        } catch (ApiException e) {
            pages.refused(model, response, e);
            try {
                showClaim(orgId, model, subscriptions.info(code), code);
            } catch (ApiException again) {
                model.addAttribute("claimCode", code);
            }
            return subscriptionsPage(orgId, model);
        }
    }

    /** The claim code's products, each with its allowed regions and the org's tenant of it, if one exists. */
    private void showClaim(UUID orgId, Model model, ClaimCode code, String typed) {
        model.addAttribute("claim", code);
        model.addAttribute("claimCode", typed.strip());
        Map<String, String> existing = new java.util.HashMap<>();
        for (ClaimCode.Item i : code.products()) {
            if (i.product().tenant() != null) {
                products.find(orgId, i.product().tenant()).ifPresent(t -> existing.put(i.product().id(), t.region()));
            }
        }
        model.addAttribute("existing", existing);
    }

    @PostMapping("/orgs/{orgId}/subscriptions/{subscriptionId}/status")
    public String subscriptionStatusForm(@PathVariable UUID orgId, @PathVariable UUID subscriptionId,
                                         @RequestParam(required = false) String productId,
                                         @RequestParam(required = false) String action,
                                         @RequestParam(required = false) String regionCode, Model model,
                                         HttpServletResponse response, RedirectAttributes redirect) {
        try {
            if (productId == null || SubscriptionProduct.byId(productId) == null) {
                throw ApiException.badRequest("Name one of the subscription's products.");
            }
            subscriptions.setStatus(orgId, subscriptionId, productId, "activate".equals(action),
                    regionCode == null || regionCode.isBlank() ? null : regionCode);
        } catch (ApiException e) {
            pages.refused(model, response, e);
            return subscriptionsPage(orgId, model);
        }
        redirect.addFlashAttribute("notice", SubscriptionProduct.byId(productId).displayName() + " is "
                + ("activate".equals(action) ? "active." : "deactivated."));
        return "redirect:/orgs/" + orgId + "/subscriptions";
    }

    @PostMapping("/orgs/{orgId}/subscriptions/{subscriptionId}/shares")
    public String subscriptionShareForm(@PathVariable UUID orgId, @PathVariable UUID subscriptionId,
                                        @RequestParam(required = false) String managedOrgId,
                                        @RequestParam(required = false) String entitlement,
                                        @RequestParam(required = false) String quantity, Model model,
                                        HttpServletResponse response, RedirectAttributes redirect) {
        try {
            UUID managed;
            long n;
            try {
                managed = UUID.fromString(String.valueOf(managedOrgId).strip());
            } catch (IllegalArgumentException e) {
                throw new ApiException(io.secplane.web.ErrorCode.VALIDATION_FAILED, "Choose a managed organization.",
                        List.of(new ApiException.FieldProblem("managedOrgId", "choose a managed organization")));
            }
            try {
                n = Long.parseLong(String.valueOf(quantity).strip());
            } catch (NumberFormatException e) {
                throw new ApiException(io.secplane.web.ErrorCode.VALIDATION_FAILED, "The quantity must be a whole number.",
                        List.of(new ApiException.FieldProblem("quantity", "must be a whole number")));
            }
            subscriptions.share(orgId, subscriptionId, managed,
                    List.of(new SubscriptionProduct.Entitlement(String.valueOf(entitlement).strip(), n)));
        } catch (ApiException e) {
            pages.refused(model, response, e);
            return subscriptionsPage(orgId, model);
        }
        redirect.addFlashAttribute("notice", "Entitlements handed over.");
        return "redirect:/orgs/" + orgId + "/subscriptions";
    }
}
