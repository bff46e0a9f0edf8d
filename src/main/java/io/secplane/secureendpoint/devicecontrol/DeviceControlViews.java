package io.secplane.secureendpoint.devicecontrol;

import java.time.ZoneOffset;
import java.util.List;

import io.secplane.generated.se.model.DeviceControlNotification;
import io.secplane.generated.se.model.DeviceControlQuantifier;
import io.secplane.generated.se.model.DeviceControlRuleExpression;
import io.secplane.generated.se.model.DeviceControlSetting;
import io.secplane.generated.se.model.DeviceControlType;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The v3 shapes of device-control configurations and rules, as the contract names them. */
final class DeviceControlViews {

    private static final TypeReference<List<DeviceControlRuleExpression>> EXPRESSIONS = new TypeReference<>() {
    };

    private DeviceControlViews() {
    }

    static io.secplane.generated.se.model.DeviceControlConfiguration configuration(DeviceControlRepository.Configuration c) {
        return new io.secplane.generated.se.model.DeviceControlConfiguration(c.guid(), c.name(), c.description(),
                new DeviceControlSetting(DeviceControlType.fromValue(c.usbControlType()),
                        DeviceControlNotification.fromValue(c.usbNotificationType())),
                c.rulesCount(), c.createdAt().withOffsetSameInstant(ZoneOffset.UTC),
                c.updatedAt().withOffsetSameInstant(ZoneOffset.UTC));
    }

    static io.secplane.generated.se.model.DeviceControlRule rule(JsonMapper json, DeviceControlRepository.Rule r) {
        return new io.secplane.generated.se.model.DeviceControlRule(r.guid(), DeviceControlType.fromValue(r.controlType()),
                DeviceControlNotification.fromValue(r.notificationType()), r.order(),
                DeviceControlQuantifier.fromValue(r.quantifier()), r.displayName(), expressions(json, r.expressions()),
                r.createdAt().withOffsetSameInstant(ZoneOffset.UTC), r.updatedAt().withOffsetSameInstant(ZoneOffset.UTC));
    }

    static List<io.secplane.generated.se.model.DeviceControlRule> rules(JsonMapper json, List<DeviceControlRepository.Rule> all) {
        return all.stream().map(r -> rule(json, r)).toList();
    }

    static List<DeviceControlRuleExpression> expressions(JsonMapper json, String kept) {
        return json.readValue(kept, EXPRESSIONS);
    }
}
