package io.secplane.console;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import io.secplane.products.Products;
import io.secplane.secureendpoint.V3AuditLog;
import io.secplane.secureendpoint.V3Requests;
import io.secplane.secureendpoint.configuration.ExclusionSetService;
import io.secplane.secureendpoint.fleet.FleetRepository;
import io.secplane.secureendpoint.fleet.FleetService;
import io.secplane.secureendpoint.configuration.PolicyRepository;
import io.secplane.secureendpoint.configuration.PolicyService;
import io.secplane.secureendpoint.fleet.VulnerabilityRepository;
import io.secplane.secureendpoint.devicecontrol.DeviceControlService;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;

/**
 * The Secure Endpoint dashboard's pages for one of the org's Secure Endpoint organizations:
 * computers (filtered; one, with its vulnerabilities and a move), groups and their policies,
 * policies (one with its XML, its exclusion sets and device control), exclusion sets and their
 * exclusions, device-control configurations and their rules, the audit log. They read through the
 * same services as the v3 API; the forms are {@link SecureEndpointForms}.
 */
@Controller
public class SecureEndpointPages {

    static final String BASE = "/orgs/{orgId}/secure-endpoint/{organizationIdentifier}";
    private static final int PAGE = 50;
    private static final V3Requests.Page ALL = new V3Requests.Page(0, V3Requests.MAX_SIZE);

    private final Pages pages;
    private final Products products;
    private final FleetService fleet;
    private final PolicyService policies;
    private final ExclusionSetService sets;
    private final DeviceControlService deviceControl;
    private final VulnerabilityRepository vulnerabilities;
    private final V3AuditLog audit;

    public SecureEndpointPages(Pages pages, Products products, FleetService fleet, PolicyService policies,
                               ExclusionSetService sets, DeviceControlService deviceControl,
                               VulnerabilityRepository vulnerabilities, V3AuditLog audit) {
        this.pages = pages;
        this.products = products;
        this.fleet = fleet;
        this.policies = policies;
        this.sets = sets;
        this.deviceControl = deviceControl;
        this.vulnerabilities = vulnerabilities;
        this.audit = audit;
    }

    /** One of the org's Secure Endpoint organizations (in the region its product is provisioned in); any other is not found. */
    Products.SeOrganization organization(UUID orgId, String identifier) {
        Products.Provisioned se = products.find(orgId, Products.Product.SECURE_ENDPOINT)
                .orElseThrow(() -> ApiException.notFound("Secure Endpoint is not provisioned for this organization."));
        return products.seOrganization(orgId, se.region(), identifier)
                .orElseThrow(() -> ApiException.notFound("Secure Endpoint organization " + identifier + " not found."));
    }

    private Products.SeOrganization frame(Model model, UUID orgId, String se, String tab) {
        pages.frame(model, orgId, "se");
        Products.SeOrganization org = organization(orgId, se);
        model.addAttribute("seOrg", org);
        model.addAttribute("tab", tab);
        return org;
    }

    @GetMapping(BASE + "/computers")
    public String computersPage(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se, @RequestParam(required = false) String hostname,
                                @RequestParam(required = false) String group, @RequestParam(required = false) String os,
                                @RequestParam(required = false) String start, Model model) {
        Products.SeOrganization org = frame(model, orgId, se, "computers");
        UUID groupGuid = blank(group) ? null : V3Requests.guid(group, "Group");
        String system = blank(os) ? null : os;
        if (system != null && !List.of("windows", "mac", "linux", "android", "ios").contains(system)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "No such operating system: " + os + ".");
        }
        int from = blank(start) ? 0 : number(start, "start");
        var found = fleet.computers(org, new FleetRepository.Filter(blank(hostname) ? null : hostname.strip(), groupGuid, system,
                null, null, null, null, null), new V3Requests.Page(from, PAGE));
        model.addAttribute("computers", found.items());
        model.addAttribute("total", found.total());
        model.addAttribute("start", from);
        model.addAttribute("next", from + PAGE < found.total() ? from + PAGE : null);
        model.addAttribute("groups", fleet.groups(org, null, ALL).items());
        model.addAttribute("filter", new String[] {hostname, group, os});
        return "console/se-computers";
    }

    @GetMapping(BASE + "/computers/{connectorGuid}")
    public String computerPage(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se, @PathVariable String connectorGuid, Model model) {
        Products.SeOrganization org = frame(model, orgId, se, "computers");
        FleetRepository.Computer c = fleet.computer(org, connectorGuid);
        model.addAttribute("computer", c);
        model.addAttribute("groups", fleet.groups(org, null, ALL).items());
        model.addAttribute("vulnerabilities", vulnerabilities.of(c.connectorGuid(), 0, 100));
        return "console/se-computer";
    }

    @GetMapping(BASE + "/groups")
    public String groupsPage(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se, Model model) {
        Products.SeOrganization org = frame(model, orgId, se, "groups");
        model.addAttribute("groups", fleet.groups(org, null, ALL).items());
        return "console/se-groups";
    }

    @GetMapping(BASE + "/policies")
    public String policiesPage(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se, @RequestParam(required = false) String os,
                               Model model) {
        Products.SeOrganization org = frame(model, orgId, se, "policies");
        model.addAttribute("policies", policies.list(org, new PolicyRepository.Filter(blank(os) ? null : os, null, null), ALL).items());
        return "console/se-policies";
    }

    @GetMapping(BASE + "/policies/{policyGuid}")
    public String policyPage(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se, @PathVariable String policyGuid, Model model) {
        Products.SeOrganization org = frame(model, orgId, se, "policies");
        PolicyRepository.Policy p = policies.get(org, policyGuid);
        model.addAttribute("policy", p);
        model.addAttribute("xml", policies.xml(org, policyGuid));
        model.addAttribute("attached", policies.exclusionSets(org, policyGuid, ALL).items());
        model.addAttribute("setsOfItsSystem", sets.list(org, p.operatingSystem(), null, ALL).items());
        boolean deviceControlled = p.operatingSystem().equals("windows") || p.operatingSystem().equals("mac");
        model.addAttribute("deviceControlled", deviceControlled);
        if (deviceControlled) {
            model.addAttribute("configuration", deviceControl.carriedBy(org, policyGuid).orElse(null));
            model.addAttribute("configurations", deviceControl.list(org, null,
                    io.secplane.secureendpoint.devicecontrol.DeviceControlRepository.Sort.NAME, false, ALL).items());
        }
        return "console/se-policy";
    }

    @GetMapping(BASE + "/exclusion-sets")
    public String exclusionSetsPage(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se, Model model) {
        Products.SeOrganization org = frame(model, orgId, se, "sets");
        model.addAttribute("sets", sets.list(org, null, null, ALL).items());
        return "console/se-exclusion-sets";
    }

    @GetMapping(BASE + "/exclusion-sets/{exclusionSetGuid}")
    public String exclusionSetPage(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se, @PathVariable String exclusionSetGuid,
                                   Model model) {
        Products.SeOrganization org = frame(model, orgId, se, "sets");
        var set = sets.get(org, exclusionSetGuid);
        model.addAttribute("set", set);
        model.addAttribute("exclusions", sets.exclusions(org, exclusionSetGuid, ALL).items().stream()
                .map(e -> new Shown(e.guid(), e.exclusionType(), sets.valueOf(e))).toList());
        model.addAttribute("types", ExclusionSetService.typesOf(set.operatingSystem()));
        return "console/se-exclusion-set";
    }

    /** An exclusion as the page shows it. */
    public record Shown(UUID guid, String type, String value) {
    }

    @GetMapping(BASE + "/device-control")
    public String deviceControlPage(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se, Model model) {
        Products.SeOrganization org = frame(model, orgId, se, "deviceControl");
        model.addAttribute("configurations", deviceControl.list(org, null,
                io.secplane.secureendpoint.devicecontrol.DeviceControlRepository.Sort.NAME, false, ALL).items());
        return "console/se-device-control";
    }

    @GetMapping(BASE + "/device-control/{configurationGuid}")
    public String configurationPage(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se, @PathVariable String configurationGuid,
                                    Model model) {
        Products.SeOrganization org = frame(model, orgId, se, "deviceControl");
        model.addAttribute("configuration", deviceControl.get(org, configurationGuid));
        model.addAttribute("rules", deviceControl.rules(org, configurationGuid,
                new V3Requests.Page(0, DeviceControlService.MAX_RULES)).items());
        model.addAttribute("counts", new long[] {deviceControl.groupCount(org, configurationGuid),
                deviceControl.computerCount(org, configurationGuid), deviceControl.unsupportedConnectorCount(org, configurationGuid)});
        return "console/se-configuration";
    }

    @GetMapping(BASE + "/audit-log")
    public String auditLogPage(@PathVariable UUID orgId, @PathVariable("organizationIdentifier") String se, @RequestParam(required = false) String start,
                               Model model) {
        Products.SeOrganization org = frame(model, orgId, se, "audit");
        int from = blank(start) ? 0 : number(start, "start");
        var found = audit.read(org, null, null, null, null, null, null, new V3Requests.Page(from, PAGE));
        model.addAttribute("entries", found.items());
        model.addAttribute("next", from + PAGE < found.total() ? from + PAGE : null);
        return "console/se-audit-log";
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static int number(String s, String name) {
        try {
            int n = Integer.parseInt(s.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ApiException(ErrorCode.VALIDATION_FAILED, "'" + name + "' must be a whole number of 0 or more.");
    }
}
