package io.secplane.console;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.secplane.organizations.OrganizationRepository;
import io.secplane.roles.RoleService;
import io.secplane.users.UserLifecycle;
import io.secplane.users.UserService;
import io.secplane.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;

/** An organization's overview, its users and its roles. The authorizer has allowed each request before it gets here. */
@Controller
public class OrgPages {

    private final Pages pages;
    private final OrganizationRepository orgs;
    private final UserService users;
    private final UserLifecycle lifecycle;
    private final RoleService roles;

    public OrgPages(Pages pages, OrganizationRepository orgs, UserService users, UserLifecycle lifecycle, RoleService roles) {
        this.pages = pages;
        this.orgs = orgs;
        this.users = users;
        this.lifecycle = lifecycle;
        this.roles = roles;
    }

    @GetMapping("/orgs/{orgId}")
    public String orgOverview(@PathVariable UUID orgId, Model model) {
        pages.frame(model, orgId, "overview");
        model.addAttribute("org", orgs.find(orgId).orElseThrow());
        return "console/overview";
    }

    @GetMapping("/orgs/{orgId}/users")
    public String usersPage(@PathVariable UUID orgId, Model model) {
        pages.frame(model, orgId, "users");
        List<UserService.Shown> all = new ArrayList<>();
        String cursor = null;
        do {
            UserService.Page page = users.list(orgId, null, null, UserService.MAX_PAGE, cursor);
            all.addAll(page.users());
            cursor = page.cursor();
        } while (cursor != null && all.size() < 5000);
        model.addAttribute("users", all);
        model.addAttribute("roles", roles.list(orgId, null));
        return "console/users";
    }

    @PostMapping("/orgs/{orgId}/users")
    public String inviteUserForm(@PathVariable UUID orgId, @RequestParam(required = false) String email,
                                 @RequestParam(required = false) String firstName, @RequestParam(required = false) String lastName,
                                 @RequestParam(name = "role", required = false) List<UUID> role,
                                 Model model, HttpServletResponse response, RedirectAttributes redirect) {
        UserLifecycle.Result r = lifecycle.apply(orgId, List.of(new UserLifecycle.Item(email, "invite", firstName, lastName,
                role == null ? List.of() : role))).get(0);
        if (!r.success()) {
            pages.refused(model, response, "email", r.errorDescription());
            model.addAttribute("form", new String[] {email, firstName, lastName});
            return usersPage(orgId, model);
        }
        redirect.addFlashAttribute("notice", "Invited " + email.strip() + ": the invitation is in the mail"
                + (pages.mailboxShown() ? " (see the Mailbox)." : "."));
        return "redirect:/orgs/" + orgId + "/users";
    }

    @PostMapping("/orgs/{orgId}/users/actions")
    public String userActionForm(@PathVariable UUID orgId, @RequestParam(required = false) String email,
                                 @RequestParam(required = false) String operation, Model model, HttpServletResponse response,
                                 RedirectAttributes redirect) {
        if (operation == null || !List.of("disable", "enable", "remove", "resend_email_invite", "reset_password", "reset_mfa")
                .contains(operation)) {
            pages.refused(model, response, "operation", "is not an operation on a user");
            return usersPage(orgId, model);
        }
        UserLifecycle.Result r = lifecycle.apply(orgId, List.of(new UserLifecycle.Item(email, operation, null, null, null))).get(0);
        if (!r.success()) {
            pages.refused(model, response, new ApiException(io.secplane.web.ErrorCode.CONFLICT, r.errorDescription()));
            return usersPage(orgId, model);
        }
        redirect.addFlashAttribute("notice", switch (operation) {
            case "disable" -> email + " is suspended; their sessions and keys stop now.";
            case "enable" -> email + " is enabled.";
            case "remove" -> email + " is removed.";
            case "resend_email_invite" -> "The invitation to " + email + " is sent again.";
            case "reset_password" -> "A password reset link is mailed to " + email + ".";
            default -> "A link that removes the authenticator is mailed to " + email + ".";
        });
        return "redirect:/orgs/" + orgId + "/users";
    }

    @GetMapping("/orgs/{orgId}/roles")
    public String rolesPage(@PathVariable UUID orgId, Model model) {
        pages.frame(model, orgId, "roles");
        model.addAttribute("roles", roles.list(orgId, null));
        return "console/roles";
    }

    @PostMapping("/orgs/{orgId}/roles")
    public String createRoleForm(@PathVariable UUID orgId, @RequestParam(required = false) String displayName,
                                 @RequestParam(required = false) String description, Model model,
                                 HttpServletResponse response, RedirectAttributes redirect) {
        try {
            roles.createCustom(orgId, displayName, description, null);
        } catch (ApiException e) {
            pages.refused(model, response, e);
            return rolesPage(orgId, model);
        }
        redirect.addFlashAttribute("notice", "Role " + displayName.strip() + " is created.");
        return "redirect:/orgs/" + orgId + "/roles";
    }
}
