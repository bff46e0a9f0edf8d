package io.secplane.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.secplane.api.ApiTestSupport;
import io.secplane.roles.StaticRoles;
import io.secplane.support.Api;
import tools.jackson.databind.JsonNode;

/** Users: reading, renaming, the bulk lifecycle PATCH, invitation links, paging, the last administrator. */
public abstract class UsersSuite extends ApiTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext ctx;

    private String users(UUID org) {
        return org(org) + "/users";
    }

    /** The one-time token of the newest mail to an address, read as the operator reads the outbox. */
    protected String linkTokenFor(String email) {
        Api.Reply r = operator.get("/operator/v1/outbox?max=1&recipient=" + java.net.URLEncoder.encode(email,
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode mail = r.json().get("mail");
        assertThat(mail.size()).as("mail to %s", email).isEqualTo(1);
        assertThat(mail.get(0).has("sent")).as("no SMTP server: the mail stays in the outbox").isFalse();
        Matcher m = Pattern.compile("token=([A-Za-z0-9_-]{43})").matcher(mail.get(0).get("body").asString());
        assertThat(m.find()).as(mail.get(0).toString()).isTrue();
        return m.group(1);
    }

    @Test
    void theOutboxIsTheOperatorsOnly() {
        assertError(admin.get("/operator/v1/outbox"), 401, "invalid_token");
        assertError(anonymous.get("/operator/v1/outbox"), 401, "invalid_token");
        assertError(anonymous.as("op_forged").get("/operator/v1/outbox"), 401, "invalid_token");
        assertThat(operator.get("/operator/v1/outbox?max=2").json().get("mail").size()).isLessThanOrEqualTo(2);
        assertError(operator.get("/operator/v1/outbox?max=0"), 400, "validation_failed");
    }

    @Test
    void aUsersGetShowsTheRolesTheListShowsInNameOrder() {
        UUID both = newUser(orgA, "two-roles", StaticRoles.ORG_MEMBER, StaticRoles.ORG_ADMIN);
        UUID none = newUser(orgA, "no-roles");
        JsonNode got = admin.get(users(orgA) + "/" + both).json();
        assertThat(got.get("id").asString()).isEqualTo(both.toString());
        assertThat(got.get("roles").toString()).isEqualTo("[{\"id\":\"" + StaticRoles.ORG_ADMIN
                + "\",\"displayName\":\"Organization Administrator\"},{\"id\":\"" + StaticRoles.ORG_MEMBER
                + "\",\"displayName\":\"Organization Member\"}]");
        JsonNode bare = admin.get(users(orgA) + "/" + none).json();
        assertThat(bare.get("roles").size()).isZero();
        assertThat(bare.get("lastName").asString()).isEqualTo("no-roles");
        String email = userRows.find(orgA, both).orElseThrow().email();
        List<JsonNode> listed = new ArrayList<>();
        admin.get(users(orgA) + "?max=500").json().get("users").forEach(listed::add);
        assertThat(listed).filteredOn(u -> u.get("email").asString().equals(email)).containsExactly(got);
    }

    @Test
    void anInvitedUserSetsAPasswordWithTheMailedLinkOnce() {
        String email = "invitee-" + UUID.randomUUID().toString().substring(0, 8) + "@Example.com";
        Api.Reply r = admin.send("PATCH", users(orgA), "{\"users\":[{\"email\":\"" + email + "\",\"operation\":\"invite\","
                + "\"firstName\":\"Ina\",\"lastName\":\"Vite\"}]}", "application/json", List.of());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode result = r.json().get("results").get(0);
        assertThat(result.get("status").asString()).isEqualTo("success");
        assertThat(result.get("operation").asString()).isEqualTo("invite");
        String id = result.get("userId").asString();
        JsonNode user = admin.get(users(orgA) + "/" + id).json();
        assertThat(user.get("status").asString()).isEqualTo("PENDING");
        assertThat(user.get("email").asString()).isEqualTo(email);
        assertThat(user.get("roles").get(0).get("displayName").asString()).isEqualTo("Organization Member");
        String token = linkTokenFor(email);
        Api.Reply weak = anonymous.post("/v1/account/password", "{\"token\":\"" + token + "\",\"password\":\"short\"}");
        assertError(weak, 400, "validation_failed");
        // within the contract's 128 characters but over bcrypt's 72 bytes: refused, the link still unused
        Api.Reply tooLong = anonymous.post("/v1/account/password", "{\"token\":\"" + token + "\",\"password\":\""
                + "é".repeat(100) + "\"}");
        assertThat(assertError(tooLong, 400, "validation_failed").get("message").asString()).contains("72 bytes");
        Api.Reply set = anonymous.post("/v1/account/password", "{\"token\":\"" + token + "\",\"password\":\"a long enough secret\"}");
        assertThat(set.status()).as(set.raw()).isEqualTo(204);
        assertThat(admin.get(users(orgA) + "/" + id).json().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(userRows.findByEmail(orgA, email).orElseThrow().hasPassword()).isTrue();
        // the link works once
        assertThat(assertError(anonymous.post("/v1/account/password", "{\"token\":\"" + token
                + "\",\"password\":\"another long secret\"}"), 400, "invalid_request").get("message").asString())
                .contains("not valid");
        // inviting the same address again (any case) is refused with a reason; the rest of the batch is done
        Api.Reply again = admin.send("PATCH", users(orgA), "{\"users\":[{\"email\":\"" + email.toUpperCase()
                + "\",\"operation\":\"invite\"},{\"email\":\"nobody@example.com\",\"operation\":\"disable\"},"
                + "{\"email\":\"" + email + "\",\"operation\":\"reset_password\"}]}", "application/json", List.of());
        JsonNode results = again.json().get("results");
        assertThat(results.get(0).get("status").asString()).isEqualTo("failed");
        assertThat(results.get(0).get("errorDescription").asString()).contains("already exists");
        assertThat(results.get(1).get("status").asString()).isEqualTo("failed");
        assertThat(results.get(1).get("errorDescription").asString()).contains("No user");
        assertThat(results.get(2).get("status").asString()).isEqualTo("success");
        assertThat(linkTokenFor(email)).isNotEqualTo(token);
    }

    @Test
    void theEarlySdksSingleObjectFormIsAccepted() {
        String email = "single-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Api.Reply r = admin.send("PATCH", users(orgA), "{\"email\":\"" + email + "\",\"operation\":\"invite\"}",
                "application/json", List.of());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.json().get("results").size()).isEqualTo(1);
        assertThat(r.json().get("results").get(0).get("status").asString()).isEqualTo("success");
        assertError(admin.send("PATCH", users(orgA), "{\"email\":\"" + email + "\",\"operation\":\"invite\",\"users\":[]}",
                "application/json", List.of()), 400, "validation_failed");
        assertError(admin.send("PATCH", users(orgA), "{\"users\":[{\"email\":\"x@example.com\",\"operation\":\"explode\"}]}",
                "application/json", List.of()), 400, "validation_failed");
        assertError(admin.send("PATCH", users(orgA), "{}", "application/json", List.of()), 400, "validation_failed");
    }

    @Test
    void aSuspendedUsersKeyStopsAtOnceAndWorksAgainWhenEnabled() {
        UUID u = newUser(orgA, "suspended", StaticRoles.ORG_MEMBER);
        Api key = keyOf(orgA, u, StaticRoles.ORG_MEMBER);
        assertThat(key.get(org(orgA)).status()).isEqualTo(200);
        String email = userRows.find(orgA, u).orElseThrow().email();
        assertThat(admin.send("PATCH", users(orgA), "{\"email\":\"" + email + "\",\"operation\":\"disable\"}",
                "application/json", List.of()).json().get("results").get(0).get("status").asString()).isEqualTo("success");
        assertThat(admin.get(users(orgA) + "/" + u).json().get("status").asString()).isEqualTo("DISABLE");
        assertThat(assertError(key.get(org(orgA)), 401, "invalid_token").get("message").asString()).contains("suspended");
        admin.send("PATCH", users(orgA), "{\"email\":\"" + email + "\",\"operation\":\"enable\"}", "application/json", List.of());
        assertThat(key.get(org(orgA)).status()).isEqualTo(200);
        // removed: gone from the list and from get, its key stops for good
        admin.send("PATCH", users(orgA), "{\"email\":\"" + email + "\",\"operation\":\"remove\"}", "application/json", List.of());
        assertError(admin.get(users(orgA) + "/" + u), 404, "not_found");
        assertError(key.get(org(orgA)), 401, "invalid_token");
    }

    @Test
    void theLastActiveAdministratorCannotBeDisabledOrRemoved() {
        UUID solo = UUID.randomUUID();
        organizations.insert(solo, "Solo Org", io.secplane.organizations.Organization.OrgType.STANDALONE,
                io.secplane.organizations.Region.NAM, java.time.Instant.now());
        UUID first = newUser(solo, "first", StaticRoles.ORG_ADMIN);
        UUID second = newUser(solo, "second", StaticRoles.ORG_ADMIN);
        Api firstKey = keyOf(solo, first, StaticRoles.ORG_ADMIN);
        String firstEmail = userRows.find(solo, first).orElseThrow().email();
        String secondEmail = userRows.find(solo, second).orElseThrow().email();
        JsonNode results = firstKey.send("PATCH", users(solo), "{\"users\":[{\"email\":\"" + secondEmail
                + "\",\"operation\":\"disable\"},{\"email\":\"" + firstEmail + "\",\"operation\":\"remove\"}]}",
                "application/json", List.of()).json().get("results");
        assertThat(results.get(0).get("status").asString()).isEqualTo("success");
        assertThat(results.get(1).get("status").asString()).isEqualTo("failed");
        assertThat(results.get(1).get("errorDescription").asString()).contains("without an active administrator");
        assertThat(firstKey.get(users(solo) + "/" + first).json().get("status").asString()).isEqualTo("ACTIVE");
        // nor can its role be taken away
        JsonNode role = firstKey.send("PATCH", org(solo) + "/roles/" + StaticRoles.ORG_ADMIN, "{\"users\":[{\"operation\":\"remove\",\"id\":\""
                + first + "\"}]}", "application/json", List.of()).json();
        assertThat(role.get("summary").get("failed").asInt()).isEqualTo(1);
        assertThat(firstKey.get(org(solo)).status()).isEqualTo(200);
    }

    @Test
    void usersArePagedByEmailAndFiltered() {
        UUID org = UUID.randomUUID();
        organizations.insert(org, "Paged Org", io.secplane.organizations.Organization.OrgType.STANDALONE,
                io.secplane.organizations.Region.NAM, java.time.Instant.now());
        UUID adminUser = newUser(org, "aaadmin", StaticRoles.ORG_ADMIN);
        Api key = keyOf(org, adminUser, StaticRoles.ORG_ADMIN);
        for (int i = 0; i < 24; i++) {
            newUser(org, "user" + (char) ('a' + i), StaticRoles.ORG_MEMBER);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = key.get(users(org) + "?max=10" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("users").forEach(u -> seen.add(u.get("email").asString()));
            cursor = page.has("cursor") ? page.get("cursor").asString() : null;
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().isSorted();
        assertThat(key.get(users(org) + "?status=PENDING").json().get("users").size()).isZero();
        assertThat(key.get(users(org) + "?status=ACTIVE&max=500").json().get("users").size()).isEqualTo(25);
        assertError(key.get(users(org) + "?status=GONE"), 400, "validation_failed");
        assertError(key.get(users(org) + "?max=0"), 400, "validation_failed");
        assertError(key.get(users(org) + "?cursor=forged"), 400, "invalid_request");
        assertError(key.get(users(org) + "?groupId=" + UUID.randomUUID()), 404, "not_found");
    }

    @Test
    void putMergesNamesAndUsersStayInTheirOrg() {
        UUID u = newUser(orgA, "rename", StaticRoles.ORG_MEMBER);
        JsonNode after = admin.put(users(orgA) + "/" + u, "{\"firstName\":\"Renamed\"}").json();
        assertThat(after.get("firstName").asString()).isEqualTo("Renamed");
        assertThat(after.get("lastName").asString()).isEqualTo("rename");
        assertError(admin.put(users(orgA) + "/" + u, "{\"email\":\"x@example.com\"}"), 400, "validation_failed");
        assertError(member.put(users(orgA) + "/" + u, "{\"firstName\":\"No\"}"), 403, "insufficient_scope");
        // another org's admin sees neither the org nor the user
        assertError(otherAdmin.get(users(orgA) + "/" + u), 404, "not_found");
        assertError(otherAdmin.get(users(orgB) + "/" + u), 404, "not_found");
        // naming a user of another org in one's own org's PATCH finds no one; in the other org's, the org is not there
        JsonNode item = otherAdmin.send("PATCH", users(orgB), "{\"email\":\"" + userRows.find(orgA, u).orElseThrow().email()
                + "\",\"operation\":\"disable\"}", "application/json", List.of()).json().get("results").get(0);
        assertThat(item.get("status").asString()).isEqualTo("failed");
        assertThat(item.get("errorDescription").asString()).contains("No user");
        assertError(otherAdmin.send("PATCH", users(orgA), "{\"email\":\"x@example.com\",\"operation\":\"disable\"}",
                "application/json", List.of()), 404, "not_found");
        assertThat(admin.get(users(orgA) + "/" + u).json().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(admin.get(users(orgA) + "/" + u + "/groups").json().get("adminGroups").size()).isZero();
    }

    /** Issue 21, item 7: invitations take only real addresses; each refused item says why; stored ones keep working. */
    @Test
    void invitationsTakeOnlyRealAddresses() {
        List<String> bad = List.of("<a@b.c>", "\"><script>alert(3)</script>@w.test", "\u202Eevil@w.test", "a@b",
                "\"quoted\"@w.test", "a..b@w.test", ".a@w.test", "a@-w.test", "a b@w.test", "a@w..test", "@w.test", "ab@");
        StringBuilder items = new StringBuilder();
        for (String e : bad) {
            items.append(items.isEmpty() ? "" : ",").append("{\"email\":\"").append(e.replace("\\", "\\\\")
                    .replace("\"", "\\\"")).append("\",\"operation\":\"invite\"}");
        }
        String idn = "idn-" + UUID.randomUUID().toString().substring(0, 8) + "@b\u00fccher.example";
        items.append(",{\"email\":\"").append(idn).append("\",\"operation\":\"invite\"}");
        Api.Reply r = admin.send("PATCH", users(orgA), "{\"users\":[" + items + "]}", "application/json", List.of());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode results = r.json().get("results");
        for (int i = 0; i < bad.size(); i++) {
            assertThat(results.get(i).get("status").asString()).as(bad.get(i)).isEqualTo("failed");
            assertThat(results.get(i).get("errorDescription").asString()).as(bad.get(i)).contains("is not an email address")
                    .doesNotContain("\u202E");
        }
        assertThat(results.get(bad.size()).get("status").asString()).as(results.toString()).isEqualTo("success");
        assertThat(userRows.findByEmail(orgA, idn.replace("b\u00fccher", "xn--bcher-kva"))).isPresent();
        // an address stored before the rule keeps working and is named by the check made at start
        UUID legacy = newUser(orgA, "legacy", StaticRoles.ORG_MEMBER);
        ctx.getBean(org.springframework.jdbc.core.simple.JdbcClient.class).sql("UPDATE users SET email = ?, email_key = ? WHERE id = ?")
                .param("legacy@localhost").param("legacy@localhost").param(legacy).update();
        Api.Reply disable = admin.send("PATCH", users(orgA), "{\"users\":[{\"email\":\"legacy@localhost\",\"operation\":\"disable\"}]}",
                "application/json", List.of());
        assertThat(disable.json().get("results").get(0).get("status").asString()).as(disable.raw()).isEqualTo("success");
        assertThat(ctx.getBean(io.secplane.users.StoredEmailCheck.class).refused()).anyMatch(x -> x.contains(legacy.toString()));
    }
}
