-- Reach in SQL: a managed org's selected_managed groups, read from the org's side.
CREATE INDEX admin_group_orgs_by_org ON admin_group_orgs (managed_org_id, group_id);
CREATE INDEX org_managers_by_managed_manager ON org_managers (managed_id, manager_id);
DROP INDEX org_managers_by_managed;

-- A manager's links carry the managed org's sort keys (the name follows a rename; the others never
-- change), so that a page of the orgs it manages is read in order from its links alone, whatever
-- their number.
ALTER TABLE org_managers ADD COLUMN managed_name VARCHAR(1024);
ALTER TABLE org_managers ADD COLUMN managed_created_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE org_managers ADD COLUMN managed_type VARCHAR(16);
ALTER TABLE org_managers ADD COLUMN managed_region_code VARCHAR(8);
UPDATE org_managers SET managed_name = (SELECT o.name FROM organizations o WHERE o.id = managed_id),
    managed_created_at = (SELECT o.created_at FROM organizations o WHERE o.id = managed_id),
    managed_type = (SELECT o.type FROM organizations o WHERE o.id = managed_id),
    managed_region_code = (SELECT o.region_code FROM organizations o WHERE o.id = managed_id);
ALTER TABLE org_managers ALTER COLUMN managed_name SET NOT NULL;
ALTER TABLE org_managers ALTER COLUMN managed_created_at SET NOT NULL;
ALTER TABLE org_managers ALTER COLUMN managed_type SET NOT NULL;
ALTER TABLE org_managers ALTER COLUMN managed_region_code SET NOT NULL;
CREATE INDEX org_managers_by_name ON org_managers (manager_id, managed_name, managed_id);
CREATE INDEX org_managers_by_created ON org_managers (manager_id, managed_created_at, managed_id);
CREATE INDEX org_managers_by_type ON org_managers (manager_id, managed_type, managed_id);
CREATE INDEX org_managers_by_region ON org_managers (manager_id, managed_region_code, managed_id);

-- The audit log read by actor (its own id or the user it acts for), newest first, and swept by age.
CREATE INDEX audit_log_by_actor ON audit_log (org_id, actor_id, at, id);
CREATE INDEX audit_log_by_acting_user ON audit_log (org_id, actor_user_id, at, id);
CREATE INDEX audit_log_by_time ON audit_log (at);
CREATE INDEX mail_outbox_by_time ON mail_outbox (created_at);
CREATE INDEX rate_counters_by_window ON rate_counters (window_start);

-- The retention sweep: which process runs it now, until when (one at a time of those sharing the database).
CREATE TABLE retention_sweeps (
    name          VARCHAR(32) PRIMARY KEY,
    claimed_by    VARCHAR(64),
    claimed_until TIMESTAMP WITH TIME ZONE NOT NULL,
    last_removed  BIGINT DEFAULT 0 NOT NULL
);
INSERT INTO retention_sweeps (name, claimed_until) VALUES ('retention', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');
