package io.secplane.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.secplane.access.Authorizer;
import io.secplane.apikeys.ApiKeyService;
import io.secplane.audit.AuditRepository;
import io.secplane.roles.Role;
import io.secplane.roles.RoleService;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;

/**
 * API keys (generate, then the key id, access token and refresh token shown once; disable, enable,
 * delete) and the organization's audit log with its filters.
 */
@Controller
public class KeyPages {

    private final Pages pages;
    private final ApiKeyService keys;
    private final RoleService roleService;
    private final Authorizer authz;
    private final AuditRepository audit;

    public KeyPages(Pages pages, ApiKeyService keys, RoleService roleService, Authorizer authz,
                    AuditRepository audit) {
        this.pages = pages;
        this.keys = keys;
        this.roleService = roleService;
        this.authz = authz;
        this.audit = audit;
    }

    @GetMapping("/orgs/{orgId}/api-keys")
    public String apiKeysPage(@PathVariable UUID orgId, Model model) {
        pages.frame(model, orgId, "keys");
        model.addAttribute("keys", keys.list(orgId));
        List<Role> all = roleService.list(orgId, null);
        // a key's roles are those with API access; the names of all, for the list
        model.addAttribute("roles", all.stream().filter(r -> r.apiAccess() != io.secplane.access.Level.NONE).toList());
        java.util.Map<UUID, String> names = new java.util.HashMap<>();
        all.forEach(r -> names.put(r.id(), r.displayName()));
        model.addAttribute("roleNames", names);
        return "console/api-keys";
    }

    @PostMapping("/orgs/{orgId}/api-keys")
    public String generateApiKeyForm(@PathVariable UUID orgId, @RequestParam(required = false) String name,
                                     @RequestParam(required = false) String description,
                                     @RequestParam(required = false) String expiry,
                                     @RequestParam(required = false) String expiresOn,
                                     @RequestParam(name = "role", required = false) List<UUID> role, Model model,
                                     HttpServletResponse response) {
        try {
            Instant expires = null;
            if ("date".equals(expiry)) {
                try {
                    expires = LocalDate.parse(String.valueOf(expiresOn).strip()).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    throw new ApiException(ErrorCode.VALIDATION_FAILED, "Choose the expiry date, or Never.",
                            List.of(new ApiException.FieldProblem("expiresOn", "must be a date (YYYY-MM-DD)")));
                }
            }
            ApiKeyService.Issued issued = keys.createFor(authz.current(), orgId, name, description, expires, role);
            response.setHeader("Cache-Control", "no-store");
            model.addAttribute("issued", issued);
            model.addAttribute("notice", "API key " + name.strip() + " is generated. Copy its tokens now: they are not shown again.");
        } catch (ApiException e) {
            pages.refused(model, response, e, java.util.Map.of("expiresAt", "expiresOn"));
            model.addAttribute("form", new String[] {name, description, expiry, expiresOn});
        }
        return apiKeysPage(orgId, model);
    }

    @PostMapping("/orgs/{orgId}/api-keys/{apiKeyId}/status")
    public String apiKeyStatusForm(@PathVariable UUID orgId, @PathVariable UUID apiKeyId,
                                   @RequestParam(required = false) String enabled, RedirectAttributes redirect) {
        boolean on = "true".equals(enabled);
        var k = keys.update(orgId, apiKeyId, null, null, on);
        redirect.addFlashAttribute("notice", "API key " + k.name() + " is " + (on ? "enabled." : "disabled: its tokens stop now."));
        return "redirect:/orgs/" + orgId + "/api-keys";
    }

    @PostMapping("/orgs/{orgId}/api-keys/{apiKeyId}/delete")
    public String deleteApiKeyForm(@PathVariable UUID orgId, @PathVariable UUID apiKeyId, RedirectAttributes redirect) {
        keys.delete(orgId, apiKeyId);
        redirect.addFlashAttribute("notice", "The API key is deleted; its tokens stop now.");
        return "redirect:/orgs/" + orgId + "/api-keys";
    }

    @GetMapping("/orgs/{orgId}/audit-log")
    public String auditLogPage(@PathVariable UUID orgId, @RequestParam(required = false) String operation,
                               @RequestParam(required = false) String actor, @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to, Model model, HttpServletResponse response) {
        pages.frame(model, orgId, "audit");
        Instant start = day(model, response, "from", from);
        Instant end = day(model, response, "to", to);
        model.addAttribute("filter", new String[] {blank(operation), blank(actor), blank(from), blank(to)});
        model.addAttribute("events", audit.list(new AuditRepository.Query(orgId, start,
                end == null ? null : end.plus(java.time.Duration.ofDays(1)), blank(actor), blank(operation), null, null, 200)));
        return "console/audit-log";
    }

    private Instant day(Model model, HttpServletResponse response, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            pages.refused(model, response, field, "must be a date (YYYY-MM-DD)");
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
