package io.secplane.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import io.secplane.access.Access;
import io.secplane.access.Level;
import io.secplane.contract.ContractCatalog;
import io.secplane.mail.MailDelivery;
import io.secplane.organizations.OrganizationRepository;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What every console page shows around its content (the user, the organizations they may switch to,
 * the sections), how a refused form comes back (the message, and each field's problem next to it),
 * and the error page.
 */
@Component
public class Pages implements ErrorWriter.HtmlErrors {

    /** An organization in the switcher. */
    /** How many orgs the menu lists; a caller reaching more opens the others from their page or by id. */
    static final int NAV_ORGS = 50;

    public record OrgLink(UUID id, String name, boolean current, String level) {
    }

    private final ContractCatalog catalog;
    private final ITemplateEngine templates;
    private final OrganizationRepository orgs;
    private final io.secplane.access.AccessResolver resolver;
    private final MailDelivery mail;

    public Pages(ContractCatalog catalog, ITemplateEngine templates, OrganizationRepository orgs, io.secplane.access.AccessResolver resolver,
                 MailDelivery mail) {
        this.catalog = catalog;
        this.templates = templates;
        this.orgs = orgs;
        this.resolver = resolver;
        this.mail = mail;
    }

    /** The signed-in user of this request. */
    public static ConsoleAuthentication user() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ConsoleAuthentication a && a.complete()) {
            return a;
        }
        throw new ApiException(io.secplane.web.ErrorCode.INVALID_TOKEN, "Sign in to the console first.");
    }

    /** Adds the frame of an organization's page: who, where, which section, what they may do there. */
    public void frame(Model model, UUID orgId, String section) {
        ConsoleAuthentication me = user();
        Access access = resolver.resolve(io.secplane.access.Principal.user(me.orgId(), me.userId()));
        List<OrgLink> links = new ArrayList<>();
        // the first orgs by name, read by the database from the user's grants (a manager may reach thousands)
        List<io.secplane.organizations.Organization> first = orgs.list(new OrganizationRepository.ListQuery(
                access.where("o.id", Level.READ), null, null, null, null,
                OrganizationRepository.SortBy.name, false, null, null, NAV_ORGS + 1));
        for (io.secplane.organizations.Organization o : first.subList(0, Math.min(NAV_ORGS, first.size()))) {
            links.add(new OrgLink(o.id(), o.name(), o.id().equals(orgId), access.level(o.id()).name()));
        }
        model.addAttribute("orgsMore", first.size() > NAV_ORGS);
        model.addAttribute("me", me.email());
        model.addAttribute("orgs", links);
        model.addAttribute("orgId", orgId);
        model.addAttribute("orgName", orgs.name(orgId).orElse(orgId.toString()));
        model.addAttribute("section", section);
        model.addAttribute("canWrite", access.level(orgId).covers(Level.WRITE));
        model.addAttribute("mailbox", !mail.delivers());
    }

    /** Whether the mailbox page is there: no SMTP server is configured. */
    public boolean mailboxShown() {
        return !mail.delivers();
    }

    /** A form refused: its status, the message, and each field's problem to show next to it. */
    public void refused(Model model, HttpServletResponse response, ApiException e) {
        refused(model, response, e, Map.of());
    }

    /**
     * A form refused whose fields are named otherwise than the service's (the service's name to the
     * form's, e.g. {@code expiresAt} to {@code expiresOn}): each problem shows next to the form's field.
     */
    public void refused(Model model, HttpServletResponse response, ApiException e, Map<String, String> formNames) {
        response.setStatus(e.code().status().value());
        Map<String, String> fields = new LinkedHashMap<>();
        for (ApiException.FieldProblem p : e.details()) {
            String field = p.field().replaceFirst("^/", "");
            fields.merge(formNames.getOrDefault(field, field), p.message(), (a, b) -> a + "; " + b);
        }
        model.addAttribute("problem", e.getMessage());
        model.addAttribute("fieldErrors", fields);
    }

    /** A form refused for one field. */
    public void refused(Model model, HttpServletResponse response, String field, String message) {
        refused(model, response, new ApiException(io.secplane.web.ErrorCode.VALIDATION_FAILED, message,
                List.of(new ApiException.FieldProblem(field, message))));
    }

    @Override
    public String page(HttpServletRequest request, ApiException e, String trackingId) {
        if (!ConsoleSecurity.isConsole(request, catalog)) {
            return null;
        }
        Context context = new Context(java.util.Locale.ENGLISH);
        context.setVariable("status", e.code().status().value());
        context.setVariable("reason", e.code().status().getReasonPhrase());
        context.setVariable("message", e.getMessage());
        context.setVariable("trackingId", trackingId);
        return templates.process("console/error", context);
    }
}
