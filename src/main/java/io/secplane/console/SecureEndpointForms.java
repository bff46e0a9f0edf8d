package io.secplane.console;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.secplane.products.Products;
import io.secplane.secureendpoint.configuration.ExclusionSetService;
import io.secplane.secureendpoint.fleet.FleetService;
import io.secplane.secureendpoint.configuration.PolicyService;
import io.secplane.secureendpoint.devicecontrol.DeviceControlRepository;
import io.secplane.secureendpoint.devicecontrol.DeviceControlService;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Secure Endpoint dashboard's forms: each calls the service the v3 operation calls (same rules,
 * same audit record, as the signed-in user), then answers 303 to the page it changed; a change
 * refused for what was typed (400, 409, 422) shows that page again with what is wrong.
 */
@Controller
public class SecureEndpointForms {

    private static final String BASE = SecureEndpointPages.BASE;

    private final SecureEndpointPages pages;
    private final Pages frame;
    private final FleetService fleet;
    private final PolicyService policies;
    private final ExclusionSetService sets;
    private final DeviceControlService deviceControl;
    private final JsonMapper json;

    public SecureEndpointForms(SecureEndpointPages pages, Pages frame, FleetService fleet, PolicyService policies,
                               ExclusionSetService sets, DeviceControlService deviceControl, JsonMapper json) {
        this.pages = pages;
        this.frame = frame;
        this.fleet = fleet;
        this.policies = policies;
        this.sets = sets;
        this.deviceControl = deviceControl;
        this.json = json;
    }

    private static String page(UUID orgId, String se, String rest) {
        return "redirect:/orgs/" + orgId + "/secure-endpoint/" + se + rest;
    }

    /** A change refused for what was typed: the page again, with the problem; any other refusal is the error page. */
    private String refused(ApiException e, Model model, HttpServletResponse response, java.util.function.Supplier<String> again) {
        int status = e.code().status().value();
        if (status != 400 && status != 409 && status != 422) {
            throw e;
        }
        frame.refused(model, response, e);
        return again.get();
    }

    @PostMapping(BASE + "/computers/{connectorGuid}/move")
    public String moveComputerForm(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se,
                                   @PathVariable String connectorGuid, @RequestParam String groupGuid, Model model,
                                   HttpServletResponse response, RedirectAttributes redirect) {
        Products.SeOrganization org = pages.organization(orgId, se);
        try {
            var c = fleet.move(org, connectorGuid, groupGuid);
            redirect.addFlashAttribute("notice", c.hostname() + " is in its new group; policy " + c.policy().name() + " applies.");
        } catch (ApiException e) {
            return refused(e, model, response, () -> pages.computerPage(orgId, se, connectorGuid, model));
        }
        return page(orgId, se, "/computers/" + connectorGuid);
    }

    @PostMapping(BASE + "/policies/{policyGuid}/exclusion-sets")
    public String attachSetForm(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se,
                                @PathVariable String policyGuid, @RequestParam String exclusionSetGuid, Model model,
                                HttpServletResponse response, RedirectAttributes redirect) {
        Products.SeOrganization org = pages.organization(orgId, se);
        try {
            var set = policies.attach(org, policyGuid, exclusionSetGuid);
            redirect.addFlashAttribute("notice", "Exclusion set " + set.name() + " is attached.");
        } catch (ApiException e) {
            return refused(e, model, response, () -> pages.policyPage(orgId, se, policyGuid, model));
        }
        return page(orgId, se, "/policies/" + policyGuid);
    }

    @PostMapping(BASE + "/policies/{policyGuid}/exclusion-sets/{exclusionSetGuid}/detach")
    public String detachSetForm(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se,
                                @PathVariable String policyGuid, @PathVariable String exclusionSetGuid,
                                RedirectAttributes redirect) {
        policies.detach(pages.organization(orgId, se), policyGuid, exclusionSetGuid);
        redirect.addFlashAttribute("notice", "The exclusion set is detached.");
        return page(orgId, se, "/policies/" + policyGuid);
    }

    @PostMapping(BASE + "/policies/{policyGuid}/device-control")
    public String setPolicyDeviceControlForm(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se,
                                             @PathVariable String policyGuid, @RequestParam String configurationGuid,
                                             Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Products.SeOrganization org = pages.organization(orgId, se);
        try {
            var c = deviceControl.setOnPolicy(org, policyGuid, configurationGuid);
            redirect.addFlashAttribute("notice", "The policy carries device-control configuration " + c.name() + ".");
        } catch (ApiException e) {
            return refused(e, model, response, () -> pages.policyPage(orgId, se, policyGuid, model));
        }
        return page(orgId, se, "/policies/" + policyGuid);
    }

    @PostMapping(BASE + "/policies/{policyGuid}/device-control/remove")
    public String removePolicyDeviceControlForm(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se,
                                                @PathVariable String policyGuid, RedirectAttributes redirect) {
        deviceControl.removeFromPolicy(pages.organization(orgId, se), policyGuid);
        redirect.addFlashAttribute("notice", "The policy carries no device-control configuration now.");
        return page(orgId, se, "/policies/" + policyGuid);
    }

    @PostMapping(BASE + "/exclusion-sets")
    public String createSetForm(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se,
                                @RequestParam String operatingSystem, @RequestParam String name,
                                @RequestParam(required = false) String description, Model model, HttpServletResponse response) {
        Products.SeOrganization org = pages.organization(orgId, se);
        try {
            if (!List.of("windows", "mac", "linux").contains(operatingSystem)) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, "Choose Windows, Mac or Linux.",
                        List.of(new ApiException.FieldProblem("operatingSystem", "must be windows, mac or linux")));
            }
            var set = sets.create(org, operatingSystem, name, SecureEndpointPages.blank(description) ? null : description);
            return page(orgId, se, "/exclusion-sets/" + set.guid());
        } catch (ApiException e) {
            model.addAttribute("form", new String[] {operatingSystem, name, description});
            return refused(e, model, response, () -> pages.exclusionSetsPage(orgId, se, model));
        }
    }

    @PostMapping(BASE + "/exclusion-sets/{exclusionSetGuid}/exclusions")
    public String addExclusionForm(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se,
                                   @PathVariable String exclusionSetGuid, @RequestParam String exclusionType,
                                   @RequestParam String value, Model model, HttpServletResponse response,
                                   RedirectAttributes redirect) {
        Products.SeOrganization org = pages.organization(orgId, se);
        ObjectNode input = json.createObjectNode().put("exclusionType", exclusionType);
        String v = value.strip();
        switch (exclusionType) {
            case "path", "wildcard" -> input.put("path", v);
            case "fileExtension" -> input.put("fileExtension", v);
            case "threat" -> input.put("threatName", v);
            case "executable" -> input.put("executableName", v);
            case "ioc" -> input.put("iocGuid", v);
            case "process" -> input.putObject("process").put(v.matches("[0-9a-fA-F]{64}") ? "sha" : "path", v);
            default -> { }
        }
        try {
            sets.addExclusion(org, exclusionSetGuid, input);
            redirect.addFlashAttribute("notice", "The " + exclusionType + " exclusion " + v + " is added.");
        } catch (ApiException e) {
            return refused(e, model, response, () -> pages.exclusionSetPage(orgId, se, exclusionSetGuid, model));
        }
        return page(orgId, se, "/exclusion-sets/" + exclusionSetGuid);
    }

    @PostMapping(BASE + "/exclusion-sets/{exclusionSetGuid}/exclusions/{exclusionGuid}/delete")
    public String deleteExclusionForm(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se,
                                      @PathVariable String exclusionSetGuid, @PathVariable String exclusionGuid,
                                      RedirectAttributes redirect) {
        sets.deleteExclusion(pages.organization(orgId, se), exclusionSetGuid, exclusionGuid);
        redirect.addFlashAttribute("notice", "The exclusion is deleted.");
        return page(orgId, se, "/exclusion-sets/" + exclusionSetGuid);
    }

    @PostMapping(BASE + "/exclusion-sets/{exclusionSetGuid}/delete")
    public String deleteSetForm(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se,
                                @PathVariable String exclusionSetGuid, Model model, HttpServletResponse response,
                                RedirectAttributes redirect) {
        try {
            sets.delete(pages.organization(orgId, se), exclusionSetGuid);
        } catch (ApiException e) {
            return refused(e, model, response, () -> pages.exclusionSetPage(orgId, se, exclusionSetGuid, model));
        }
        redirect.addFlashAttribute("notice", "The exclusion set is deleted.");
        return page(orgId, se, "/exclusion-sets");
    }

    @PostMapping(BASE + "/device-control")
    public String createConfigurationForm(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se,
                                          @RequestParam String name, @RequestParam(required = false) String description,
                                          @RequestParam String controlType, @RequestParam String notificationType,
                                          Model model, HttpServletResponse response) {
        Products.SeOrganization org = pages.organization(orgId, se);
        try {
            oneOf("controlType", controlType, List.of("allow", "read_only", "block"));
            oneOf("notificationType", notificationType, List.of("never", "always"));
            var c = deviceControl.create(org, name, SecureEndpointPages.blank(description) ? null : description, controlType,
                    notificationType);
            return page(orgId, se, "/device-control/" + c.guid());
        } catch (ApiException e) {
            model.addAttribute("form", new String[] {name, description});
            return refused(e, model, response, () -> pages.deviceControlPage(orgId, se, model));
        }
    }

    @PostMapping(BASE + "/device-control/{configurationGuid}/rules")
    public String addRuleForm(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se,
                              @PathVariable String configurationGuid, @RequestParam String controlType,
                              @RequestParam String notificationType, @RequestParam(required = false) String displayName,
                              @RequestParam String identifier, @RequestParam String operator, @RequestParam String value,
                              @RequestParam(required = false) String order, Model model, HttpServletResponse response,
                              RedirectAttributes redirect) {
        Products.SeOrganization org = pages.organization(orgId, se);
        try {
            oneOf("controlType", controlType, List.of("allow", "read_only", "block"));
            oneOf("notificationType", notificationType, List.of("never", "always"));
            oneOf("identifier", identifier, List.of("vendor_name", "vendor_id", "product_name", "product_id", "device_id"));
            oneOf("operator", operator, List.of("equals", "contains"));
            if (value.isBlank()) {
                throw problem("value", "can't be blank");
            }
            String expressions = json.writeValueAsString(List.of(Map.of("identifier", identifier, "operator", operator,
                    "value", value.strip())));
            var r = deviceControl.addRule(org, configurationGuid, SecureEndpointPages.blank(order) ? null : place(order),
                    new DeviceControlRepository.RuleFields(SecureEndpointPages.blank(displayName) ? "" : displayName.strip(),
                            controlType, notificationType, "all", expressions));
            redirect.addFlashAttribute("notice", "Rule " + r.order() + " is added.");
        } catch (ApiException e) {
            return refused(e, model, response, () -> pages.configurationPage(orgId, se, configurationGuid, model));
        }
        return page(orgId, se, "/device-control/" + configurationGuid);
    }

    @PostMapping(BASE + "/device-control/{configurationGuid}/rules/{ruleGuid}/move")
    public String moveRuleForm(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se,
                               @PathVariable String configurationGuid, @PathVariable String ruleGuid, @RequestParam String order,
                               Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Products.SeOrganization org = pages.organization(orgId, se);
        try {
            var r = deviceControl.rule(org, configurationGuid, ruleGuid);
            var moved = deviceControl.updateRule(org, configurationGuid, ruleGuid, place(order),
                    new DeviceControlRepository.RuleFields(r.displayName(), r.controlType(), r.notificationType(), r.quantifier(),
                            r.expressions()));
            redirect.addFlashAttribute("notice", "The rule is number " + moved.order() + " now.");
        } catch (ApiException e) {
            return refused(e, model, response, () -> pages.configurationPage(orgId, se, configurationGuid, model));
        }
        return page(orgId, se, "/device-control/" + configurationGuid);
    }

    @PostMapping(BASE + "/device-control/{configurationGuid}/rules/{ruleGuid}/delete")
    public String deleteRuleForm(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se,
                                 @PathVariable String configurationGuid, @PathVariable String ruleGuid, RedirectAttributes redirect) {
        deviceControl.deleteRule(pages.organization(orgId, se), configurationGuid, ruleGuid);
        redirect.addFlashAttribute("notice", "The rule is deleted.");
        return page(orgId, se, "/device-control/" + configurationGuid);
    }

    @PostMapping(BASE + "/device-control/{configurationGuid}/delete")
    public String deleteConfigurationForm(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se,
                                          @PathVariable String configurationGuid, Model model, HttpServletResponse response,
                                          RedirectAttributes redirect) {
        try {
            deviceControl.delete(pages.organization(orgId, se), configurationGuid);
        } catch (ApiException e) {
            return refused(e, model, response, () -> pages.configurationPage(orgId, se, configurationGuid, model));
        }
        redirect.addFlashAttribute("notice", "The configuration is deleted.");
        return page(orgId, se, "/device-control");
    }

    private static void oneOf(String field, String value, List<String> values) {
        if (!values.contains(value)) {
            throw problem(field, "must be one of " + String.join(", ", values));
        }
    }

    private static int place(String order) {
        try {
            int n = Integer.parseInt(order.strip());
            if (n >= 1 && n <= DeviceControlService.MAX_RULES) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw problem("order", "must be a whole number from 1 to " + DeviceControlService.MAX_RULES);
    }

    private static ApiException problem(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, "The " + field + " " + message + ".",
                List.of(new ApiException.FieldProblem(field, message)));
    }
}
