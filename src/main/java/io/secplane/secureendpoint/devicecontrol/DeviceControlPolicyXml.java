package io.secplane.secureendpoint.devicecontrol;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.secplane.secureendpoint.configuration.PolicyRepository;
import io.secplane.secureendpoint.configuration.PolicyXml;
import io.secplane.secureendpoint.devicecontrol.DeviceControlRepository.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The device-control part of a policy's XML: the configuration it carries, its default for USB mass
 * storage and its rules first to last, each with its expressions. Every change to them raises the
 * serial number of the policies that carry the configuration (DeviceControlService).
 */
@Component
class DeviceControlPolicyXml implements PolicyXml.Part {

    private final PolicyRepository policies;
    private final DeviceControlRepository configurations;
    private final JsonMapper json;

    DeviceControlPolicyXml(PolicyRepository policies, DeviceControlRepository configurations, JsonMapper json) {
        this.policies = policies;
        this.configurations = configurations;
        this.json = json;
    }

    @Override
    public void write(PolicyRepository.Policy policy, StringBuilder x) {
        Optional<Configuration> carried = policies.deviceControlOf(policy.guid())
                .flatMap(id -> configurations.find(policy.seOrg(), id));
        if (carried.isEmpty()) {
            return;
        }
        Configuration c = carried.get();
        x.append("<deviceControl");
        PolicyXml.attribute(x, "guid", c.guid().toString());
        PolicyXml.attribute(x, "name", c.name());
        x.append(">\n<usbMassStorage");
        PolicyXml.attribute(x, "controlType", c.usbControlType());
        PolicyXml.attribute(x, "notificationType", c.usbNotificationType());
        x.append("/>\n");
        UUID id = c.guid();
        for (DeviceControlRepository.Rule r : configurations.rules(id, 0, DeviceControlService.MAX_RULES)) {
            x.append("<rule");
            PolicyXml.attribute(x, "guid", r.guid().toString());
            PolicyXml.attribute(x, "order", Integer.toString(r.order()));
            PolicyXml.attribute(x, "controlType", r.controlType());
            PolicyXml.attribute(x, "notificationType", r.notificationType());
            PolicyXml.attribute(x, "quantifier", r.quantifier());
            PolicyXml.attribute(x, "displayName", r.displayName());
            x.append(">\n");
            for (JsonNode e : json.readTree(r.expressions())) {
                x.append("<expression");
                PolicyXml.attribute(x, "identifier", e.path("identifier").asString());
                PolicyXml.attribute(x, "operator", e.path("operator").asString());
                x.append('>');
                PolicyXml.escaped(x, e.path("value").asString());
                x.append("</expression>\n");
            }
            x.append("</rule>\n");
        }
        x.append("</deviceControl>\n");
    }
}
