package io.secplane.access;

import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.secplane.users.UserRepository;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;

/**
 * Changes to who may do what in an org (members, roles, groups, user status), each in a transaction
 * that holds the org's row: two at once queue, and none may leave an org that had an active
 * administrator without one. Whatever is decided from the old state is forgotten at the commit.
 */
@Component
public class OrgChanges {

    public static final String LAST_ADMIN = "This would leave organization %s without an active administrator; "
            + "make another user an administrator first.";

    private final UserRepository users;
    private final AccessResolver access;
    private final TransactionTemplate tx;

    public OrgChanges(UserRepository users, AccessResolver access, TransactionTemplate tx) {
        this.users = users;
        this.access = access;
        this.tx = tx;
    }

    /** A whole change: done, or refused with 409 and nothing done. */
    public <T> T run(UUID orgId, Supplier<T> work) {
        return tx.execute(s -> {
            users.lockOrg(orgId);
            long before = users.activeAdmins(orgId);
            T result = work.get();
            if (before > 0 && users.activeAdmins(orgId) == 0) {
                throw new ApiException(ErrorCode.CONFLICT, LAST_ADMIN.formatted(orgId));
            }
            access.changed(orgId);
            return result;
        });
    }

    /** One item of a bulk change: the work answers null when done or why not; on a refusal nothing of it stays. */
    public String item(UUID orgId, Supplier<String> work) {
        try {
            return tx.execute(s -> {
                users.lockOrg(orgId);
                long before = users.activeAdmins(orgId);
                String error = work.get();
                if (error == null && before > 0 && users.activeAdmins(orgId) == 0) {
                    error = LAST_ADMIN.formatted(orgId);
                }
                if (error != null) {
                    s.setRollbackOnly();
                } else {
                    access.changed(orgId);
                }
                return error;
            });
        } catch (org.springframework.dao.DataAccessException e) {
            return "The change could not be saved; try it again.";
        }
    }
}
