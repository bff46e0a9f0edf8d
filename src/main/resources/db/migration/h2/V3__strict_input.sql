-- Text columns hold anything the contract allows: lengths there are counted in code points, and a
-- code point takes up to two UTF-16 units here (an emoji), a lower-cased key up to two as well ('İ').
ALTER TABLE organizations ALTER COLUMN name SET DATA TYPE VARCHAR(1024);
ALTER TABLE admin_groups ALTER COLUMN name SET DATA TYPE VARCHAR(1024);
ALTER TABLE admin_groups ALTER COLUMN name_key SET DATA TYPE VARCHAR(1024);
ALTER TABLE admin_groups ALTER COLUMN description SET DATA TYPE VARCHAR(4096);
ALTER TABLE api_keys ALTER COLUMN name SET DATA TYPE VARCHAR(1024);
ALTER TABLE api_keys ALTER COLUMN description SET DATA TYPE VARCHAR(4096);
ALTER TABLE users ALTER COLUMN first_name SET DATA TYPE VARCHAR(1024);
ALTER TABLE users ALTER COLUMN last_name SET DATA TYPE VARCHAR(1024);
ALTER TABLE api_clients ALTER COLUMN name SET DATA TYPE VARCHAR(1024);
ALTER TABLE api_clients ALTER COLUMN description SET DATA TYPE VARCHAR(4096);
ALTER TABLE api_clients ALTER COLUMN scopes SET DATA TYPE VARCHAR(8192);

-- Secrets the server keeps for itself (the key that signs list cursors), shared by every process.
CREATE TABLE server_secrets (
    name       VARCHAR(64) PRIMARY KEY,
    secret     VARBINARY(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
