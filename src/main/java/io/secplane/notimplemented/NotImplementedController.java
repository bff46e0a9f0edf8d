package io.secplane.notimplemented;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.web.ApiException;

/**
 * Operations of the contract that are not built yet: each answers 501 saying so, never a silent
 * stub. They still need a valid token, like the real operations will.
 */
@RestController
public class NotImplementedController {

    private static final String ORG = "/v1/organizations/{orgId}";

    @GetMapping(ORG + "/subscriptions")
    public void listSubscriptions() {
        throw ApiException.notImplemented("Listing subscriptions");
    }

    @PostMapping(ORG + "/subscriptions")
    public void claimSubscription() {
        throw ApiException.notImplemented("Claiming a subscription");
    }

    @PostMapping(ORG + "/subscriptions/claimInfo")
    public void claimInfo() {
        throw ApiException.notImplemented("Validating a claim code");
    }

    @GetMapping(ORG + "/subscriptions/{subscriptionId}")
    public void getSubscription() {
        throw ApiException.notImplemented("Getting a subscription");
    }

    @PutMapping(ORG + "/subscriptions/{subscriptionId}")
    public void setProductStatus() {
        throw ApiException.notImplemented("Activating or deactivating a subscription's product");
    }

    @PatchMapping(ORG + "/subscriptions/{subscriptionId}")
    public void shareEntitlements() {
        throw ApiException.notImplemented("Handing entitlements to managed organizations");
    }

    @GetMapping(ORG + "/users")
    public void listUsers() {
        throw ApiException.notImplemented("Listing users");
    }

    @PatchMapping(ORG + "/users")
    public void manageUsers() {
        throw ApiException.notImplemented("The user lifecycle operations");
    }

    @GetMapping(ORG + "/users/{userId}")
    public void getUser() {
        throw ApiException.notImplemented("Getting a user");
    }

    @PutMapping(ORG + "/users/{userId}")
    public void modifyUser() {
        throw ApiException.notImplemented("Modifying a user");
    }

    @GetMapping(ORG + "/users/{userId}/groups")
    public void userGroups() {
        throw ApiException.notImplemented("Listing a user's admin groups");
    }

    @PutMapping(ORG + "/adminGroups/{groupId}")
    public void modifyAdminGroup() {
        throw ApiException.notImplemented("Modifying an admin group");
    }

    @DeleteMapping(ORG + "/adminGroups/{groupId}")
    public void deleteAdminGroup() {
        throw ApiException.notImplemented("Deleting an admin group");
    }

    @PatchMapping(ORG + "/adminGroups/{groupId}")
    public void changeAdminGroupMembers() {
        throw ApiException.notImplemented("Changing an admin group's members");
    }

    @GetMapping(ORG + "/adminGroups/{groupId}/managedOrgs")
    public void adminGroupManagedOrgs() {
        throw ApiException.notImplemented("Listing an admin group's managed organizations");
    }

    @GetMapping(ORG + "/adminGroups/{groupId}/roles")
    public void adminGroupRoles() {
        throw ApiException.notImplemented("Listing an admin group's roles");
    }

    @GetMapping(ORG + "/adminGroups/{groupId}/users")
    public void adminGroupUsers() {
        throw ApiException.notImplemented("Listing an admin group's users");
    }

    @GetMapping(ORG + "/roles")
    public void listRoles() {
        throw ApiException.notImplemented("Listing roles");
    }

    @GetMapping(ORG + "/roles/{roleId}")
    public void getRole() {
        throw ApiException.notImplemented("Getting a role");
    }

    @PatchMapping(ORG + "/roles/{roleId}")
    public void assignRole() {
        throw ApiException.notImplemented("Assigning roles");
    }

    @GetMapping({ORG + "/objects", ORG + "/objects/**"})
    public void objects() {
        throw ApiException.notImplemented("Common objects");
    }

    @org.springframework.web.bind.annotation.RequestMapping({ORG + "/networks", ORG + "/networks/**",
            ORG + "/networkGroups", ORG + "/networkGroups/**"})
    public void networks() {
        throw ApiException.notImplemented("Network objects and network groups");
    }
}
