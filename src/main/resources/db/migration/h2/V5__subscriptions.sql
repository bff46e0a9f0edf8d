-- Subscriptions: a platform operator mints claim codes (a purchase of products, with the regions they
-- may be provisioned in and entitlement quantities); an org claims one into a subscription whose
-- products are provisioned (org_products) in the regions it chose.
CREATE TABLE claim_codes (
    code            VARCHAR(64) PRIMARY KEY,
    products        VARCHAR(8192) NOT NULL,
    regions         VARCHAR(256)  NOT NULL,
    name            VARCHAR(1024) NOT NULL,
    valid_until     TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at      TIMESTAMP WITH TIME ZONE,
    claimed_at      TIMESTAMP WITH TIME ZONE,
    claimed_by_org  UUID,
    subscription_id UUID
);
CREATE INDEX claim_codes_by_created ON claim_codes (created_at, code);

CREATE TABLE subscriptions (
    id         UUID PRIMARY KEY,
    org_id     UUID NOT NULL REFERENCES organizations (id),
    name       VARCHAR(1024) NOT NULL,
    claim_code VARCHAR(64) NOT NULL,
    type       VARCHAR(32)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX subscriptions_by_org ON subscriptions (org_id, created_at);

CREATE TABLE subscription_products (
    subscription_id UUID NOT NULL REFERENCES subscriptions (id),
    product_id      VARCHAR(32) NOT NULL,
    region_code     VARCHAR(8),
    status          VARCHAR(16) NOT NULL,
    changed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (subscription_id, product_id)
);

CREATE TABLE entitlements (
    subscription_id UUID NOT NULL REFERENCES subscriptions (id),
    id              VARCHAR(64) NOT NULL,
    product_id      VARCHAR(32) NOT NULL,
    quantity        BIGINT      NOT NULL,
    PRIMARY KEY (subscription_id, id)
);

CREATE TABLE entitlement_shares (
    subscription_id UUID NOT NULL REFERENCES subscriptions (id),
    entitlement_id  VARCHAR(64) NOT NULL,
    managed_org_id  UUID NOT NULL REFERENCES organizations (id),
    quantity        BIGINT NOT NULL,
    PRIMARY KEY (subscription_id, entitlement_id, managed_org_id)
);

-- A provisioned product can be deactivated (its tokens stop) and activated again.
ALTER TABLE org_products ADD COLUMN active BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE org_products ADD COLUMN subscription_id UUID;
