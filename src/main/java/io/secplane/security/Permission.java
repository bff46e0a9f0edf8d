package io.secplane.security;

/** What an operation needs; every service method names one through {@link Authorizer}. */
public enum Permission {
    ORGANIZATIONS_READ(false),
    ORGANIZATIONS_WRITE(true),
    ADMIN_GROUPS_READ(false),
    ADMIN_GROUPS_WRITE(true);

    private final boolean write;

    Permission(boolean write) {
        this.write = write;
    }

    public boolean write() {
        return write;
    }
}
