-- Secure Endpoint device control: configurations of a Secure Endpoint organization, each with its
-- default for USB mass storage and its rules in order (the first rule that matches a device
-- decides); a policy carries at most one configuration. How many groups and computers a
-- configuration reaches is read from the fleet's rows, never kept here.
CREATE TABLE se_device_control_configurations (
    guid                  UUID PRIMARY KEY,
    se_org                VARCHAR(24)   NOT NULL REFERENCES se_organizations (identifier),
    name                  VARCHAR(255)  NOT NULL,
    name_key              VARCHAR(255)  NOT NULL,
    description           VARCHAR(1024) NOT NULL,
    usb_control_type      VARCHAR(16)   NOT NULL,
    usb_notification_type VARCHAR(16)   NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    CONSTRAINT se_device_control_configurations_name UNIQUE (se_org, name_key)
);

-- A rule: what is done with a device its expressions match (all of them, or any), and where it
-- stands among its configuration's rules (1 is first). Its expressions are kept as the API shows
-- them (JSON).
CREATE TABLE se_device_control_rules (
    guid               UUID PRIMARY KEY,
    configuration_guid UUID         NOT NULL REFERENCES se_device_control_configurations (guid) ON DELETE CASCADE,
    rule_order         INT          NOT NULL,
    display_name       VARCHAR(255) NOT NULL,
    control_type       VARCHAR(16)  NOT NULL,
    notification_type  VARCHAR(16)  NOT NULL,
    quantifier         VARCHAR(8)   NOT NULL,
    expressions        VARCHAR(200000) NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX se_device_control_rules_by_order ON se_device_control_rules (configuration_guid, rule_order);

-- A configuration is deleted only once no policy carries it (no cascade from its side).
ALTER TABLE se_policies ADD COLUMN device_control_guid UUID REFERENCES se_device_control_configurations (guid);
CREATE INDEX se_policies_by_device_control ON se_policies (device_control_guid);
