package io.secplane.secureendpoint.devicecontrol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.secplane.audit.AuditLog;
import io.secplane.products.Products;
import io.secplane.secureendpoint.V3Requests;
import io.secplane.secureendpoint.configuration.PolicyRepository;
import io.secplane.secureendpoint.configuration.PolicyService;
import io.secplane.secureendpoint.devicecontrol.DeviceControlRepository.Configuration;
import io.secplane.secureendpoint.devicecontrol.DeviceControlRepository.Rule;
import io.secplane.secureendpoint.devicecontrol.DeviceControlRepository.RuleFields;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;

/**
 * Device-control configurations of the caller's Secure Endpoint organization, their rules in order,
 * and which policies carry them. Every change is one transaction with its audit record; a change to
 * a configuration or its rules is a change to every policy that carries it (their serial numbers
 * rise). A configuration's changes are made one at a time (its row is locked, before any policy's),
 * so a configuration is never deleted while a policy is being given it, and two rules added at once
 * never share an order.
 */
@Service
public class DeviceControlService {

    /** The most rules a configuration holds. */
    public static final int MAX_RULES = 1000;
    /** The first connector version of each operating system that enforces device control (ours). */
    static final Map<String, int[]> FIRST_SUPPORTED = Map.of("windows", new int[] {7, 5, 1}, "mac", new int[] {1, 21, 0});

    private final DeviceControlRepository configurations;
    private final PolicyRepository policies;
    private final PolicyService policyService;
    private final AuditLog audit;
    private final io.secplane.products.Products products;

    public DeviceControlService(DeviceControlRepository configurations, PolicyRepository policies, PolicyService policyService,
                                AuditLog audit, io.secplane.products.Products products) {
        this.products = products;
        this.configurations = configurations;
        this.policies = policies;
        this.policyService = policyService;
        this.audit = audit;
    }

    public V3Requests.Found<Configuration> list(Products.SeOrganization org, String search, DeviceControlRepository.Sort sort,
                                                boolean descending, V3Requests.Page page) {
        return new V3Requests.Found<>(configurations.count(org.identifier(), search),
                configurations.page(org.identifier(), search, sort, descending, page.start(), page.size()));
    }

    public Configuration get(Products.SeOrganization org, String guid) {
        return configurations.find(org.identifier(), V3Requests.guid(guid, "Device control configuration"))
                .orElseThrow(() -> notFound(guid));
    }

    @Transactional
    public Configuration create(Products.SeOrganization org, String name, String description, String usbControlType,
                                String usbNotificationType) {
        products.lockForChange(org);
        String trimmed = V3Requests.name(name, "configuration");
        Configuration c;
        try {
            c = configurations.create(org.identifier(), trimmed, description == null ? "" : description,
                    usbControlType == null ? "allow" : usbControlType, usbNotificationType == null ? "never" : usbNotificationType);
        } catch (DuplicateKeyException e) {
            throw V3Requests.nameTaken("configuration", "in this organization");
        }
        audit.changed(null, org.orgId(), target(org, c.guid()), "device control configuration '" + trimmed + "' created");
        return c;
    }

    @Transactional
    public Configuration update(Products.SeOrganization org, String guid, String name, String description,
                                String usbControlType, String usbNotificationType) {
        products.lockForChange(org);
        Configuration c = locked(org, guid);
        String trimmed = name == null ? null : V3Requests.name(name, "configuration");
        try {
            configurations.update(c.guid(), trimmed, description, usbControlType, usbNotificationType);
        } catch (DuplicateKeyException e) {
            throw V3Requests.nameTaken("configuration", "in this organization");
        }
        policies.deviceControlChanged(c.guid());
        audit.changed(null, org.orgId(), target(org, c.guid()), "device control configuration '" + c.name() + "' changed"
                + (trimmed == null || trimmed.equals(c.name()) ? "" : ": renamed to '" + trimmed + "'"));
        return get(org, guid);
    }

    /** Deletes a configuration with its rules; refused (409, naming them) while a policy carries it. */
    @Transactional
    public void delete(Products.SeOrganization org, String guid) {
        products.lockForChange(org);
        Configuration c = locked(org, guid);
        List<PolicyRepository.Policy> carrying = policies.carryingDeviceControl(c.guid());
        if (!carrying.isEmpty()) {
            throw ApiException.conflict("Device control configuration " + c.guid() + " is used by "
                    + carrying.stream().map(p -> p.operatingSystem() + " policy '" + p.name() + "' (" + p.guid() + ")").toList()
                    + "; take it from them first.");
        }
        configurations.delete(c.guid());
        audit.changed(null, org.orgId(), target(org, c.guid()), "device control configuration '" + c.name() + "' deleted");
    }

    public V3Requests.Found<Rule> rules(Products.SeOrganization org, String configurationGuid, V3Requests.Page page) {
        Configuration c = get(org, configurationGuid);
        return new V3Requests.Found<>(c.rulesCount(), configurations.rules(c.guid(), page.start(), page.size()));
    }

    public Rule rule(Products.SeOrganization org, String configurationGuid, String guid) {
        return rule(get(org, configurationGuid), guid);
    }

    /** Adds a rule at its order (those from there on move down one), or at the end. */
    @Transactional
    public Rule addRule(Products.SeOrganization org, String configurationGuid, Integer order, RuleFields fields) {
        products.lockForChange(org);
        Configuration c = locked(org, configurationGuid);
        long count = configurations.countRules(c.guid());
        if (count >= MAX_RULES) {
            throw new ApiException(ErrorCode.UNPROCESSABLE, "The rule was not added: a configuration holds at most "
                    + MAX_RULES + " rules.", List.of(new ApiException.FieldProblem("ruleExpressions",
                    "can't be added: the configuration has " + MAX_RULES + " rules")));
        }
        int at = order == null ? (int) count + 1 : (int) Math.min(order, count + 1);
        configurations.shift(c.guid(), at, Integer.MAX_VALUE - 1, 1);
        Rule r = configurations.insertRule(c.guid(), at, fields);
        changed(org, c, r.guid(), "rule " + at + " added to '" + c.name() + "' (" + fields.controlType() + ")");
        return r;
    }

    /** Replaces a rule; an order moves it there (the rules between move by one). */
    @Transactional
    public Rule updateRule(Products.SeOrganization org, String configurationGuid, String guid, Integer order,
                           RuleFields fields) {
        products.lockForChange(org);
        Configuration c = locked(org, configurationGuid);
        Rule r = rule(c, guid);
        int count = (int) configurations.countRules(c.guid());
        int to = order == null ? r.order() : Math.min(order, count);
        if (to < r.order()) {
            configurations.shift(c.guid(), to, r.order() - 1, 1);
        } else if (to > r.order()) {
            configurations.shift(c.guid(), r.order() + 1, to, -1);
        }
        configurations.updateRule(r.guid(), to, fields);
        changed(org, c, r.guid(), "rule " + r.order() + " of '" + c.name() + "' changed"
                + (to == r.order() ? "" : " and moved to " + to));
        return rule(c, guid);
    }

    @Transactional
    public void deleteRule(Products.SeOrganization org, String configurationGuid, String guid) {
        products.lockForChange(org);
        Configuration c = locked(org, configurationGuid);
        Rule r = rule(c, guid);
        configurations.deleteRule(r.guid());
        configurations.shift(c.guid(), r.order() + 1, Integer.MAX_VALUE - 1, -1);
        changed(org, c, r.guid(), "rule " + r.order() + " deleted from '" + c.name() + "'");
    }

    /** Puts every rule in the order given: each of the configuration's rules exactly once, or nothing changes. */
    @Transactional
    public List<Rule> reorder(Products.SeOrganization org, String configurationGuid, List<String> ruleGuids) {
        products.lockForChange(org);
        Configuration c = locked(org, configurationGuid);
        List<UUID> current = configurations.ruleGuids(c.guid());
        Set<UUID> known = new HashSet<>(current);
        Map<UUID, Integer> seen = new HashMap<>();
        List<ApiException.FieldProblem> problems = new ArrayList<>();
        List<UUID> wanted = new ArrayList<>();
        for (int i = 0; i < ruleGuids.size(); i++) {
            String field = "ruleGuids[" + i + "]";
            UUID id = V3Requests.parseGuid(ruleGuids.get(i));
            if (id == null || !known.contains(id)) {
                problems.add(new ApiException.FieldProblem(field, "names no rule of this configuration (" + ruleGuids.get(i) + ")"));
            } else if (seen.putIfAbsent(id, i) != null) {
                problems.add(new ApiException.FieldProblem(field, "names rule " + id + " again (as ruleGuids[" + seen.get(id) + "])"));
            } else {
                wanted.add(id);
            }
        }
        for (UUID id : current) {
            if (!seen.containsKey(id)) {
                problems.add(new ApiException.FieldProblem("ruleGuids", "leaves out rule " + id));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.UNPROCESSABLE, "The rules were not put in order: name each of the "
                    + current.size() + " rules of this configuration once.", problems.stream().limit(20).toList());
        }
        if (!wanted.equals(current)) {
            for (int i = 0; i < wanted.size(); i++) {
                configurations.setOrder(wanted.get(i), i + 1);
            }
            changed(org, c, null, "the " + wanted.size() + " rules of '" + c.name() + "' put in a new order");
        }
        return configurations.rules(c.guid(), 0, MAX_RULES);
    }

    public long groupCount(Products.SeOrganization org, String guid) {
        return configurations.groupCount(get(org, guid).guid());
    }

    public long computerCount(Products.SeOrganization org, String guid) {
        return configurations.computerCount(get(org, guid).guid());
    }

    /** How many of the computers the configuration applies to run a connector older than the first that enforces it. */
    public long unsupportedConnectorCount(Products.SeOrganization org, String guid) {
        return configurations.connectorVersions(get(org, guid).guid()).stream()
                .filter(v -> !supported(v.operatingSystem(), v.version()))
                .mapToLong(DeviceControlRepository.ConnectorVersion::computers).sum();
    }

    /** The configuration a policy carries; 404 when it carries none. */
    public Configuration ofPolicy(Products.SeOrganization org, String policyGuid) {
        return carriedBy(org, policyGuid).orElseThrow(() -> ApiException.notFound("Policy " + policyGuid
                + " has no device control configuration."));
    }

    /** The configuration a policy carries, if any (the policy must be of the organization). */
    public java.util.Optional<Configuration> carriedBy(Products.SeOrganization org, String policyGuid) {
        PolicyRepository.Policy p = policyService.get(org, policyGuid);
        return policies.deviceControlOf(p.guid()).flatMap(id -> configurations.find(org.identifier(), id));
    }

    /** Gives a Windows or Mac policy a configuration in place of any it had. */
    @Transactional
    public Configuration setOnPolicy(Products.SeOrganization org, String policyGuid, String configurationGuid) {
        products.lockForChange(org);
        policyService.get(org, policyGuid);
        UUID id = V3Requests.parseGuid(configurationGuid);
        // the configuration before the policy, as every change to a configuration takes them (one order: no deadlock)
        if (id == null || !configurations.lock(org.identifier(), id)) {
            throw new ApiException(ErrorCode.UNPROCESSABLE, "The policy was not changed.", List.of(new ApiException.FieldProblem(
                    "configurationGuid", "names no device control configuration of this organization (" + configurationGuid + ")")));
        }
        PolicyRepository.Policy p = policies.lock(org.identifier(), V3Requests.guid(policyGuid, "Policy"))
                .orElseThrow(() -> ApiException.notFound("Policy " + policyGuid + " not found."));
        if (!FIRST_SUPPORTED.containsKey(p.operatingSystem())) {
            throw new ApiException(ErrorCode.UNPROCESSABLE, "Device control is for Windows and Mac policies; this policy is for "
                    + p.operatingSystem() + ".", List.of(new ApiException.FieldProblem("policyGuid",
                    "names a " + p.operatingSystem() + " policy; device control is for windows and mac policies")));
        }
        Configuration c = configurations.find(org.identifier(), id).orElseThrow(() -> notFound(configurationGuid));
        if (!policies.deviceControlOf(p.guid()).map(id::equals).orElse(false)) {
            policies.setDeviceControl(p.guid(), id);
            policies.changed(p.guid());
            audit.changed(null, org.orgId(), policyTarget(org, p.guid()), "device control configuration '" + c.name()
                    + "' given to policy '" + p.name() + "'");
        }
        return c;
    }

    @Transactional
    public void removeFromPolicy(Products.SeOrganization org, String policyGuid) {
        products.lockForChange(org);
        PolicyRepository.Policy p = policies.lock(org.identifier(), V3Requests.guid(policyGuid, "Policy"))
                .orElseThrow(() -> ApiException.notFound("Policy " + policyGuid + " not found."));
        UUID had = policies.deviceControlOf(p.guid()).orElseThrow(() -> ApiException.notFound("Policy " + policyGuid
                + " has no device control configuration."));
        policies.setDeviceControl(p.guid(), null);
        policies.changed(p.guid());
        audit.changed(null, org.orgId(), policyTarget(org, p.guid()), "device control configuration " + had
                + " taken from policy '" + p.name() + "'");
    }

    static boolean supported(String operatingSystem, String version) {
        int[] first = FIRST_SUPPORTED.get(operatingSystem);
        if (first == null) {
            return false;
        }
        String[] parts = version.split("[^0-9]+");
        for (int i = 0; i < first.length; i++) {
            int n;
            try {
                n = i < parts.length && !parts[i].isEmpty() ? Integer.parseInt(parts[i]) : 0;
            } catch (NumberFormatException e) {
                n = Integer.MAX_VALUE; // more digits than an int: a version far in the future
            }
            if (n != first[i]) {
                return n > first[i];
            }
        }
        return true;
    }

    private void changed(Products.SeOrganization org, Configuration c, UUID rule, String detail) {
        configurations.touch(c.guid());
        policies.deviceControlChanged(c.guid());
        audit.changed(null, org.orgId(), target(org, c.guid()) + (rule == null ? "" : "/rules/" + rule), detail);
    }

    private Rule rule(Configuration c, String guid) {
        return configurations.findRule(c.guid(), V3Requests.guid(guid, "Rule"))
                .orElseThrow(() -> ApiException.notFound("Rule " + guid + " not found in device control configuration "
                        + c.guid() + "."));
    }

    /** The configuration, locked for this transaction. */
    private Configuration locked(Products.SeOrganization org, String guid) {
        UUID id = V3Requests.guid(guid, "Device control configuration");
        if (!configurations.lock(org.identifier(), id)) {
            throw notFound(guid);
        }
        return get(org, guid);
    }

    private static ApiException notFound(String guid) {
        return ApiException.notFound("Device control configuration " + guid + " not found.");
    }

    static String target(Products.SeOrganization org, UUID configuration) {
        return "secure-endpoint/" + org.identifier() + "/device_control/configurations/" + configuration;
    }

    private static String policyTarget(Products.SeOrganization org, UUID policy) {
        return "secure-endpoint/" + org.identifier() + "/policies/" + policy;
    }
}
