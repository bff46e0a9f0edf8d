package io.secplane.users;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.secplane.SecplaneProperties;
import io.secplane.access.AccessResolver;
import io.secplane.audit.AuditLog;
import io.secplane.mail.Outbox;
import io.secplane.roles.RoleRepository;
import io.secplane.roles.StaticRoles;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;

/**
 * The user lifecycle of the bulk PATCH: each item in a transaction of its own, so that one item's
 * failure leaves the others done; the org's row is held while an item runs, so that two requests
 * can never together leave the org without an active administrator. Invitations and resets mail a
 * one-time link (kept only as a digest) that sets a password.
 */
@Service
public class UserLifecycle {

    /** One item of the PATCH. */
    public record Item(String email, String operation, String firstName, String lastName, List<UUID> roles) {
    }

    public record Result(String email, String operation, boolean success, String errorDescription, UUID userId) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final UserRepository users;
    private final RoleRepository roles;
    private final Outbox outbox;
    private final AuditLog audit;
    private final AccessResolver access;
    private final io.secplane.access.OrgChanges changes;
    private final TransactionTemplate tx;
    private final PasswordEncoder passwords;
    private final String publicUrl;
    private final Duration linkLifetime;

    public UserLifecycle(UserRepository users, RoleRepository roles, Outbox outbox, AuditLog audit,
                         AccessResolver access, io.secplane.access.OrgChanges changes, TransactionTemplate tx,
                         SecplaneProperties properties, PasswordEncoder passwords) {
        this.passwords = passwords;
        this.changes = changes;
        this.users = users;
        this.roles = roles;
        this.outbox = outbox;
        this.audit = audit;
        this.access = access;
        this.tx = tx;
        this.publicUrl = properties.mail().publicUrl();
        this.linkLifetime = properties.mail().linkLifetime();
    }

    public List<Result> apply(UUID orgId, List<Item> items) {
        List<Result> results = new ArrayList<>();
        for (Item item : items) {
            UUID[] id = new UUID[1];
            String error = changes.item(orgId, () -> one(orgId, item, id));
            results.add(new Result(item.email(), item.operation(), error == null, error, id[0]));
        }
        return results;
    }

    /** One item, in its transaction: null when done, else why not. */
    private String one(UUID orgId, Item item, UUID[] id) {
        String email = item.email() == null ? "" : item.email().strip();
        if (item.operation().equals("invite")) {
            // a new user's address must be a real one; addresses stored before this rule keep working
            try {
                email = Emails.normalised(email);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        } else if (!email.matches("[^@\\s]+@[^@\\s]+")) {
            return "'" + email + "' is not an email address.";
        }
        User u = users.findByEmail(orgId, email).orElse(null);
        if (u == null && !item.operation().equals("invite") && Emails.problem(email) == null
                && !Emails.normalised(email).equals(email)) {
            u = users.findByEmail(orgId, Emails.normalised(email)).orElse(null);
        }
        if (u != null && u.status().equals(User.REMOVED)) {
            u = null;
        }
        if (!item.operation().equals("invite") && u == null) {
            return "No user with this email in organization " + orgId + ".";
        }
        id[0] = u == null ? null : u.id();
        if (u != null && u.status().equals(User.SHARED)) {
            return shared(orgId, item.operation(), u);
        }
        String outcome = switch (item.operation()) {
            case "invite" -> invite(orgId, item, email, u);
            case "disable" -> {
                if (u.status().equals(User.DISABLE)) {
                    yield null;
                }
                users.setStatus(u.id(), User.DISABLE);
                yield null;
            }
            case "enable" -> {
                if (!u.status().equals(User.DISABLE)) {
                    yield "The user is not suspended (status " + u.status() + ").";
                }
                users.setStatus(u.id(), users.invitationOpen(u.id()) ? User.PENDING : User.ACTIVE);
                yield null;
            }
            case "remove" -> {
                users.remove(u.id());
                yield null;
            }
            case "resend_email_invite" -> {
                if (!u.status().equals(User.PENDING)) {
                    yield "The user has accepted the invitation already (status " + u.status() + ").";
                }
                mail(orgId, u.id(), email, "INVITE");
                yield null;
            }
            case "reset_password" -> {
                if (!u.status().equals(User.ACTIVE)) {
                    yield "Only an active user's password can be reset (status " + u.status() + ").";
                }
                mail(orgId, u.id(), email, "RESET");
                yield null;
            }
            case "reset_mfa" -> {
                if (!u.status().equals(User.ACTIVE)) {
                    yield "Only an active user's second factor can be reset (status " + u.status() + ").";
                }
                mail(orgId, u.id(), email, "MFA");
                yield null;
            }
            default -> "'" + item.operation() + "' is not an operation.";
        };
        if (outcome != null) {
            return outcome;
        }
        id[0] = u == null ? users.findByEmail(orgId, email).orElseThrow().id() : u.id();
        audit.changed(null, orgId, "users/" + id[0], item.operation());
        return null;
    }

    /**
     * An operation on a user of another org shared into this one: only its removal from this org
     * (its roles and group places here; its account is its own org's); null when done.
     */
    private String shared(UUID orgId, String operation, User u) {
        if (!operation.equals("remove")) {
            return "This user belongs to another organization and is shared into this one (status SHARED): "
                    + "only 'remove' applies here, and takes its roles and admin groups in this organization away.";
        }
        users.unshare(u.id(), orgId);
        audit.changed(null, orgId, "users/" + u.id(), "shared user " + u.email() + " removed from this organization");
        return null;
    }

    private String invite(UUID orgId, Item item, String email, User existing) {
        if (existing != null) {
            return "A user with this email already exists in this organization (status " + existing.status() + ").";
        }
        List<UUID> given = item.roles() == null || item.roles().isEmpty() ? List.of(StaticRoles.ORG_MEMBER) : item.roles();
        for (UUID role : given) {
            if (roles.find(orgId, role).isEmpty()) {
                return "Role " + role + " is not a role of this organization.";
            }
        }
        UUID id = UUID.randomUUID();
        users.insert(id, orgId, email, blankToNull(item.firstName()), blankToNull(item.lastName()), User.PENDING, null,
                given.stream().distinct().toList());
        mail(orgId, id, email, "INVITE");
        return null;
    }

    private void mail(UUID orgId, UUID userId, String email, String purpose) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        users.insertTicket(digest(token), userId, orgId, purpose, Instant.now().plus(linkLifetime));
        if (purpose.equals("MFA")) {
            outbox.enqueue(orgId, email, "Reset your second factor",
                    "An administrator asked to reset the second factor (authenticator app) of your account.\n\n"
                            + "Remove your enrolled authenticator here (the link works once, for " + linkLifetime.toDays()
                            + " days), then sign in with your password and enrol a new one:\n"
                            + publicUrl + "/account/reset-mfa?token=" + token + "\n");
            return;
        }
        String link = publicUrl + "/account/set-password?token=" + token;
        boolean invite = purpose.equals("INVITE");
        outbox.enqueue(orgId, email, invite ? "You are invited to Security Cloud Control" : "Reset your password",
                (invite ? "You have been invited to an organization in Security Cloud Control (Secplane).\n\n"
                        : "A password reset was asked for your account.\n\n")
                        + "Set your password here (the link works once, for " + linkLifetime.toDays() + " days):\n"
                        + link + "\n\nor with the API:\n"
                        + "curl -X POST " + publicUrl + "/v1/account/password -H 'Content-Type: application/json' "
                        + "-d '{\"token\":\"" + token + "\",\"password\":\"<at least 12 characters>\"}'\n");
    }

    /** Sets a password with a mailed link: once, before it expires; an invited user becomes active. */
    public void setPassword(String token, String password) {
        String digest = digest(token == null ? "" : token.strip());
        if (password != null && password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            // bcrypt reads at most 72 bytes and the library refuses more: a client's mistake, not a 500
            throw new ApiException(ErrorCode.VALIDATION_FAILED,
                    "The password is longer than 72 bytes in UTF-8, the most its hash can hold; choose a shorter one.");
        }
        String hash = passwords.encode(password);
        String problem = tx.execute(s -> {
            UserRepository.Ticket t = users.ticket(digest).orElse(null);
            if (t == null || t.purpose().equals("MFA") || t.usedAt() != null || t.expiresAt().isBefore(Instant.now()) || !users.useTicket(digest)) {
                return "This link is not valid: it was used already, has expired or was replaced by a newer one.";
            }
            User u = users.find(t.orgId(), t.userId()).orElse(null);
            if (u == null || u.status().equals(User.DISABLE)) {
                s.setRollbackOnly();
                return "This link is not valid: the user is suspended or removed.";
            }
            users.setPassword(u.id(), hash);
            if (u.status().equals(User.PENDING)) {
                users.setStatus(u.id(), User.ACTIVE);
            }
            audit.changed(io.secplane.access.Principal.user(u.orgId(), u.id()), u.orgId(), "users/" + u.id(),
                    t.purpose().equals("INVITE") ? "invitation accepted" : "password reset");
            access.userChanged(u.id());
            return null;
        });
        if (problem != null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, problem);
        }
    }

    /** Removes a user's authenticator with a mailed second-factor link: once, before it expires. */
    public void resetMfa(String token) {
        String digest = digest(token == null ? "" : token.strip());
        String problem = tx.execute(s -> {
            UserRepository.Ticket t = users.ticket(digest).orElse(null);
            if (t == null || !t.purpose().equals("MFA") || t.usedAt() != null || t.expiresAt().isBefore(Instant.now())
                    || !users.useTicket(digest)) {
                return "This link is not valid: it was used already, has expired or was replaced by a newer one.";
            }
            User u = users.find(t.orgId(), t.userId()).orElse(null);
            if (u == null || !u.status().equals(User.ACTIVE)) {
                s.setRollbackOnly();
                return "This link is not valid: the user is suspended or removed.";
            }
            users.resetMfa(u.id());
            audit.changed(io.secplane.access.Principal.user(u.orgId(), u.id()), u.orgId(), "users/" + u.id(),
                    "second factor removed");
            access.userChanged(u.id());
            return null;
        });
        if (problem != null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, problem);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String digest(String secret) {
        return io.secplane.security.Digests.sha256Hex(secret);
    }
}
