package io.secplane.organizations;

/** What the organizations service takes; the controller translates the contract's models into these. */
public final class OrganizationDtos {

    private OrganizationDtos() {
    }

    public record CreateRequest(String name, String regionCode, String type) {
    }

    public record UpdateRequest(String name) {
    }
}
