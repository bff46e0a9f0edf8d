-- Identity and access: roles carry their API access; a user holds roles per organization (its own,
-- and the organizations it created); admin groups have members, roles and the managed orgs they cover.
ALTER TABLE roles ADD COLUMN api_access VARCHAR(8) DEFAULT 'NONE' NOT NULL;
ALTER TABLE roles ADD COLUMN products VARCHAR(4096) DEFAULT '[]' NOT NULL;
ALTER TABLE roles ADD COLUMN name_key VARCHAR(1024);
ALTER TABLE roles ADD COLUMN created_at TIMESTAMP WITH TIME ZONE;
UPDATE roles SET api_access = 'WRITE', products = '[{"key":"scc","name":"Security Cloud Control"}]',
    name_key = 'organization administrator' WHERE id = '00000000-0000-4000-8000-000000000001';
UPDATE roles SET api_access = 'READ', products = '[{"key":"scc","name":"Security Cloud Control"}]',
    name_key = 'organization member' WHERE id = '00000000-0000-4000-8000-000000000002';
INSERT INTO roles (id, org_id, name, description, type, api_access, products, name_key) VALUES
    ('00000000-0000-4000-8000-000000000003', NULL, 'Secure Endpoint Administrator',
     'Administers Secure Endpoint in the console; no API access of its own', 'BUNDLED', 'NONE',
     '[{"key":"secure-endpoint","name":"Secure Endpoint"}]', 'secure endpoint administrator'),
    ('00000000-0000-4000-8000-000000000004', NULL, 'XDR Analyst',
     'Investigates in XDR in the console; no API access of its own', 'BUNDLED', 'NONE',
     '[{"key":"xdr","name":"Cisco XDR"}]', 'xdr analyst');
ALTER TABLE roles ALTER COLUMN name SET DATA TYPE VARCHAR(1024);
ALTER TABLE roles ALTER COLUMN description SET DATA TYPE VARCHAR(4096);
CREATE UNIQUE INDEX roles_name_unique ON roles (org_id, name_key);

ALTER TABLE user_roles DROP PRIMARY KEY;
ALTER TABLE user_roles ADD CONSTRAINT user_roles_pkey PRIMARY KEY (user_id, org_id, role_id);
CREATE INDEX user_roles_by_org_role ON user_roles (org_id, role_id);

ALTER TABLE users ADD COLUMN mfa_enrolled BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE users ADD COLUMN last_login TIMESTAMP WITH TIME ZONE;
ALTER TABLE users ADD COLUMN status_changed_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX users_by_org_status ON users (org_id, status, email_key);

CREATE TABLE admin_group_members (
    group_id UUID NOT NULL REFERENCES admin_groups (id),
    user_id  UUID NOT NULL REFERENCES users (id),
    added_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX admin_group_members_by_user ON admin_group_members (user_id);

CREATE TABLE admin_group_roles (
    group_id UUID NOT NULL REFERENCES admin_groups (id),
    role_id  UUID NOT NULL REFERENCES roles (id),
    PRIMARY KEY (group_id, role_id)
);
CREATE INDEX admin_group_roles_by_role ON admin_group_roles (role_id);

CREATE TABLE admin_group_orgs (
    group_id       UUID NOT NULL REFERENCES admin_groups (id),
    managed_org_id UUID NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (group_id, managed_org_id)
);

-- One-time links mailed to users: set a password on invitation, reset it. Kept as SHA-256 digests.
CREATE TABLE user_tickets (
    digest     VARCHAR(64) PRIMARY KEY,
    user_id    UUID NOT NULL REFERENCES users (id),
    org_id     UUID NOT NULL REFERENCES organizations (id),
    purpose    VARCHAR(16) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX user_tickets_by_user ON user_tickets (user_id);

-- Mail waits here, written in the transaction that causes it, until it is delivered.
CREATE TABLE mail_outbox (
    id           UUID PRIMARY KEY,
    org_id       UUID,
    recipient    VARCHAR(320)  NOT NULL,
    subject      VARCHAR(1024) NOT NULL,
    body         VARCHAR(16384) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at      TIMESTAMP WITH TIME ZONE,
    attempts     INT DEFAULT 0 NOT NULL,
    last_error   VARCHAR(1024)
);
CREATE INDEX mail_outbox_unsent ON mail_outbox (sent_at, created_at);

-- Who did what, when, from where, with what result: written in the transaction of the change.
CREATE TABLE audit_log (
    id            UUID PRIMARY KEY,
    org_id        UUID NOT NULL,
    at            TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_kind    VARCHAR(16)  NOT NULL,
    actor_id      VARCHAR(64)  NOT NULL,
    actor_user_id UUID,
    operation     VARCHAR(64)  NOT NULL,
    target        VARCHAR(1024) NOT NULL,
    address       VARCHAR(64),
    outcome       VARCHAR(16)  NOT NULL,
    status        INT          NOT NULL,
    detail        VARCHAR(1024),
    tracking_id   VARCHAR(64)
);
CREATE INDEX audit_log_by_org_time ON audit_log (org_id, at, id);
