package io.secplane.secureendpoint.devicecontrol;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.generated.se.api.DeviceControlApi;
import io.secplane.generated.se.model.CountEnvelope;
import io.secplane.generated.se.model.CountEnvelopeData;
import io.secplane.generated.se.model.DeviceControlConfigurationEnvelope;
import io.secplane.generated.se.model.DeviceControlConfigurationInput;
import io.secplane.generated.se.model.DeviceControlConfigurationPage;
import io.secplane.generated.se.model.DeviceControlConfigurationUpdate;
import io.secplane.generated.se.model.DeviceControlRuleEnvelope;
import io.secplane.generated.se.model.DeviceControlRuleExpression;
import io.secplane.generated.se.model.DeviceControlRuleInput;
import io.secplane.generated.se.model.DeviceControlRuleList;
import io.secplane.generated.se.model.DeviceControlRulePage;
import io.secplane.generated.se.model.DeviceControlSetting;
import io.secplane.generated.se.model.SetDeviceControlRuleOrderRequest;
import io.secplane.generated.se.model.SetPolicyDeviceControlConfigurationRequest;
import io.secplane.products.Products;
import io.secplane.secureendpoint.V3Requests;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import tools.jackson.databind.json.JsonMapper;

/** Secure Endpoint v3: device-control configurations, their rules, the counts they reach, and the policies that carry them. */
@RestController
public class DeviceControlController implements DeviceControlApi {

    private final DeviceControlService service;
    private final V3Requests v3;
    private final JsonMapper json;

    public DeviceControlController(DeviceControlService service, V3Requests v3, JsonMapper json) {
        this.service = service;
        this.v3 = v3;
        this.json = json;
    }

    @Override
    public ResponseEntity<DeviceControlConfigurationPage> listDeviceControlConfigurations(String organizationIdentifier,
            Integer start, Integer size, String search, String sort, String order) {
        Products.SeOrganization org = v3.organization(organizationIdentifier);
        V3Requests.Page page = v3.page();
        String by = v3.oneOf("sort", java.util.Set.of("name", "created_at", "updated_at", "createdat", "updatedat"));
        DeviceControlRepository.Sort column = by == null || by.equals("name") ? DeviceControlRepository.Sort.NAME
                : by.startsWith("created") ? DeviceControlRepository.Sort.CREATED_AT : DeviceControlRepository.Sort.UPDATED_AT;
        boolean descending = "desc".equals(v3.oneOf("order", java.util.Set.of("asc", "desc")));
        var found = service.list(org, v3.text("search", 255), column, descending, page);
        return ResponseEntity.ok(new DeviceControlConfigurationPage(V3Requests.VERSION, V3Requests.meta(page, found.total()),
                found.items().stream().map(DeviceControlViews::configuration).toList()));
    }

    @Override
    public ResponseEntity<DeviceControlConfigurationEnvelope> createDeviceControlConfiguration(String organizationIdentifier,
            DeviceControlConfigurationInput body) {
        Products.SeOrganization org = v3.organization(organizationIdentifier);
        DeviceControlSetting usb = body.getUsbMassStorage();
        return ResponseEntity.status(HttpStatus.CREATED).body(envelope(service.create(org, body.getName(), body.getDescription(),
                usb == null ? null : usb.getControlType().getValue(), usb == null ? null : usb.getNotificationType().getValue())));
    }

    @Override
    public ResponseEntity<DeviceControlConfigurationEnvelope> getDeviceControlConfiguration(String organizationIdentifier,
            String configurationGuid) {
        return ResponseEntity.ok(envelope(service.get(v3.organization(organizationIdentifier), configurationGuid)));
    }

    @Override
    public ResponseEntity<DeviceControlConfigurationEnvelope> updateDeviceControlConfiguration(String organizationIdentifier,
            String configurationGuid, DeviceControlConfigurationUpdate body) {
        Products.SeOrganization org = v3.organization(organizationIdentifier);
        DeviceControlSetting usb = body.getUsbMassStorage();
        return ResponseEntity.ok(envelope(service.update(org, configurationGuid, body.getName(), body.getDescription(),
                usb == null ? null : usb.getControlType().getValue(), usb == null ? null : usb.getNotificationType().getValue())));
    }

    @Override
    public ResponseEntity<Void> deleteDeviceControlConfiguration(String organizationIdentifier, String configurationGuid) {
        service.delete(v3.organization(organizationIdentifier), configurationGuid);
        return ResponseEntity.noContent().build();
    }

    @Override
    public ResponseEntity<DeviceControlRulePage> listDeviceControlRules(String organizationIdentifier, String configurationGuid,
                                                                        Integer start, Integer size) {
        Products.SeOrganization org = v3.organization(organizationIdentifier);
        V3Requests.Page page = v3.page();
        var found = service.rules(org, configurationGuid, page);
        return ResponseEntity.ok(new DeviceControlRulePage(V3Requests.VERSION, V3Requests.meta(page, found.total()),
                DeviceControlViews.rules(json, found.items())));
    }

    @Override
    public ResponseEntity<DeviceControlRuleEnvelope> createDeviceControlRule(String organizationIdentifier,
            String configurationGuid, DeviceControlRuleInput body) {
        Products.SeOrganization org = v3.organization(organizationIdentifier);
        var rule = service.addRule(org, configurationGuid, body.getOrder(), fields(body, "added"));
        return ResponseEntity.status(HttpStatus.CREATED).body(new DeviceControlRuleEnvelope(V3Requests.VERSION,
                DeviceControlViews.rule(json, rule)));
    }

    @Override
    public ResponseEntity<DeviceControlRuleEnvelope> getDeviceControlRule(String organizationIdentifier,
            String configurationGuid, String ruleGuid) {
        return ResponseEntity.ok(new DeviceControlRuleEnvelope(V3Requests.VERSION, DeviceControlViews.rule(json,
                service.rule(v3.organization(organizationIdentifier), configurationGuid, ruleGuid))));
    }

    @Override
    public ResponseEntity<DeviceControlRuleEnvelope> updateDeviceControlRule(String organizationIdentifier,
            String configurationGuid, String ruleGuid, DeviceControlRuleInput body) {
        Products.SeOrganization org = v3.organization(organizationIdentifier);
        var rule = service.updateRule(org, configurationGuid, ruleGuid, body.getOrder(), fields(body, "changed"));
        return ResponseEntity.ok(new DeviceControlRuleEnvelope(V3Requests.VERSION, DeviceControlViews.rule(json, rule)));
    }

    @Override
    public ResponseEntity<Void> deleteDeviceControlRule(String organizationIdentifier, String configurationGuid,
                                                        String ruleGuid) {
        service.deleteRule(v3.organization(organizationIdentifier), configurationGuid, ruleGuid);
        return ResponseEntity.noContent().build();
    }

    @Override
    public ResponseEntity<DeviceControlRuleList> setDeviceControlRuleOrder(String organizationIdentifier,
            String configurationGuid, SetDeviceControlRuleOrderRequest body) {
        Products.SeOrganization org = v3.organization(organizationIdentifier);
        return ResponseEntity.ok(new DeviceControlRuleList(V3Requests.VERSION, DeviceControlViews.rules(json,
                service.reorder(org, configurationGuid, body.getRuleGuids()))));
    }

    @Override
    public ResponseEntity<CountEnvelope> countDeviceControlGroups(String organizationIdentifier, String configurationGuid) {
        return count(service.groupCount(v3.organization(organizationIdentifier), configurationGuid));
    }

    @Override
    public ResponseEntity<CountEnvelope> countDeviceControlComputers(String organizationIdentifier, String configurationGuid) {
        return count(service.computerCount(v3.organization(organizationIdentifier), configurationGuid));
    }

    @Override
    public ResponseEntity<CountEnvelope> countDeviceControlUnsupportedConnectors(String organizationIdentifier,
                                                                                 String configurationGuid) {
        return count(service.unsupportedConnectorCount(v3.organization(organizationIdentifier), configurationGuid));
    }

    @Override
    public ResponseEntity<DeviceControlConfigurationEnvelope> getPolicyDeviceControlConfiguration(String organizationIdentifier,
            String policyGuid) {
        return ResponseEntity.ok(envelope(service.ofPolicy(v3.organization(organizationIdentifier), policyGuid)));
    }

    @Override
    public ResponseEntity<DeviceControlConfigurationEnvelope> setPolicyDeviceControlConfiguration(String organizationIdentifier,
            String policyGuid, SetPolicyDeviceControlConfigurationRequest body) {
        Products.SeOrganization org = v3.organization(organizationIdentifier);
        return ResponseEntity.ok(envelope(service.setOnPolicy(org, policyGuid, body.getConfigurationGuid())));
    }

    @Override
    public ResponseEntity<Void> removePolicyDeviceControlConfiguration(String organizationIdentifier, String policyGuid) {
        service.removeFromPolicy(v3.organization(organizationIdentifier), policyGuid);
        return ResponseEntity.noContent().build();
    }

    /** A rule's fields as kept: defaults for what was left out; a value of spaces only is refused (422). */
    private DeviceControlRepository.RuleFields fields(DeviceControlRuleInput body, String verb) {
        List<ApiException.FieldProblem> problems = new ArrayList<>();
        List<DeviceControlRuleExpression> expressions = body.getRuleExpressions();
        for (int i = 0; i < expressions.size(); i++) {
            if (expressions.get(i).getValue().isBlank()) {
                problems.add(new ApiException.FieldProblem("ruleExpressions[" + i + "].value", "can't be blank"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.UNPROCESSABLE, "The rule was not " + verb + ".", problems);
        }
        return new DeviceControlRepository.RuleFields(body.getDisplayName() == null ? "" : body.getDisplayName().strip(),
                body.getControlType().getValue(),
                body.getNotificationType() == null ? "never" : body.getNotificationType().getValue(),
                body.getQuantifier() == null ? "all" : body.getQuantifier().getValue(),
                json.writeValueAsString(expressions));
    }

    private static DeviceControlConfigurationEnvelope envelope(DeviceControlRepository.Configuration c) {
        return new DeviceControlConfigurationEnvelope(V3Requests.VERSION, DeviceControlViews.configuration(c));
    }

    private static ResponseEntity<CountEnvelope> count(long n) {
        return ResponseEntity.ok(new CountEnvelope(V3Requests.VERSION, new CountEnvelopeData(n)));
    }
}
