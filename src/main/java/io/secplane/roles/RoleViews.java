package io.secplane.roles;

import java.util.List;

import io.secplane.generated.scc.model.RoleProductsInner;
import io.secplane.generated.scc.model.RoleRef;
import io.secplane.generated.scc.model.RoleType;

/** Roles as the contract shows them. */
public final class RoleViews {

    private RoleViews() {
    }

    public static io.secplane.generated.scc.model.Role view(Role r) {
        return new io.secplane.generated.scc.model.Role(r.id(), r.displayName(), RoleType.fromValue(r.type()),
                r.products().stream().map(p -> new RoleProductsInner(p.key(), p.name())).toList(),
                io.secplane.generated.scc.model.Role.ApiAccessEnum.fromValue(r.apiAccess().name()))
                .description(r.description());
    }

    public static List<RoleRef> refs(List<Role> roles) {
        return refsOf(roles.stream().map(r -> new Role.Ref(r.id(), r.displayName())).toList());
    }

    public static List<RoleRef> refsOf(List<Role.Ref> roles) {
        return roles.stream().map(r -> new RoleRef(r.id(), r.displayName())).toList();
    }
}
