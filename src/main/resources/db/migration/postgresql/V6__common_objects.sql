-- Common objects: network objects (a host, network, range or FQDN literal) and network groups
-- (literals and references to other objects and groups), per org. Address values are kept as
-- fixed-width keys (family, then 32 hex digits) of their first and last address, so that
-- containment and overlap are comparisons.
CREATE TABLE network_objects (
    id          UUID PRIMARY KEY,
    org_id      UUID NOT NULL REFERENCES organizations (id),
    kind        VARCHAR(16)   NOT NULL,
    name        VARCHAR(1024) NOT NULL,
    name_key    VARCHAR(1024) NOT NULL,
    description VARCHAR(4096),
    labels      VARCHAR(8192) DEFAULT '[]' NOT NULL,
    version     BIGINT        NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT network_objects_name_unique UNIQUE (org_id, kind, name_key)
);
CREATE INDEX network_objects_by_org ON network_objects (org_id, name_key, id, kind);

-- The literals of an object (one) or a group (any number), in order.
CREATE TABLE network_literals (
    object_id  UUID NOT NULL REFERENCES network_objects (id),
    position   INT  NOT NULL,
    org_id     UUID NOT NULL,
    literal    VARCHAR(512) NOT NULL,
    value_kind VARCHAR(16)  NOT NULL,
    low_key    VARCHAR(40),
    high_key   VARCHAR(40),
    PRIMARY KEY (object_id, position)
);
CREATE INDEX network_literals_by_range ON network_literals (org_id, low_key, high_key);
CREATE INDEX network_literals_by_text ON network_literals (org_id, literal);

-- A group's references to other objects and groups.
CREATE TABLE network_group_members (
    group_id  UUID NOT NULL REFERENCES network_objects (id),
    member_id UUID NOT NULL REFERENCES network_objects (id),
    PRIMARY KEY (group_id, member_id)
);
CREATE INDEX network_group_members_by_member ON network_group_members (member_id);
