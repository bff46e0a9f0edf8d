package io.secplane.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import io.secplane.api.ApiTestSupport;
import io.secplane.roles.StaticRoles;
import io.secplane.support.ConsoleSession;
import io.secplane.support.ConsoleSession.Page;

/**
 * The console's safety, over HTTP: the session cookie and headers, CSRF on every form, sessions in
 * the database that end when their user is suspended or their password or second factor reset,
 * failed sign-ins slowed then locked (and audited), and every page and form through the same
 * authorizer as the APIs.
 */
@org.springframework.context.annotation.Import(ConsoleSuite.CountingPasswords.class)
public abstract class ConsoleSuite extends ApiTestSupport {

    private static final String PASSWORD = "correct horse battery staple";
    @Autowired
    JdbcClient jdbc;

    private ConsoleSession session() {
        return new ConsoleSession("http://127.0.0.1:" + port);
    }

    /** A new active user of org A with a password and the roles given; their email. */
    private String user(UUID... roles) {
        UUID id = UUID.randomUUID();
        String email = "console-" + id.toString().substring(0, 8) + "@example.com";
        userRows.insert(id, orgA, email, "Con", "Sole", "ACTIVE",
                PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD), List.of(roles));
        return email;
    }

    private long keys() {
        return jdbc.sql("SELECT COUNT(*) FROM api_keys WHERE org_id = ?").param(orgA).query(Long.class).single();
    }

    @Test
    void theSessionCookieIsSecureHttpOnlyLaxTheSessionIsInTheDatabaseAndThePagesForbidInlineScript() {
        ConsoleSession s = session();
        Page login = s.get("/login");
        String cookie = login.header("set-cookie");
        assertThat(cookie).startsWith("SECPLANE_SESSION=").contains("Secure").contains("HttpOnly").contains("SameSite=Lax");
        String csp = login.header("content-security-policy");
        assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline").contains("frame-ancestors 'none'");
        assertThat(login.body()).doesNotContain("<script>").doesNotContain("style=\"").doesNotContain(" onclick=");
        String email = user(StaticRoles.ORG_ADMIN);
        Page in = s.signIn(email, PASSWORD);
        assertThat(in.status()).isEqualTo(303);
        assertThat(in.location()).isEqualTo("/orgs/" + orgA);
        UUID userId = jdbc.sql("SELECT id FROM users WHERE email_key = ?").param(email).query(UUID.class).single();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?").param(userId.toString())
                .query(Long.class).single()).isEqualTo(1);
        // the session id changed at sign-in (no fixation)
        assertThat(s.cookie()).isNotEqualTo(cookie.substring("SECPLANE_SESSION=".length(), cookie.indexOf(';')));
        Page users = s.get("/orgs/" + orgA + "/users");
        assertThat(users.status()).isEqualTo(200);
        assertThat(users.body()).contains(email);
        // the APIs ignore the cookie: their chain is the stateless token chain
        Page api = s.get("/v1/organizations");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.body()).contains("\"error\"");
        // signed out: the session is gone from the database
        assertThat(s.post("/logout", Map.of()).location()).isEqualTo("/login");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?").param(userId.toString())
                .query(Long.class).single()).isZero();
        assertThat(s.get("/orgs/" + orgA + "/users").location()).isEqualTo("/login");
    }

    @Test
    void everyFormRefusesAMissingOrWrongCsrfToken() {
        ConsoleSession s = session();
        s.signIn(user(StaticRoles.ORG_ADMIN), PASSWORD);
        s.get("/orgs/" + orgA + "/api-keys");
        long before = keys();
        String form = "name=csrf+probe&expiry=never&role=" + StaticRoles.ORG_ADMIN;
        Page missing = s.postRaw("/orgs/" + orgA + "/api-keys", form);
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.header("content-type")).startsWith("text/html");
        assertThat(missing.body()).contains("CSRF").contains("Tracking id").doesNotContain("Exception");
        Page wrong = s.postRaw("/orgs/" + orgA + "/api-keys", form + "&_csrf=" + "A".repeat(96));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(keys()).isEqualTo(before);
        // another session's token does not do either
        ConsoleSession other = session();
        other.signIn(user(StaticRoles.ORG_ADMIN), PASSWORD);
        other.get("/orgs/" + orgA + "/api-keys");
        assertThat(s.postRaw("/orgs/" + orgA + "/api-keys", form + "&_csrf=" + other.csrf()).status()).isEqualTo(403);
        assertThat(keys()).isEqualTo(before);
        Page ok = s.postRaw("/orgs/" + orgA + "/api-keys", form + "&_csrf=" + s.csrf());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("cache-control")).contains("no-store");
        assertThat(ok.body()).contains("id=\"accessToken\"");
        assertThat(keys()).isEqualTo(before + 1);
        // the sign-in and sign-out forms too
        ConsoleSession anonymous = session();
        anonymous.get("/login");
        assertThat(anonymous.postRaw("/login", "email=a%40b.c&password=x").status()).isEqualTo(403);
        assertThat(s.postRaw("/logout", "").status()).isEqualTo(403);
    }

    @Test
    void aSuspendedUsersOpenSessionStopsAtItsNextClickAndAPasswordResetEndsSessions() {
        String email = user(StaticRoles.ORG_ADMIN);
        ConsoleSession s = session();
        s.signIn(email, PASSWORD);
        assertThat(s.get("/orgs/" + orgA + "/roles").status()).isEqualTo(200);
        String stolen = s.cookie();
        assertThat(admin.send("PATCH", org(orgA) + "/users", "{\"email\":\"" + email + "\",\"operation\":\"disable\"}",
                "application/json", List.of()).status()).isEqualTo(200);
        Page next = s.get("/orgs/" + orgA + "/roles");
        assertThat(next.status()).isEqualTo(303);
        assertThat(next.location()).isEqualTo("/login");
        assertThat(s.get("/login").body()).contains("no longer active");
        // enabled again, the old session stays ended; a new sign-in works
        admin.send("PATCH", org(orgA) + "/users", "{\"email\":\"" + email + "\",\"operation\":\"enable\"}",
                "application/json", List.of());
        assertThat(session().withCookie(stolen).get("/orgs/" + orgA + "/roles").status()).isEqualTo(303);
        ConsoleSession again = session();
        assertThat(again.signIn(email, PASSWORD).location()).isEqualTo("/orgs/" + orgA);
        // a password reset (its link used) ends the sessions open before it
        admin.send("PATCH", org(orgA) + "/users", "{\"email\":\"" + email + "\",\"operation\":\"reset_password\"}",
                "application/json", List.of());
        assertThat(again.get("/orgs/" + orgA + "/roles").status()).as("the link is not used yet").isEqualTo(200);
        String body = jdbc.sql("SELECT body FROM mail_outbox WHERE recipient = ? ORDER BY created_at DESC LIMIT 1")
                .param(email).query(String.class).single();
        String token = body.replaceAll("(?s).*set-password\\?token=([A-Za-z0-9_-]+).*", "$1");
        ConsoleSession link = session();
        link.get("/account/set-password?token=" + token);
        assertThat(link.post("/account/set-password", Map.of("token", token, "password", "a new long password",
                "confirm", "a new long password")).location()).isEqualTo("/login");
        assertThat(again.get("/orgs/" + orgA + "/roles").location()).isEqualTo("/login");
        assertThat(again.get("/login").body()).contains("password or second factor changed");
    }

    @Test
    void repeatedFailedSignInsAreSlowedThenLockedAndTheLockIsInTheAuditLog() {
        String email = user(StaticRoles.ORG_MEMBER);
        ConsoleSession s = session();
        s.get("/login");
        long slowest = 0;
        for (int i = 1; i <= 7; i++) {
            long t0 = System.nanoTime();
            Page p = s.post("/login", Map.of("email", email, "password", "wrong " + i));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            slowest = Math.max(slowest, ms);
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.body()).contains("The email or password is wrong.");
        }
        // from the third failure on, each answer waits (250 ms, doubling, at most 2 s)
        assertThat(slowest).isGreaterThanOrEqualTo(1_000);
        Page locked = s.post("/login", Map.of("email", email, "password", "wrong 8"));
        // a locked account answers the words of a wrong password: its owner learns of the lock by mail
        assertThat(locked.body()).contains("The email or password is wrong.").doesNotContain("locked");
        assertThat(jdbc.sql("SELECT body FROM mail_outbox WHERE recipient = ? ORDER BY created_at DESC LIMIT 1")
                .param(email).query(String.class).single()).contains("locked").contains("until");
        // the right password does not open a locked account
        Page still = s.post("/login", Map.of("email", email, "password", PASSWORD));
        assertThat(still.status()).isEqualTo(400);
        assertThat(still.body()).contains("The email or password is wrong.");
        UUID userId = jdbc.sql("SELECT id FROM users WHERE email_key = ?").param(email).query(UUID.class).single();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE org_id = ? AND target = ? AND detail LIKE 'sign-in locked%'")
                .param(orgA).param("users/" + userId).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE target = ? AND detail LIKE 'sign-in failed%'")
                .param("users/" + userId).query(Long.class).single()).isEqualTo(8);
        // an unknown email answers the same words, and locks nothing
        assertThat(s.post("/login", Map.of("email", "nobody@example.com", "password", "x")).body())
                .contains("The email or password is wrong.");
        // once the lock has passed, the password works
        jdbc.sql("UPDATE users SET locked_until = ? WHERE id = ?").param(java.time.OffsetDateTime.now().minusSeconds(1))
                .param(userId).update();
        assertThat(s.post("/login", Map.of("email", email, "password", PASSWORD)).location()).isEqualTo("/orgs/" + orgA);
    }

    @Test
    void pagesAndFormsGoThroughTheOneAuthorizer() {
        ConsoleSession member = session();
        String memberEmail = user(StaticRoles.ORG_MEMBER);
        member.signIn(memberEmail, PASSWORD);
        UUID memberId = jdbc.sql("SELECT id FROM users WHERE email_key = ?").param(memberEmail).query(UUID.class).single();
        assertThat(member.get("/orgs/" + orgA + "/users").status()).isEqualTo(200);
        // a member reads but does not change
        Page invite = member.post("/orgs/" + orgA + "/users", Map.of("email", "nope@example.com"));
        assertThat(invite.status()).isEqualTo(403);
        assertThat(invite.body()).contains("write access").contains("Tracking id");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE email_key = 'nope@example.com'").query(Long.class).single()).isZero();
        assertThat(member.get("/orgs/" + orgA + "/api-keys").status()).isEqualTo(403);
        assertThat(member.get("/orgs/" + orgA + "/audit-log").status()).isEqualTo(403);
        // another org: as if it did not exist
        Page other = member.get("/orgs/" + orgB + "/users");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("Other Org");
        // what was refused is in the audit log, with the console's operation
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE org_id = ? AND operation = 'inviteUserForm' AND outcome = 'refused' "
                        + "AND actor_user_id = ?").param(orgA).param(memberId).query(Long.class).single()).isEqualTo(1);
        // an admin of org A does not reach org B either, nor with its ids
        ConsoleSession admin = session();
        admin.signIn(user(StaticRoles.ORG_ADMIN), PASSWORD);
        assertThat(admin.get("/orgs/" + orgB).status()).isEqualTo(404);
        assertThat(admin.post("/orgs/" + orgB + "/roles", Map.of("displayName", "x")).status()).isEqualTo(404);
        // not signed in: to the sign-in page, for pages and forms
        ConsoleSession nobody = session();
        assertThat(nobody.get("/orgs/" + orgA).location()).isEqualTo("/login");
        assertThat(nobody.get("/").location()).isEqualTo("/login");
    }

    /**
     * Every page and form of the console's contract that acts on an org, for an administrator and a
     * member of org A and an administrator of org B, aimed at org A: the authorizer's answer is what
     * the contract's {@code x-secplane-access} says (the sub-resources are made-up ids: what the
     * service says of them comes after the authorizer let the request through).
     */
    /** What each console operation on an org needs, by this test (not read from the production code). */
    private static final Map<String, String> CONSOLE_NEEDS = java.util.stream.Stream.of(
            "orgOverview read", "usersPage read", "inviteUserForm write", "userActionForm write", "adminGroupsPage read",
            "createAdminGroupForm write", "adminGroupPage read", "changeAdminGroupForm write", "deleteAdminGroupForm write",
            "rolesPage read", "createRoleForm write", "subscriptionsPage read", "claimForm write", "claimInfoForm write",
            "subscriptionStatusForm write", "subscriptionShareForm write", "apiKeysPage write", "generateApiKeyForm write",
            "apiKeyStatusForm write", "deleteApiKeyForm write", "auditLogPage write", "apiClientsPage read",
            "generateApiClientForm write", "apiClientStatusForm write", "deleteApiClientForm write", "integrationsPage read",
            "integrationForm write", "secureEndpointPage read", "integrateNowForm write", "seComputersPage read",
            "seComputerPage read", "seMoveComputerForm write", "seGroupsPage read", "sePoliciesPage read", "sePolicyPage read",
            "seAttachSetForm write", "seDetachSetForm write", "seSetPolicyDeviceControlForm write",
            "seRemovePolicyDeviceControlForm write", "seExclusionSetsPage read", "seCreateSetForm write", "seExclusionSetPage read",
            "seAddExclusionForm write", "seDeleteExclusionForm write", "seDeleteSetForm write", "seDeviceControlPage read",
            "seCreateConfigurationForm write", "seConfigurationPage read", "seAddRuleForm write", "seMoveRuleForm write",
            "seDeleteRuleForm write", "seDeleteConfigurationForm write", "seAuditLogPage read")
            .map(e -> e.split(" ")).collect(java.util.stream.Collectors.toMap(e -> e[0], e -> e[1]));

    @Test
    void everyConsoleOperationAnswersEveryCallerAsTheRulesSay() {
        ConsoleSession adminOfA = session();
        adminOfA.signIn(user(StaticRoles.ORG_ADMIN), PASSWORD);
        ConsoleSession memberOfA = session();
        memberOfA.signIn(user(StaticRoles.ORG_MEMBER), PASSWORD);
        ConsoleSession adminOfB = session();
        UUID bAdmin = UUID.randomUUID();
        String bEmail = "console-b-" + bAdmin.toString().substring(0, 8) + "@example.com";
        userRows.insert(bAdmin, orgB, bEmail, "B", "Admin", "ACTIVE",
                PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD), List.of(StaticRoles.ORG_ADMIN));
        adminOfB.signIn(bEmail, PASSWORD);
        java.util.List<String> wrong = new java.util.ArrayList<>();
        int checked = 0;
        for (var op : new io.secplane.contract.ContractCatalog().operations()) {
            if (op.api() != io.secplane.contract.ContractCatalog.Api.CONSOLE || !op.path().contains("{orgId}")) {
                continue;
            }
            String path = op.path().replace("{orgId}", orgA.toString()).replace("{clientId}", "client-" + UUID.randomUUID())
                    .replaceAll("\\{[A-Za-z]+}", UUID.randomUUID().toString());
            String need = CONSOLE_NEEDS.get(op.operationId());
            if (need == null) {
                wrong.add(op.operationId() + ": not in this test's table");
                continue;
            }
            boolean write = need.equals("write");
            Map<String, String> expected = Map.of("admin of A", "allowed", "member of A", write ? "403" : "allowed",
                    "admin of B", "404");
            for (var caller : Map.of("admin of A", adminOfA, "member of A", memberOfA, "admin of B", adminOfB).entrySet()) {
                caller.getValue().get("/orgs/" + (caller.getKey().endsWith("B") ? orgB : orgA) + "/roles");
                Page p = op.method().equals("GET") ? caller.getValue().get(path) : caller.getValue().post(path, Map.of());
                String outcome = p.status() == 403 && p.body().contains("needs write access") ? "403"
                        : p.status() == 404 && p.body().contains("Organization " + orgA + " not found") ? "404"
                        : p.status() == 303 && "/login".equals(p.location()) ? "signed out"
                        : "allowed";
                if (!outcome.equals(expected.get(caller.getKey()))) {
                    wrong.add(op.method() + " " + op.path() + " as " + caller.getKey() + ": " + outcome + " (" + p.status()
                            + "), expected " + expected.get(caller.getKey()));
                }
                checked++;
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isEqualTo(3 * CONSOLE_NEEDS.size());
    }

    @Test
    void formsSayWhatIsWrongNextToTheField() {
        ConsoleSession s = session();
        s.signIn(user(StaticRoles.ORG_ADMIN), PASSWORD);
        s.get("/orgs/" + orgA + "/roles");
        Page p = s.post("/orgs/" + orgA + "/roles", Map.of("displayName", ""));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.body()).contains("id=\"displayName-error\"").contains("aria-describedby=\"displayName-error\"");
        s.get("/orgs/" + orgA + "/api-keys");
        Page k = s.post("/orgs/" + orgA + "/api-keys", Map.of("name", "x", "expiry", "date", "expiresOn", "someday",
                "role", StaticRoles.ORG_MEMBER.toString()));
        assertThat(k.status()).isEqualTo(400);
        assertThat(k.body()).contains("id=\"expiresOn-error\"");
        Page bad = s.post("/orgs/" + orgA + "/api-keys", Map.of("name", "x", "role", "not-a-uuid"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("content-type")).startsWith("text/html");
        assertThat(bad.body()).doesNotContain("UUID.").doesNotContain("java.");
    }

    @Test
    void aSecondFactorResetWorksThroughTheMailedLink() {
        String email = user(StaticRoles.ORG_MEMBER);
        UUID userId = jdbc.sql("SELECT id FROM users WHERE email_key = ?").param(email).query(UUID.class).single();
        String secret = Totp.newSecret();
        jdbc.sql("UPDATE users SET totp_secret = ?, mfa_enrolled = TRUE WHERE id = ?").param(secret).param(userId).update();
        ConsoleSession s = session();
        Page pw = s.signIn(email, PASSWORD);
        assertThat(pw.location()).isEqualTo("/login/mfa");
        assertThat(admin.send("PATCH", org(orgA) + "/users", "{\"email\":\"" + email + "\",\"operation\":\"reset_mfa\"}",
                "application/json", List.of()).status()).isEqualTo(200);
        // the authenticator stays until the link is used
        assertThat(jdbc.sql("SELECT mfa_enrolled FROM users WHERE id = ?").param(userId).query(Boolean.class).single()).isTrue();
        String body = jdbc.sql("SELECT body FROM mail_outbox WHERE recipient = ? ORDER BY created_at DESC LIMIT 1")
                .param(email).query(String.class).single();
        String token = body.replaceAll("(?s).*reset-mfa\\?token=([A-Za-z0-9_-]+).*", "$1");
        ConsoleSession link = session();
        assertThat(link.get("/account/reset-mfa?token=" + token).status()).isEqualTo(200);
        // the link is not a password link
        assertThat(link.post("/account/set-password", Map.of("token", token, "password", "another long password",
                "confirm", "another long password")).status()).isEqualTo(400);
        link.get("/account/reset-mfa?token=" + token);
        assertThat(link.post("/account/reset-mfa", Map.of("token", token)).location()).isEqualTo("/login");
        assertThat(jdbc.sql("SELECT totp_secret FROM users WHERE id = ?").param(userId).query(String.class).optional()).isEmpty();
        // the half-done sign-in before it is over; with the password alone it works now
        Page half = s.post("/login/mfa", Map.of("code", Totp.code(secret, Instant.now())));
        assertThat(half.status()).isEqualTo(303);
        assertThat(half.location()).isEqualTo("/login");
        assertThat(session().signIn(email, PASSWORD).location()).isEqualTo("/orgs/" + orgA);
        // used once
        link.get("/account/reset-mfa?token=" + token);
        assertThat(link.post("/account/reset-mfa", Map.of("token", token)).status()).isEqualTo(400);
    }

    @Test
    void theMailboxAnswersTheServersOwnMachineOnly() {
        assertThat(MailboxPage.loopback("127.0.0.1")).isTrue();
        assertThat(MailboxPage.loopback("127.5.6.7")).isTrue();
        assertThat(MailboxPage.loopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(MailboxPage.loopback("10.0.0.1")).isFalse();
        assertThat(MailboxPage.loopback("192.168.1.10")).isFalse();
        assertThat(MailboxPage.loopback("localhost")).isFalse();
        assertThat(MailboxPage.loopback(null)).isFalse();
        Page box = session().get("/mailbox");
        assertThat(box.status()).isEqualTo(200);
        assertThat(box.body()).contains("Mailbox");
    }

    /** Counts the password hashes the server computes: one per sign-in attempt, whatever the attempt. */
    @org.springframework.boot.test.context.TestConfiguration
    static class CountingPasswords {
        static final java.util.concurrent.atomic.AtomicLong MATCHES = new java.util.concurrent.atomic.AtomicLong();

        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        org.springframework.security.crypto.password.PasswordEncoder countingPasswordEncoder() {
            // the server's own encoder (its hashes on their own threads), counted
            var real = new io.secplane.security.Passwords.Hashing(PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                    Runtime.getRuntime().availableProcessors());
            return new org.springframework.security.crypto.password.PasswordEncoder() {
                @Override
                public String encode(CharSequence raw) {
                    return real.encode(raw);
                }

                @Override
                public boolean matches(CharSequence raw, String encoded) {
                    MATCHES.incrementAndGet();
                    return real.matches(raw, encoded);
                }
            };
        }
    }

    /**
     * Issue 21, item 2: 60 simultaneous wrong sign-ins to one account: exactly the limit (8) are
     * checked, the rest refused without a hash; the right password sent after them is refused too;
     * no answer is a 500; an unknown email, a wrong password and a locked account answer the same
     * words for the same cost: one password hash per attempt.
     */
    @Test
    void lockoutIsExactUnderConcurrencyAndAnswersTellNothing() throws Exception {
        String email = user(StaticRoles.ORG_MEMBER);
        UUID userId = jdbc.sql("SELECT id FROM users WHERE email_key = ?").param(email).query(UUID.class).single();
        long before = CountingPasswords.MATCHES.get();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(60);
        List<java.util.concurrent.Future<Page>> answers = new java.util.ArrayList<>();
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 60; i++) {
                int n = i;
                ConsoleSession s = session();
                s.get("/login");
                answers.add(pool.submit(() -> {
                    start.await();
                    return s.post("/login", Map.of("email", email, "password", "wrong " + n));
                }));
            }
            start.countDown();
            for (var f : answers) {
                Page p = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(p.status()).as(p.body()).isEqualTo(400);
                assertThat(p.body()).contains("The email or password is wrong.");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(CountingPasswords.MATCHES.get() - before).as("password hashes checked").isEqualTo(60);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE target = ? AND detail LIKE 'sign-in failed%'")
                .param("users/" + userId).query(Long.class).single()).isEqualTo(8);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE target = ? AND detail LIKE 'sign-in locked%'")
                .param("users/" + userId).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = ? AND subject LIKE '%locked%'")
                .param(email).query(Long.class).single()).isEqualTo(1);
        // the right password after the burst: refused, the lock stays, one hash
        ConsoleSession s = session();
        s.get("/login");
        long mark = CountingPasswords.MATCHES.get();
        Page right = s.post("/login", Map.of("email", email, "password", PASSWORD));
        assertThat(right.status()).isEqualTo(400);
        assertThat(right.body()).contains("The email or password is wrong.");
        assertThat(jdbc.sql("SELECT locked_until FROM users WHERE id = ?").param(userId)
                .query(java.time.OffsetDateTime.class).single()).isAfter(java.time.OffsetDateTime.now());
        // an unknown email and a wrong password of an open account: the same words, one hash each
        String open = user(StaticRoles.ORG_MEMBER);
        Page unknown = s.post("/login", Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com", "password", "x"));
        Page wrong = s.post("/login", Map.of("email", open, "password", "x"));
        assertThat(CountingPasswords.MATCHES.get() - mark).isEqualTo(3);
        assertThat(unknown.body()).contains("The email or password is wrong.");
        assertThat(wrong.body()).contains("The email or password is wrong.");
        assertThat(unknown.status()).isEqualTo(wrong.status()).isEqualTo(400);
    }
}
