-- Users of another org shared into an org (status SHARED there): the maker of a STANDALONE org is
-- one. Listed with the org's users, counted by the rule that an org keeps an active administrator,
-- and taken out by the org's administrators (their roles and group places here go with the row).
CREATE TABLE shared_users (
    org_id    UUID NOT NULL REFERENCES organizations (id),
    user_id   UUID NOT NULL REFERENCES users (id),
    shared_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX shared_users_by_user ON shared_users (user_id);

-- the makers of orgs made before: a role held in an org other than the user's own
INSERT INTO shared_users (org_id, user_id, shared_at)
SELECT DISTINCT ur.org_id, ur.user_id, CURRENT_TIMESTAMP
FROM user_roles ur JOIN users u ON u.id = ur.user_id
WHERE u.org_id <> ur.org_id AND u.status <> 'REMOVED';
