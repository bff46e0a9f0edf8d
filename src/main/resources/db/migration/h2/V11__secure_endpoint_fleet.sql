-- Secure Endpoint's fleet: groups (each with a policy per operating system, and perhaps a parent)
-- and the computers in them (one group each; the policy of its group for its operating system
-- applies to it). Counts are read from these rows, never kept beside them.

-- The groups every Secure Endpoint organization starts with: copied into each new organization
-- (products.Products) and, below, into those made before. A group's policy for an operating system
-- is the organization's policy of the same name for it, else its Protect policy, else its Audit.
CREATE TABLE se_group_templates (
    name        VARCHAR(255)  NOT NULL PRIMARY KEY,
    description VARCHAR(1024) NOT NULL
);
INSERT INTO se_group_templates (name, description) VALUES
    ('Audit', 'Computers whose connectors only report what they see.'),
    ('Protect', 'Computers whose connectors block what is malicious.'),
    ('Triage', 'Computers under investigation.'),
    ('Server', 'Servers.'),
    ('Domain Controller', 'Windows domain controllers.');

CREATE TABLE se_groups (
    guid        UUID PRIMARY KEY,
    se_org      VARCHAR(24)   NOT NULL REFERENCES se_organizations (identifier),
    name        VARCHAR(255)  NOT NULL,
    name_key    VARCHAR(255)  NOT NULL,
    description VARCHAR(1024) NOT NULL,
    parent_guid UUID REFERENCES se_groups (guid),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT se_groups_name UNIQUE (se_org, name_key)
);

CREATE TABLE se_group_policies (
    group_guid       UUID        NOT NULL REFERENCES se_groups (guid) ON DELETE CASCADE,
    operating_system VARCHAR(16) NOT NULL,
    policy_guid      UUID        NOT NULL REFERENCES se_policies (guid),
    PRIMARY KEY (group_guid, operating_system)
);
CREATE INDEX se_group_policies_by_policy ON se_group_policies (policy_guid);

-- raised with every change to which computers an organization has or where they are (added,
-- removed, moved): lists are paged by positions kept for one version (FleetRepository.positions)
ALTER TABLE se_organizations ADD COLUMN fleet_version BIGINT DEFAULT 0 NOT NULL;

CREATE TABLE se_computers (
    connector_guid    UUID PRIMARY KEY,
    se_org            VARCHAR(24)  NOT NULL REFERENCES se_organizations (identifier),
    group_guid        UUID         NOT NULL REFERENCES se_groups (guid),
    hostname          VARCHAR(255) NOT NULL,
    hostname_key      VARCHAR(255) NOT NULL,
    operating_system  VARCHAR(16)  NOT NULL,
    os_version        VARCHAR(64)  NOT NULL,
    connector_version VARCHAR(32)  NOT NULL,
    internal_ips      VARCHAR(512) NOT NULL,
    external_ip       VARCHAR(64),
    last_seen         TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX se_computers_by_hostname ON se_computers (se_org, hostname_key, connector_guid);
CREATE INDEX se_computers_by_group ON se_computers (group_guid, hostname_key, connector_guid);

-- the Secure Endpoint organizations made before start with the default groups
INSERT INTO se_groups (guid, se_org, name, name_key, description, created_at, updated_at)
SELECT RANDOM_UUID(), o.identifier, t.name, LOWER(t.name), t.description, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
FROM se_organizations o CROSS JOIN se_group_templates t;
INSERT INTO se_group_policies (group_guid, operating_system, policy_guid)
SELECT g.guid, os.operating_system,
       COALESCE((SELECT p.guid FROM se_policies p WHERE p.se_org = g.se_org AND p.operating_system = os.operating_system AND p.name = g.name LIMIT 1),
                (SELECT p.guid FROM se_policies p WHERE p.se_org = g.se_org AND p.operating_system = os.operating_system AND p.name = 'Protect' LIMIT 1),
                (SELECT p.guid FROM se_policies p WHERE p.se_org = g.se_org AND p.operating_system = os.operating_system AND p.name = 'Audit' LIMIT 1))
FROM se_groups g CROSS JOIN (SELECT DISTINCT operating_system FROM se_policy_templates) os;
