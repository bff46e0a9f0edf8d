-- The object search's wildcard match: PostgreSQL's own LIKE, whose matcher does not backtrack
-- exponentially (H2's does, so there LIKE_MATCH is a function of ours: see io.secplane.db.Like).
CREATE FUNCTION like_match(value TEXT, pattern TEXT) RETURNS BOOLEAN
    LANGUAGE SQL IMMUTABLE PARALLEL SAFE
    AS $$ SELECT value LIKE pattern ESCAPE '!' $$;
