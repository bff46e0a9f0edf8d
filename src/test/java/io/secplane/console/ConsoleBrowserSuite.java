package io.secplane.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.WebElement;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.secplane.support.Api;
import io.secplane.support.XdrFixtures;
import tools.jackson.databind.JsonNode;

/**
 * The seeds' "in the user interface" steps, clicked in a real browser against a whole server
 * started with --demo: sign in with a second factor; generate an API key and call the platform API
 * with its token; generate an XDR API client and get an IROH token with it; the Secure Endpoint
 * integration off and on (Integrate Now) and the token exchange refused, then working; claim a demo
 * claim code; invite a user, follow the mailbox link, set their password and sign in as them. Every
 * page is photographed, checked with axe-core, and fits a phone's width.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ConsoleBrowserSuite {

    private ConsoleServer server;
    private Browser browser;
    private String org;
    private String adminPassword;
    private String totpSecret;
    private long lastStep;
    private final List<String> visited = new ArrayList<>();

    abstract String backend();

    @BeforeAll
    void start() throws Exception {
        server = new ConsoleServer(backend());
        browser = new Browser(server.base);
        org = server.secret("orgId");
        adminPassword = server.secret("adminPassword");
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void check(String name) throws Exception {
        browser.check(backend() + "-" + name);
        visited.add(browser.path());
    }

    private void signIn(String email, String password) {
        browser.open("/login");
        browser.type("#email", email);
        browser.type("#password", password);
        browser.submit("main button[type=submit]");
    }

    /** A code of the authenticator that has not been used: the current step's, or the next one's (one step of drift is allowed). */
    private String freshCode() throws InterruptedException {
        long now = Totp.step(Instant.now());
        if (now + 1 <= lastStep) {
            Thread.sleep((lastStep - now) * 30_000L);
            now = Totp.step(Instant.now());
        }
        lastStep = Math.max(now, lastStep + 1);
        return Totp.code(totpSecret, Instant.ofEpochSecond(lastStep * 30));
    }

    private void signOut() {
        browser.submit("header form button");
    }

    @Test
    @Order(1)
    void signInWithTheKeyboardEnrolASecondFactorAndBeAskedForIt() throws Exception {
        browser.open("/");
        assertThat(browser.path()).isEqualTo("/login");
        check("login");
        // the keyboard alone: the skip link, then the fields in order, then Enter
        WebElement email = browser.find("#email");
        email.click();
        browser.navigates(() -> email.sendKeys("admin@secplane.local", Keys.TAB, adminPassword, Keys.ENTER));
        assertThat(browser.path()).isEqualTo("/orgs/" + org);
        assertThat(browser.text()).contains("Acme Corp").contains("administrator");
        check("overview");

        browser.open("/account/mfa");
        check("enrol-mfa");
        totpSecret = browser.find("#secret").getAttribute("value");
        assertThat(browser.find(".qr svg")).isNotNull();
        browser.type("#code", "000000".equals(Totp.code(totpSecret, Instant.now())) ? "111111" : "000000");
        browser.submit("main form button[type=submit]");
        assertThat(browser.find("#code-error").getText()).contains("does not match");
        check("enrol-mfa-wrong-code");
        totpSecret = browser.find("#secret").getAttribute("value");
        lastStep = Totp.step(Instant.now()) - 1;
        browser.type("#code", freshCode());
        browser.submit("main form button[type=submit]");
        assertThat(browser.text()).contains("authenticator is enrolled");
        assertThat(server.bean(JdbcClient.class).sql("SELECT mfa_enrolled FROM users WHERE email_key = 'admin@secplane.local'")
                .query(Boolean.class).single()).isTrue();
        signOut();
        assertThat(browser.path()).isEqualTo("/login");

        signIn("admin@secplane.local", adminPassword);
        assertThat(browser.path()).isEqualTo("/login/mfa");
        check("mfa");
        // the code used at enrolment is spent
        browser.type("#code", Totp.code(totpSecret, Instant.ofEpochSecond(lastStep * 30)));
        browser.submit("main form button[type=submit]");
        assertThat(browser.path()).isEqualTo("/login/mfa");
        assertThat(browser.text()).contains("wrong or was used already");
        browser.type("#code", freshCode());
        browser.submit("main form button[type=submit]");
        assertThat(browser.path()).isEqualTo("/orgs/" + org);
    }

    @Test
    @Order(2)
    void claimADemoClaimCode() throws Exception {
        String code = server.boot.get("claimCodes").get(0).asString();
        browser.open("/orgs/" + org + "/subscriptions");
        browser.type("#claimCode", "CC-NOT-A-CODE");
        // (the demo's own subscription is listed above the form, with forms of its own)
        browser.submit("main form:has(#claimCode) button[type=submit]");
        assertThat(browser.find("#claimCode-error").getText()).isNotBlank();
        browser.type("#claimCode", code);
        browser.submit("main form:has(#claimCode) button[type=submit]");
        assertThat(browser.text()).contains("Cisco Secure Endpoint").contains("Cisco XDR");
        check("claim-regions");
        // the demo org has both tenants already: attach them
        new Select(browser.find("#region-secure-endpoint")).selectByValue("existing");
        new Select(browser.find("#region-xdr")).selectByValue("existing");
        browser.submit("main form[action$='/subscriptions'] button[type=submit]");
        assertThat(browser.text()).contains("Claimed");
        check("subscriptions");
        JsonNode subs = server.api().as(server.secret("accessToken")).get("/v1/organizations/" + org + "/subscriptions").json();
        assertThat(subs.toString()).contains(code).contains("\"status\":\"active\"").doesNotContain("pending");
    }

    @Test
    @Order(3)
    void generateAnApiKeyAndCallThePlatformApiWithItsToken() throws Exception {
        browser.open("/orgs/" + org + "/api-keys");
        browser.submit("section[aria-labelledby=gen-h] button[type=submit]");
        // nothing chosen: the form says what is wrong next to the fields
        assertThat(browser.find("#name-error").getText()).isNotBlank();
        assertThat(browser.find("#roles-error").getText()).isNotBlank();
        check("api-keys-refused");
        browser.type("#name", "console key");
        browser.type("#description", "made in the browser");
        for (WebElement box : browser.all("input[name=role]")) {
            if (box.findElement(By.xpath("following-sibling::label")).getText()
                    .equals("Organization Administrator")) {
                box.click();
            }
        }
        browser.find("#expiry-never").click();
        browser.submit("section[aria-labelledby=gen-h] button[type=submit]");
        String keyId = browser.find("#apiKeyId").getAttribute("value");
        String access = browser.find("#accessToken").getAttribute("value");
        String refresh = browser.find("#refreshToken").getAttribute("value");
        assertThat(browser.all("button.copy")).hasSize(3);
        check("api-key-shown-once");
        Api.Reply orgs = server.api().as(access).get("/v1/organizations");
        assertThat(orgs.status()).isEqualTo(200);
        assertThat(orgs.json().get("organizations").toString()).contains(org);
        assertThat(refresh).isNotBlank();
        // shown once: the list shows the key, never its tokens again
        browser.open("/orgs/" + org + "/api-keys");
        assertThat(browser.text()).contains("console key").doesNotContain(access).doesNotContain(refresh);
        assertThat(browser.driver.getPageSource()).doesNotContain(access);
        // disabled in the console: its token stops
        browser.submit("button[aria-label='Disable console key']");
        assertThat(browser.text()).contains("is disabled");
        assertThat(server.api().as(access).get("/v1/organizations").status()).isEqualTo(401);
        browser.submit("button[aria-label='Enable console key']");
        assertThat(server.api().as(access).get("/v1/organizations").status()).isEqualTo(200);
        assertThat(keyId).isNotBlank();
    }

    @Test
    @Order(4)
    void generateAnXdrApiClientGetAnIrohTokenAndIntegrateSecureEndpoint() throws Exception {
        browser.open("/orgs/" + org + "/xdr/api-clients");
        browser.type("#name", "console client");
        browser.find("#scope-enrich").click();
        browser.find("#scope-casebook").click();
        browser.type("#description", "for the seed's script");
        browser.submit("section[aria-labelledby=gen-h] button[type=submit]");
        String clientId = browser.find("#clientId").getAttribute("value");
        String password = browser.find("#clientPassword").getAttribute("value");
        assertThat(clientId).startsWith("client-");
        assertThat(password).hasSize(54);
        check("api-client-shown-once");
        Api api = server.api();
        Api.Reply token = api.onHost(XdrFixtures.irohHost("NAM")).send("POST", "/iroh/oauth2/token",
                "grant_type=client_credentials", "application/x-www-form-urlencoded", List.of("Authorization",
                        "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + password).getBytes())));
        assertThat(token.status()).as(token.raw()).isEqualTo(200);
        String iroh = token.json().get("access_token").asString();

        // the integration off (XDR: Administration -> Integrations): the exchange is refused
        browser.open("/orgs/" + org + "/xdr/integrations");
        check("integrations");
        assertThat(browser.text()).contains("enabled");
        browser.submit("main form button[type=submit]");
        assertThat(browser.text()).contains("not enabled");
        Api.Reply refused = api.onHost(XdrFixtures.seHost("NAM")).send("POST", "/v3/access_tokens", null, null,
                List.of("Authorization", "Bearer " + iroh));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(403);

        // Secure Endpoint: Integrate Now; the exchange works
        browser.open("/orgs/" + org + "/secure-endpoint");
        assertThat(browser.text()).contains("4baascfeaofqpxidpinxtt5l");
        check("secure-endpoint");
        browser.submit("main form button[type=submit]");
        assertThat(browser.text()).contains("integrated with XDR");
        Api.Reply exchanged = api.onHost(XdrFixtures.seHost("NAM")).send("POST", "/v3/access_tokens", null, null,
                List.of("Authorization", "Bearer " + iroh));
        assertThat(exchanged.status()).as(exchanged.raw()).isEqualTo(200);
        assertThat(exchanged.json().get("access_token").asString()).isNotBlank();
    }

    @Test
    @Order(5)
    void inviteAUserFollowTheMailboxLinkSetTheirPasswordAndSignInAsThem() throws Exception {
        browser.open("/orgs/" + org + "/users");
        browser.type("#email", "new.colleague@example.com");
        browser.type("#firstName", "New");
        browser.type("#lastName", "Colleague");
        browser.submit("section[aria-labelledby=invite-h] button[type=submit]");
        assertThat(browser.text()).contains("Invited new.colleague@example.com").contains("PENDING");
        check("users");
        browser.open("/mailbox?to=new.colleague@example.com");
        check("mailbox");
        WebElement link = browser.find("article.mail a[href*='/account/set-password']");
        assertThat(link.getAttribute("href")).startsWith(server.base);
        browser.navigates(link::click);
        assertThat(browser.path()).isEqualTo("/account/set-password");
        check("set-password");
        browser.type("#password", "short");
        browser.type("#confirm", "short");
        browser.submit("main form button[type=submit]");
        assertThat(browser.find("#password-error").getText()).contains("12");
        browser.type("#password", "a long enough password");
        browser.type("#confirm", "a long enough password");
        browser.submit("main form button[type=submit]");
        assertThat(browser.path()).isEqualTo("/login");
        assertThat(browser.text()).contains("Your password is set");
        signIn("new.colleague@example.com", "a long enough password");
        assertThat(browser.path()).isEqualTo("/orgs/" + org);
        assertThat(browser.text()).contains("new.colleague@example.com").contains("member");
        signOut();
        signIn("admin@secplane.local", adminPassword);
        browser.type("#code", freshCode());
        browser.submit("main form button[type=submit]");
        assertThat(browser.path()).isEqualTo("/orgs/" + org);
    }

    /** A Secure Endpoint token of the demo's XDR API client (the seed's token chain). */
    private Api secureEndpoint() {
        Api api = server.api();
        String iroh = api.onHost(XdrFixtures.irohHost("NAM")).send("POST", "/iroh/oauth2/token", "grant_type=client_credentials",
                "application/x-www-form-urlencoded", List.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (server.secret("xdrClientId") + ":" + server.secret("xdrClientPassword")).getBytes())))
                .json().get("access_token").asString();
        String se = api.onHost(XdrFixtures.seHost("NAM")).send("POST", "/v3/access_tokens", null, null,
                List.of("Authorization", "Bearer " + iroh)).json().get("access_token").asString();
        return api.onHost(XdrFixtures.seHost("NAM")).as(se);
    }

    private void choose(String css, String visibleText) {
        new Select(browser.find(css)).selectByVisibleText(visibleText);
    }

    /**
     * In the Secure Endpoint dashboard, what the API's end-to-end tests do: a computer found and moved
     * to another group, an exclusion set made, filled and attached to a policy (its XML shows it), a
     * device-control configuration made with rules in order and given to a policy; the audit log
     * shows it all as the user's; and the v3 API reads what the console did.
     */
    @Test
    @Order(6)
    void theSecureEndpointPagesDoWhatTheApiDoesAndTheApiReadsIt() throws Exception {
        String se = "4baascfeaofqpxidpinxtt5l";
        String base = "/orgs/" + org + "/secure-endpoint/" + se;
        browser.open("/orgs/" + org + "/secure-endpoint");
        browser.navigates(() -> browser.find("main a[href$='/" + se + "/computers']").click());
        assertThat(browser.path()).isEqualTo(base + "/computers");
        assertThat(browser.text()).contains("300 computers");
        check("se-computers");
        browser.type("#hostname", "ACME-WS-000");
        browser.submit("form.filters button[type=submit]");
        List<WebElement> found = browser.all("tbody a");
        assertThat(found).isNotEmpty().allMatch(a -> a.getText().startsWith("ACME-WS-000"));
        browser.navigates(found.get(0)::click);
        String computer = browser.find("#connector").getText();
        check("se-computer");
        choose("#groupGuid", "Audit");
        browser.submit("section[aria-labelledby=move-h] button[type=submit]");
        assertThat(browser.find("#policy").getText()).startsWith("Audit");
        Api v3 = secureEndpoint();
        JsonNode moved = v3.get("/v3/organizations/" + se + "/computers/" + computer).json().get("data");
        assertThat(moved.get("policy").get("name").asString()).isEqualTo("Audit");

        browser.open(base + "/groups");
        assertThat(browser.all("tbody tr")).hasSize(5);
        check("se-groups");

        // an exclusion set, made and filled, attached to the Windows Protect policy
        browser.open(base + "/exclusion-sets");
        check("se-exclusion-sets");
        choose("#operatingSystem", "Windows");
        browser.type("#name", "Console set");
        browser.submit("section[aria-labelledby=new-set] button[type=submit]");
        assertThat(browser.path()).startsWith(base + "/exclusion-sets/");
        choose("#exclusionType", "path");
        browser.type("#value", "C:\\Console\\");
        browser.submit("section[aria-labelledby=add-h] form button[type=submit]");
        assertThat(browser.text()).contains("C:\\Console\\");
        check("se-exclusion-set");
        String protect = v3.get("/v3/organizations/" + se + "/policies?operatingSystem=windows&name=Protect").json()
                .get("data").get(0).get("guid").asString();
        browser.open(base + "/policies");
        check("se-policies");
        browser.open(base + "/policies/" + protect);
        choose("#exclusionSetGuid", "Console set");
        browser.submit("main form[action$='/exclusion-sets'] button[type=submit]");
        assertThat(browser.find("#xml").getText()).contains("C:\\Console\\");
        check("se-policy");

        // a device-control configuration with two rules, the second put first, given to the Windows Triage policy
        browser.open(base + "/device-control");
        check("se-device-control");
        browser.type("#name", "Console USB");
        choose("#controlType", "read only");
        browser.submit("section[aria-labelledby=new-conf] button[type=submit]");
        assertThat(browser.path()).startsWith(base + "/device-control/");
        String conf = browser.path().substring(browser.path().lastIndexOf('/') + 1);
        browser.type("#displayName", "Kingston drives");
        browser.type("#value", "Kingston");
        browser.submit("section[aria-labelledby=add-rule] form button[type=submit]");
        browser.type("#displayName", "Toshiba disks");
        choose("#identifier", "product id");
        browser.type("#value", "a006");
        choose("#controlType", "blocked");
        browser.type("#order", "1");
        browser.submit("section[aria-labelledby=add-rule] form button[type=submit]");
        assertThat(browser.all("#rules .rule-name")).extracting(WebElement::getText)
                .containsExactly("Toshiba disks", "Kingston drives");
        browser.submit("section[aria-labelledby=add-rule] form button[type=submit]");
        assertThat(browser.find("#value-error").getText()).contains("blank");
        check("se-configuration");
        String triage = v3.get("/v3/organizations/" + se + "/policies?operatingSystem=windows&name=Triage").json()
                .get("data").get(0).get("guid").asString();
        browser.open(base + "/policies/" + triage);
        choose("#configurationGuid", "Console USB");
        browser.submit("main form[action$='/device-control'] button[type=submit]");
        assertThat(browser.find("#configuration").getText()).isEqualTo("Console USB");

        browser.open(base + "/audit-log");
        assertThat(browser.text()).contains("seAddRuleForm").contains("seMoveComputerForm").contains("USER");
        check("se-audit-log");

        // the API reads what the console did
        JsonNode rules = v3.get("/v3/organizations/" + se + "/device_control/configurations/" + conf + "/rules").json().get("data");
        assertThat(rules).map(r -> r.get("displayName").asString() + "/" + r.get("controlType").asString())
                .containsExactly("Toshiba disks/block", "Kingston drives/allow");
        assertThat(v3.get("/v3/organizations/" + se + "/policies/" + triage + "/device_control_configuration").json()
                .get("data").get("guid").asString()).isEqualTo(conf);
        assertThat(v3.get("/v3/organizations/" + se + "/policies/" + protect + "/exclusion_sets").json().get("data"))
                .anyMatch(s -> s.get("name").asString().equals("Console set") && s.get("exclusionsCount").asInt() == 1);
        JsonNode byUser = v3.get("/v3/organizations/" + se + "/audit_logs?event=seAddExclusionForm").json().get("data");
        assertThat(byUser).hasSize(1);
        assertThat(byUser.get(0).get("auditLogUser").get("kind").asString()).isEqualTo("USER");
        assertThat(byUser.get(0).get("auditLogType").asString()).isEqualTo("exclusion");
    }

    @Test
    @Order(7)
    void theOtherPagesPassTheAccessibilityCheckAndFitAPhone() throws Exception {
        browser.open("/orgs/" + org + "/admin-groups");
        browser.type("#name", "Console operators");
        browser.submit("main form button[type=submit]");
        assertThat(browser.path()).startsWith("/orgs/" + org + "/admin-groups/");
        check("admin-group");
        browser.open("/orgs/" + org + "/admin-groups");
        check("admin-groups");
        browser.open("/orgs/" + org + "/roles");
        check("roles");
        browser.open("/orgs/" + org + "/audit-log");
        assertThat(browser.text()).contains("generateApiKeyForm").contains("signed in to the console");
        check("audit-log");
        browser.open("/orgs/" + org + "/audit-log?operation=generateApiKeyForm");
        assertThat(browser.all("tbody tr")).hasSize(1);
        browser.open("/orgs/00000000-0000-4000-8000-00000000dead/users");
        assertThat(browser.text()).contains("404");
        check("not-found");
        browser.open("/account/reset-mfa?token=nothing");
        check("reset-mfa");

        browser.driver.manage().window().setSize(new Dimension(390, 844));
        List<String> wide = new ArrayList<>();
        for (String path : visited) {
            if (path.startsWith("/account/set-password")) {
                continue;
            }
            browser.open(path);
            String sticksOut = browser.tooWide();
            // a layout still settling after the resize measures wide once: it must stay wide to count
            for (int again = 0; again < 3 && sticksOut != null; again++) {
                Thread.sleep(300);
                sticksOut = browser.tooWide();
            }
            if (sticksOut != null) {
                wide.add(path + " (" + sticksOut + ")");
            }
        }
        browser.open("/orgs/" + org + "/api-keys");
        browser.shot(backend() + "-phone-api-keys");
        assertThat(wide).as("pages wider than a phone").isEmpty();
    }

    @Test
    @Order(8)
    void theSessionSurvivesARestartOfTheServer() throws Exception {
        browser.driver.manage().window().setSize(new Dimension(1280, 1000));
        browser.open("/orgs/" + org + "/roles");
        assertThat(browser.path()).isEqualTo("/orgs/" + org + "/roles");
        server.restart();
        browser.open("/orgs/" + org + "/users");
        assertThat(browser.path()).as("still signed in after the restart").isEqualTo("/orgs/" + org + "/users");
        assertThat(browser.text()).contains("new.colleague@example.com");
        signOut();
        browser.open("/orgs/" + org + "/users");
        assertThat(browser.path()).isEqualTo("/login");
    }
}
