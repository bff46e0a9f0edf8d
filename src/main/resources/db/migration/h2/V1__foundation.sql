CREATE TABLE organizations (
    id          UUID PRIMARY KEY,
    name        VARCHAR(255) NOT NULL,
    type        VARCHAR(16)  NOT NULL,
    region_code VARCHAR(8)   NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX organizations_by_name ON organizations (name, id);
CREATE INDEX organizations_by_created ON organizations (created_at, id);

CREATE TABLE org_managers (
    manager_id UUID NOT NULL REFERENCES organizations (id),
    managed_id UUID NOT NULL REFERENCES organizations (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (manager_id, managed_id)
);
CREATE INDEX org_managers_by_managed ON org_managers (managed_id);

CREATE TABLE roles (
    id          UUID PRIMARY KEY,
    org_id      UUID REFERENCES organizations (id),
    name        VARCHAR(255)  NOT NULL,
    description VARCHAR(1024),
    type        VARCHAR(16)   NOT NULL
);
INSERT INTO roles (id, org_id, name, description, type) VALUES
    ('00000000-0000-4000-8000-000000000001', NULL, 'Organization Administrator',
     'Full access to the organization, API access included', 'STATIC'),
    ('00000000-0000-4000-8000-000000000002', NULL, 'Organization Member',
     'Read access to the organization, API access included', 'STATIC');

CREATE TABLE users (
    id            UUID PRIMARY KEY,
    org_id        UUID NOT NULL REFERENCES organizations (id),
    email         VARCHAR(320) NOT NULL,
    email_key     VARCHAR(320) NOT NULL,
    first_name    VARCHAR(255),
    last_name     VARCHAR(255),
    status        VARCHAR(16)  NOT NULL,
    password_hash VARCHAR(255),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT users_email_unique UNIQUE (org_id, email_key)
);

CREATE TABLE user_roles (
    org_id  UUID NOT NULL REFERENCES organizations (id),
    user_id UUID NOT NULL REFERENCES users (id),
    role_id UUID NOT NULL REFERENCES roles (id),
    PRIMARY KEY (user_id, role_id)
);

CREATE TABLE admin_groups (
    id          UUID PRIMARY KEY,
    org_id      UUID NOT NULL REFERENCES organizations (id),
    name        VARCHAR(255)  NOT NULL,
    name_key    VARCHAR(255)  NOT NULL,
    description VARCHAR(1024),
    type        VARCHAR(32)   NOT NULL,
    applies_to  VARCHAR(32)   NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT admin_groups_name_unique UNIQUE (org_id, name_key)
);

CREATE TABLE api_keys (
    id          UUID PRIMARY KEY,
    org_id      UUID NOT NULL REFERENCES organizations (id),
    name        VARCHAR(255)  NOT NULL,
    description VARCHAR(1024),
    status      VARCHAR(16)   NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE,
    created_by  UUID,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX api_keys_by_org ON api_keys (org_id);

CREATE TABLE api_key_roles (
    api_key_id UUID NOT NULL REFERENCES api_keys (id),
    role_id    UUID NOT NULL REFERENCES roles (id),
    PRIMARY KEY (api_key_id, role_id)
);

CREATE TABLE token_families (
    id             UUID PRIMARY KEY,
    org_id         UUID NOT NULL REFERENCES organizations (id),
    api_key_id     UUID NOT NULL REFERENCES api_keys (id),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at     TIMESTAMP WITH TIME ZONE,
    revoked_reason VARCHAR(255)
);

CREATE TABLE refresh_tokens (
    digest     VARCHAR(64) PRIMARY KEY,
    family_id  UUID NOT NULL REFERENCES token_families (id),
    org_id     UUID NOT NULL REFERENCES organizations (id),
    api_key_id UUID NOT NULL REFERENCES api_keys (id),
    issued_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);

CREATE TABLE signing_keys (
    kid         VARCHAR(64) PRIMARY KEY,
    purpose     VARCHAR(32)   NOT NULL,
    algorithm   VARCHAR(16)   NOT NULL,
    private_key VARCHAR(4096) NOT NULL,
    public_key  VARCHAR(2048) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at  TIMESTAMP WITH TIME ZONE
);

CREATE TABLE bootstrap_state (
    id         INT PRIMARY KEY,
    org_id     UUID NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
