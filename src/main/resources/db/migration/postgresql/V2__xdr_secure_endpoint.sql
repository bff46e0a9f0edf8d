-- Products provisioned to an org in a region (XDR, Secure Endpoint); the platform-management work
-- (subscriptions, claim codes) takes these rows over as the result of provisioning.
CREATE TABLE org_products (
    org_id                 UUID NOT NULL REFERENCES organizations (id),
    product                VARCHAR(32) NOT NULL,
    region_code            VARCHAR(8)  NOT NULL,
    provisioned_at         TIMESTAMPTZ NOT NULL,
    xdr_integration        BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (org_id, product)
);

-- A Secure Endpoint organization (the tenant of the Secure Endpoint API) of an SCC org.
CREATE TABLE se_organizations (
    identifier  VARCHAR(24) PRIMARY KEY,
    org_id      UUID NOT NULL REFERENCES organizations (id),
    region_code VARCHAR(8)   NOT NULL,
    name        VARCHAR(255) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX se_organizations_by_org ON se_organizations (org_id, region_code, name);

-- XDR API clients: the password is kept only as a SHA-256 digest.
CREATE TABLE api_clients (
    id            VARCHAR(64) PRIMARY KEY,
    org_id        UUID NOT NULL REFERENCES organizations (id),
    region_code   VARCHAR(8)    NOT NULL,
    name          VARCHAR(255)  NOT NULL,
    description   VARCHAR(1024),
    scopes        VARCHAR(2048) NOT NULL,
    secret_digest VARCHAR(64)   NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    created_by    UUID NOT NULL REFERENCES users (id),
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX api_clients_by_org ON api_clients (org_id);

-- Fixed-window request counters shared by every server process (rate limits).
CREATE TABLE rate_counters (
    bucket       VARCHAR(200) NOT NULL,
    window_start BIGINT       NOT NULL,
    hits         BIGINT       NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
