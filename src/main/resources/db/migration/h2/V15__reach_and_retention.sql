-- Reach in SQL: a managed org's selected_managed groups, read from the org's side.
CREATE INDEX admin_group_orgs_by_org ON admin_group_orgs (managed_org_id, group_id);
CREATE INDEX org_managers_by_managed_manager ON org_managers (managed_id, manager_id);
DROP INDEX org_managers_by_managed;

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
