-- A managed security service provider's customers: Secure Endpoint organizations made through the
-- MSSP operations of another (top-level) one, which names each by a guid of its own. A customer
-- belongs to the same platform organization as its provider; it has no customers of its own.
ALTER TABLE se_organizations ADD COLUMN mssp_identifier VARCHAR(24) REFERENCES se_organizations (identifier);
ALTER TABLE se_organizations ADD COLUMN customer_guid UUID;
CREATE UNIQUE INDEX se_organizations_by_customer_guid ON se_organizations (customer_guid);
CREATE INDEX se_organizations_by_mssp ON se_organizations (mssp_identifier, name);
