-- Saved states (the operator's snapshots): the whole state as a compressed secplane-state document,
-- kept in the database so that it survives a restart and every process sharing the database sees it.
CREATE TABLE state_snapshots (
    name          VARCHAR(64) PRIMARY KEY,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    schema_version VARCHAR(32) NOT NULL,
    organizations INT NOT NULL,
    row_count     BIGINT NOT NULL,
    size_bytes    BIGINT NOT NULL,
    content       BLOB NOT NULL
);

-- Counted up by every reset, restore and import, in its transaction: a process that sees it change
-- forgets what it remembered of the state (access, token status, caches of the Secure Endpoint API).
CREATE TABLE state_epoch (
    id    INT PRIMARY KEY,
    epoch BIGINT NOT NULL
);
INSERT INTO state_epoch (id, epoch) VALUES (1, 0);
