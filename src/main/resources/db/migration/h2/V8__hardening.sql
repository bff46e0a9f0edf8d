-- LIKE without backtracking for the object search's wildcards: H2's own LIKE takes exponential time
-- on patterns such as %a%a%a%a%b and cannot be cancelled while it runs (see io.secplane.db.Like).
CREATE ALIAS IF NOT EXISTS LIKE_MATCH DETERMINISTIC FOR 'io.secplane.db.Like.matches';
