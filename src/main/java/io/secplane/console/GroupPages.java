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

import io.secplane.admingroups.AdminGroupService;
import io.secplane.roles.RoleService;
import io.secplane.users.UserService;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;

/** Admin groups: the list, a new group, and one group's members, managed orgs and roles. */
@Controller
public class GroupPages {

    private final Pages pages;
    private final AdminGroupService groups;
    private final RoleService roles;
    private final UserService users;

    public GroupPages(Pages pages, AdminGroupService groups, RoleService roles, UserService users) {
        this.pages = pages;
        this.groups = groups;
        this.roles = roles;
        this.users = users;
    }

    @GetMapping("/orgs/{orgId}/admin-groups")
    public String adminGroupsPage(@PathVariable UUID orgId, Model model) {
        pages.frame(model, orgId, "groups");
        model.addAttribute("groups", groups.list(orgId));
        return "console/admin-groups";
    }

    @PostMapping("/orgs/{orgId}/admin-groups")
    public String createAdminGroupForm(@PathVariable UUID orgId, @RequestParam(required = false) String name,
                                       @RequestParam(required = false) String description,
                                       @RequestParam(required = false) String appliesTo, Model model,
                                       HttpServletResponse response, RedirectAttributes redirect) {
        try {
            var g = groups.create(orgId, new AdminGroupService.CreateRequest(name, description, appliesTo));
            redirect.addFlashAttribute("notice", "Admin group " + g.name() + " is created.");
            return "redirect:/orgs/" + orgId + "/admin-groups/" + g.id();
        } catch (ApiException e) {
            pages.refused(model, response, e);
            return adminGroupsPage(orgId, model);
        }
    }

    @GetMapping("/orgs/{orgId}/admin-groups/{groupId}")
    public String adminGroupPage(@PathVariable UUID orgId, @PathVariable UUID groupId, Model model) {
        pages.frame(model, orgId, "groups");
        model.addAttribute("group", groups.get(orgId, groupId));
        model.addAttribute("members", users.list(orgId, groupId, null, UserService.MAX_PAGE, null).users());
        model.addAttribute("reached", groups.reached(orgId, groupId));
        model.addAttribute("groupRoles", groups.rolesOf(orgId, groupId));
        model.addAttribute("roles", roles.list(orgId, null));
        return "console/admin-group";
    }

    @PostMapping("/orgs/{orgId}/admin-groups/{groupId}/changes")
    public String changeAdminGroupForm(@PathVariable UUID orgId, @PathVariable UUID groupId,
                                       @RequestParam(required = false) String kind, @RequestParam(required = false) String op,
                                       @RequestParam(required = false) String value, Model model,
                                       HttpServletResponse response, RedirectAttributes redirect) {
        if (!List.of("add", "remove").contains(String.valueOf(op)) || !List.of("member", "org", "role").contains(String.valueOf(kind))
                || value == null || value.isBlank()) {
            pages.refused(model, response, "value", "name a member (email), a managed organization or a role, to add or remove");
            return adminGroupPage(orgId, groupId, model);
        }
        List<String[]> item = List.<String[]>of(new String[] {op, value.strip()});
        List<AdminGroupService.Change> out = groups.change(orgId, groupId, kind.equals("member") ? item : List.of(),
                kind.equals("org") ? item : List.of(), kind.equals("role") ? item : List.of());
        if (out.get(0).error() != null) {
            pages.refused(model, response, new ApiException(ErrorCode.CONFLICT, out.get(0).error()));
            return adminGroupPage(orgId, groupId, model);
        }
        redirect.addFlashAttribute("notice", (op.equals("add") ? "Added " : "Removed ") + value.strip() + ".");
        return "redirect:/orgs/" + orgId + "/admin-groups/" + groupId;
    }

    @PostMapping("/orgs/{orgId}/admin-groups/{groupId}/delete")
    public String deleteAdminGroupForm(@PathVariable UUID orgId, @PathVariable UUID groupId, RedirectAttributes redirect) {
        groups.delete(orgId, groupId);
        redirect.addFlashAttribute("notice", "The admin group is deleted.");
        return "redirect:/orgs/" + orgId + "/admin-groups";
    }
}
