package io.secplane.console;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.secplane.products.Products;
import io.secplane.xdr.ApiClientService;
import io.secplane.xdr.XdrScopes;
import io.secplane.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;

/**
 * XDR's Administration (API Clients: generate, then the client id and password shown once; disable,
 * enable, delete. Integrations: Secure Endpoint) and the Secure Endpoint dashboard (Integrate Now,
 * the org's Secure Endpoint organizations).
 */
@Controller
public class XdrPages {

    private final Pages pages;
    private final ApiClientService clients;
    private final Products products;

    public XdrPages(Pages pages, ApiClientService clients, Products products) {
        this.pages = pages;
        this.clients = clients;
        this.products = products;
    }

    @GetMapping("/orgs/{orgId}/xdr/api-clients")
    public String apiClientsPage(@PathVariable UUID orgId, Model model) {
        pages.frame(model, orgId, "clients");
        model.addAttribute("xdr", products.find(orgId, Products.Product.XDR).orElse(null));
        model.addAttribute("clients", clients.list(orgId));
        model.addAttribute("families", XdrScopes.FAMILIES);
        return "console/api-clients";
    }

    @PostMapping("/orgs/{orgId}/xdr/api-clients")
    public String generateApiClientForm(@PathVariable UUID orgId, @RequestParam(required = false) String name,
                                        @RequestParam(required = false) String description,
                                        @RequestParam(name = "scope", required = false) List<String> scope, Model model,
                                        HttpServletResponse response) {
        try {
            ApiClientService.Created created = clients.create(orgId, Pages.user().userId(), name,
                    scope == null ? "" : String.join(" ", scope), description);
            response.setHeader("Cache-Control", "no-store");
            model.addAttribute("created", created);
            model.addAttribute("notice", "API client " + created.client().name()
                    + " is generated. Copy its password now: it is not shown again.");
        } catch (ApiException e) {
            pages.refused(model, response, e, java.util.Map.of("scopes", "scope"));
            model.addAttribute("form", new String[] {name, description});
        }
        return apiClientsPage(orgId, model);
    }

    @PostMapping("/orgs/{orgId}/xdr/api-clients/{clientId}/status")
    public String apiClientStatusForm(@PathVariable UUID orgId, @PathVariable String clientId,
                                      @RequestParam(required = false) String enabled, RedirectAttributes redirect) {
        boolean on = "true".equals(enabled);
        var c = clients.update(orgId, clientId, null, null, null, on);
        redirect.addFlashAttribute("notice", "API client " + c.name() + " is " + (on ? "enabled." : "disabled."));
        return "redirect:/orgs/" + orgId + "/xdr/api-clients";
    }

    @PostMapping("/orgs/{orgId}/xdr/api-clients/{clientId}/delete")
    public String deleteApiClientForm(@PathVariable UUID orgId, @PathVariable String clientId, RedirectAttributes redirect) {
        clients.delete(orgId, clientId);
        redirect.addFlashAttribute("notice", "The API client is deleted.");
        return "redirect:/orgs/" + orgId + "/xdr/api-clients";
    }

    @GetMapping("/orgs/{orgId}/xdr/integrations")
    public String integrationsPage(@PathVariable UUID orgId, Model model) {
        pages.frame(model, orgId, "integrations");
        model.addAttribute("se", products.find(orgId, Products.Product.SECURE_ENDPOINT).orElse(null));
        return "console/integrations";
    }

    @PostMapping("/orgs/{orgId}/xdr/integrations/secure-endpoint")
    public String integrationForm(@PathVariable UUID orgId, @RequestParam(required = false) String enabled,
                                  RedirectAttributes redirect) {
        boolean on = "true".equals(enabled);
        clients.setIntegration(orgId, on);
        redirect.addFlashAttribute("notice", "The Secure Endpoint integration is " + (on ? "enabled." : "disabled."));
        return "redirect:/orgs/" + orgId + "/xdr/integrations";
    }

    @GetMapping("/orgs/{orgId}/secure-endpoint")
    public String secureEndpointPage(@PathVariable UUID orgId, Model model) {
        pages.frame(model, orgId, "se");
        Products.Provisioned se = products.find(orgId, Products.Product.SECURE_ENDPOINT).orElse(null);
        model.addAttribute("se", se);
        model.addAttribute("seOrgs", se == null ? List.of() : products.seOrganizations(orgId, se.region(), 0, 500));
        return "console/secure-endpoint";
    }

    @PostMapping("/orgs/{orgId}/secure-endpoint/integrate")
    public String integrateNowForm(@PathVariable UUID orgId, RedirectAttributes redirect) {
        clients.setIntegration(orgId, true);
        redirect.addFlashAttribute("notice", "Secure Endpoint is integrated with XDR: its tokens exchange for Secure Endpoint tokens.");
        return "redirect:/orgs/" + orgId + "/secure-endpoint";
    }
}
