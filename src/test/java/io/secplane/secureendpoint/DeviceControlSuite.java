package io.secplane.secureendpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.secplane.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * Device control: configurations made, listed, sorted, searched, renamed and deleted; their rules
 * kept in order as they are added, moved, put in a new order and deleted, also when added at once;
 * a policy given a configuration (its XML lists the rules, its serial number rises with each change
 * to them), the counts read from the fleet as computers come and move; and every refusal with what
 * it leaves in the database.
 */
public abstract class DeviceControlSuite extends SecureEndpointTestSupport {

    static final String VENDOR = "{\"identifier\":\"vendor_name\",\"operator\":\"equals\",\"value\":\"Toshiba\"}";

    static String createConfiguration(Se se, String body) {
        Api.Reply r = se.api().post(se.base() + "/device_control/configurations", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.json().get("data").get("guid").asString();
    }

    static JsonNode addRule(Se se, String configuration, String body) {
        Api.Reply r = se.api().post(se.base() + "/device_control/configurations/" + configuration + "/rules", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.json().get("data");
    }

    static String rule(String displayName, String order) {
        return "{\"controlType\":\"allow\",\"displayName\":\"" + displayName + "\"" + (order == null ? "" : ",\"order\":" + order)
                + ",\"ruleExpressions\":[" + VENDOR + "]}";
    }

    /** The display names of a configuration's rules, first to last, as listed; each one's order checked against its place. */
    static List<String> names(Se se, String configuration) {
        JsonNode page = se.api().get(se.base() + "/device_control/configurations/" + configuration + "/rules?size=500").json();
        List<String> out = new ArrayList<>();
        for (JsonNode r : page.get("data")) {
            assertThat(r.get("order").asInt()).isEqualTo(out.size() + 1);
            out.add(r.get("displayName").asString());
        }
        assertThat(page.get("meta").get("total").asInt()).isEqualTo(out.size());
        return out;
    }

    long serial(Se se, String policy) {
        return se.api().get(se.base() + "/policies/" + policy).json().get("data").get("serialNumber").asLong();
    }

    long count(Se se, String configuration, String which) {
        Api.Reply r = se.api().get(se.base() + "/device_control/configurations/" + configuration + "/" + which);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.json().get("data").get("count").asLong();
    }

    @Test
    void configurationsAreMadeListedSortedSearchedRenamedAndDeleted() {
        Se se = se(true);
        Api.Reply made = se.api().post(se.base() + "/device_control/configurations",
                "{\"name\":\"  Kiosks \",\"description\":\"Lobby kiosks\"}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        JsonNode kiosks = made.json().get("data");
        assertThat(kiosks.get("name").asString()).isEqualTo("Kiosks");
        assertThat(kiosks.get("description").asString()).isEqualTo("Lobby kiosks");
        assertThat(kiosks.get("usbMassStorage").toString()).isEqualTo("{\"controlType\":\"allow\",\"notificationType\":\"never\"}");
        assertThat(kiosks.get("rulesCount").asLong()).isZero();
        String lab = createConfiguration(se, "{\"name\":\"Lab\",\"usbMassStorage\":{\"controlType\":\"block\",\"notificationType\":\"always\"}}");
        createConfiguration(se, "{\"name\":\"Accounting\"}");

        // a name taken in any case, a blank one, a value the contract does not have: refused, nothing made
        assertThat(detail(se.api().post(se.base() + "/device_control/configurations", "{\"name\":\"LAB\"}"), 422))
                .contains("has already been taken");
        assertThat(detail(se.api().post(se.base() + "/device_control/configurations", "{\"name\":\"   \"}"), 422))
                .contains("can't be blank");
        assertThat(detail(se.api().post(se.base() + "/device_control/configurations",
                "{\"name\":\"x\",\"usbMassStorage\":{\"controlType\":\"maybe\",\"notificationType\":\"never\"}}"), 400))
                .contains("usbMassStorage");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM se_device_control_configurations WHERE se_org = ?").param(se.org())
                .query(Long.class).single()).isEqualTo(3);

        // by name by default, the other way round, by time, searched, paged
        assertThat(listed(se, "")).containsExactly("Accounting", "Kiosks", "Lab");
        assertThat(listed(se, "?order=desc")).containsExactly("Lab", "Kiosks", "Accounting");
        assertThat(listed(se, "?sort=created_at")).containsExactly("Kiosks", "Lab", "Accounting");
        assertThat(listed(se, "?sort=createdAt&order=desc")).containsExactly("Accounting", "Lab", "Kiosks");
        assertThat(listed(se, "?search=LA")).containsExactly("Lab");
        JsonNode page = se.api().get(se.base() + "/device_control/configurations?start=1&size=1").json();
        assertThat(page.get("meta").toString()).isEqualTo("{\"start\":1,\"size\":1,\"total\":3}");
        assertThat(detail(se.api().get(se.base() + "/device_control/configurations?sort=size"), 400)).contains("sort");
        assertThat(detail(se.api().get(se.base() + "/device_control/configurations?order=up"), 400)).contains("order");

        // renamed (the rest kept), then its default changed
        Api.Reply renamed = se.api().put(se.base() + "/device_control/configurations/" + lab, "{\"name\":\"Laboratory\"}");
        assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
        assertThat(renamed.json().get("data").get("name").asString()).isEqualTo("Laboratory");
        assertThat(renamed.json().get("data").get("usbMassStorage").get("controlType").asString()).isEqualTo("block");
        assertThat(se.api().put(se.base() + "/device_control/configurations/" + lab,
                "{\"usbMassStorage\":{\"controlType\":\"read_only\",\"notificationType\":\"never\"}}").json()
                .get("data").get("usbMassStorage").get("controlType").asString()).isEqualTo("read_only");
        assertThat(jdbc.sql("SELECT name_key || '/' || usb_control_type FROM se_device_control_configurations WHERE guid = ?")
                .param(UUID.fromString(lab)).query(String.class).single()).isEqualTo("laboratory/read_only");
        assertThat(detail(se.api().put(se.base() + "/device_control/configurations/" + lab, "{\"name\":\"kiosks\"}"), 422))
                .contains("has already been taken");

        // another tenant's client does not reach it, by its own organization or by this one
        Se other = se(true);
        assertThat(detail(other.api().get(other.base() + "/device_control/configurations/" + lab), 404)).contains(lab);
        assertThat(detail(other.api().get(se.base() + "/device_control/configurations/" + lab), 404)).contains(se.org());
        assertThat(detail(other.api().send("DELETE", other.base() + "/device_control/configurations/" + lab, null, null,
                List.of()), 404)).contains(lab);
        // a client that may only read does not change it
        Se reader = se(false);
        assertThat(reader.api().post(reader.base() + "/device_control/configurations", "{\"name\":\"x\"}").status())
                .isEqualTo(403);

        // deleted with its rules; every change is in the audit log
        addRule(se, lab, rule("one", null));
        assertThat(se.api().delete(se.base() + "/device_control/configurations/" + lab).status()).isEqualTo(204);
        assertThat(detail(se.api().get(se.base() + "/device_control/configurations/" + lab), 404)).contains(lab);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM se_device_control_rules WHERE configuration_guid = ?")
                .param(UUID.fromString(lab)).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE org_id = ? AND target LIKE ? ORDER BY at").param(se.tenant().orgId())
                .param("secure-endpoint/" + se.org() + "/device_control/configurations/" + lab + "%").query(String.class).list())
                .containsExactlyInAnyOrder("device control configuration 'Lab' created",
                        "device control configuration 'Lab' changed: renamed to 'Laboratory'",
                        "device control configuration 'Laboratory' changed", "rule 1 added to 'Laboratory' (allow)",
                        "device control configuration 'Laboratory' deleted");
    }

    private List<String> listed(Se se, String query) {
        List<String> out = new ArrayList<>();
        se.api().get(se.base() + "/device_control/configurations" + query).json().get("data")
                .forEach(c -> out.add(c.get("name").asString()));
        return out;
    }

    @Test
    void rulesKeepTheirOrderAsTheyAreAddedMovedReorderedAndDeleted() {
        Se se = se(true);
        String c = createConfiguration(se, "{\"name\":\"Office\"}");
        JsonNode a = addRule(se, c, rule("a", null));
        assertThat(a.get("order").asInt()).isEqualTo(1);
        assertThat(a.get("notificationType").asString()).isEqualTo("never");
        assertThat(a.get("quantifier").asString()).isEqualTo("all");
        String b = addRule(se, c, rule("b", null)).get("guid").asString();
        addRule(se, c, rule("first", "1"));
        JsonNode last = addRule(se, c, rule("last", "99"));
        assertThat(last.get("order").asInt()).isEqualTo(4);
        assertThat(names(se, c)).containsExactly("first", "a", "b", "last");

        // the body a public script posts, read back as it was sent
        String scripted = "{\"controlType\":\"block\",\"notificationType\":\"always\",\"order\":2,\"quantifier\":\"any\","
                + "\"displayName\":\"Toshiba & co\",\"ruleExpressions\":[" + VENDOR + ",{\"identifier\":\"device_id\","
                + "\"operator\":\"equals\",\"value\":\"USBSTOR\\\\Disk\\u0026Ven_TOSHIBA\\u0026Rev_0101\"}]}";
        JsonNode toshiba = addRule(se, c, scripted);
        assertThat(toshiba.get("ruleExpressions").get(1).get("value").asString()).isEqualTo("USBSTOR\\Disk&Ven_TOSHIBA&Rev_0101");
        assertThat(toshiba.get("controlType").asString()).isEqualTo("block");
        assertThat(toshiba.get("quantifier").asString()).isEqualTo("any");
        String t = toshiba.get("guid").asString();
        assertThat(se.api().get(se.base() + "/device_control/configurations/" + c + "/rules/" + t).json().get("data"))
                .isEqualTo(toshiba);
        assertThat(names(se, c)).containsExactly("first", "Toshiba & co", "a", "b", "last");

        // replaced and moved down, then up
        Api.Reply moved = se.api().put(se.base() + "/device_control/configurations/" + c + "/rules/" + t,
                scripted.replace("\"order\":2", "\"order\":4").replace("\"block\"", "\"read_only\""));
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        assertThat(moved.json().get("data").get("controlType").asString()).isEqualTo("read_only");
        assertThat(names(se, c)).containsExactly("first", "a", "b", "Toshiba & co", "last");
        se.api().put(se.base() + "/device_control/configurations/" + c + "/rules/" + b, rule("b", "1"));
        assertThat(names(se, c)).containsExactly("b", "first", "a", "Toshiba & co", "last");

        // a new order: every rule once, or nothing changes
        List<String> guids = new ArrayList<>();
        se.api().get(se.base() + "/device_control/configurations/" + c + "/rules").json().get("data")
                .forEach(r -> guids.add(r.get("guid").asString()));
        List<String> reversed = new ArrayList<>(guids);
        java.util.Collections.reverse(reversed);
        Api.Reply ordered = se.api().put(se.base() + "/device_control/configurations/" + c + "/rule_order",
                "{\"ruleGuids\":" + json(reversed) + "}");
        assertThat(ordered.status()).as(ordered.raw()).isEqualTo(200);
        assertThat(ordered.json().get("data")).map(r -> r.get("displayName").asString())
                .containsExactly("last", "Toshiba & co", "a", "first", "b");
        assertThat(names(se, c)).containsExactly("last", "Toshiba & co", "a", "first", "b");
        String missing = detail(se.api().put(se.base() + "/device_control/configurations/" + c + "/rule_order",
                "{\"ruleGuids\":" + json(reversed.subList(0, 4)) + "}"), 422);
        assertThat(missing).contains("leaves out rule " + reversed.get(4));
        List<String> twice = new ArrayList<>(reversed);
        twice.set(4, reversed.get(0));
        assertThat(detail(se.api().put(se.base() + "/device_control/configurations/" + c + "/rule_order",
                "{\"ruleGuids\":" + json(twice) + "}"), 422)).contains("RuleGuids[4]").contains("again");
        List<String> stranger = new ArrayList<>(reversed);
        stranger.set(2, UUID.randomUUID().toString());
        assertThat(detail(se.api().put(se.base() + "/device_control/configurations/" + c + "/rule_order",
                "{\"ruleGuids\":" + json(stranger) + "}"), 422)).contains("RuleGuids[2]").contains("names no rule");
        assertThat(names(se, c)).containsExactly("last", "Toshiba & co", "a", "first", "b");

        // deleted: the rules after it move up
        assertThat(se.api().delete(se.base() + "/device_control/configurations/" + c + "/rules/" + t).status()).isEqualTo(204);
        assertThat(names(se, c)).containsExactly("last", "a", "first", "b");
        assertThat(detail(se.api().get(se.base() + "/device_control/configurations/" + c + "/rules/" + t), 404)).contains(t);
        assertThat(se.api().get(se.base() + "/device_control/configurations/" + c).json().get("data").get("rulesCount").asLong())
                .isEqualTo(4);

        // refused bodies: a type the contract does not have, no expression, a blank value, an order of 0
        String rules = se.base() + "/device_control/configurations/" + c + "/rules";
        assertThat(detail(se.api().post(rules, rule("x", null).replace("allow", "maybe")), 400)).contains("controlType");
        assertThat(detail(se.api().post(rules, "{\"controlType\":\"allow\",\"ruleExpressions\":[]}"), 400)).contains("ruleExpressions");
        assertThat(detail(se.api().post(rules, rule("x", "0")), 400)).contains("order");
        assertThat(detail(se.api().post(rules, "{\"controlType\":\"allow\",\"ruleExpressions\":[{\"identifier\":\"vendor_id\","
                + "\"operator\":\"equals\",\"value\":\"  \"}]}"), 422)).contains("RuleExpressions[0].value can't be blank");
        assertThat(detail(se.api().post(rules, rule("x", null).replace("vendor_name", "colour")), 400)).contains("identifier");
        assertThat(names(se, c)).hasSize(4);
        // a rule of another configuration is not found through this one
        String other = createConfiguration(se, "{\"name\":\"Other\"}");
        assertThat(detail(se.api().get(se.base() + "/device_control/configurations/" + other + "/rules/" + b), 404)).contains(b);
    }

    @Test
    void rulesAddedAtOnceNeverShareAnOrder() throws Exception {
        Se se = se(true);
        String c = createConfiguration(se, "{\"name\":\"Busy\"}");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> adds = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String body = rule("r" + i, i % 2 == 0 ? "1" : null);
                adds.add(() -> se.api().post(se.base() + "/device_control/configurations/" + c + "/rules", body).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(adds)) {
                statuses.add(f.get());
            }
            assertThat(statuses).as("every add is done, or refused with a 503 saying to try again").allMatch(s -> s == 201 || s == 503);
            List<Integer> orders = jdbc.sql("SELECT rule_order FROM se_device_control_rules WHERE configuration_guid = ? "
                    + "ORDER BY rule_order").param(UUID.fromString(c)).query(Integer.class).list();
            long done = statuses.stream().filter(s -> s == 201).count();
            assertThat(done).isGreaterThanOrEqualTo(6);
            List<Integer> expected = new ArrayList<>();
            for (int i = 1; i <= done; i++) {
                expected.add(i);
            }
            assertThat(orders).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPolicyCarriesAConfigurationItsXmlListsTheRulesAndTheCountsFollowTheFleet() {
        Se se = se(true);
        String c = createConfiguration(se, "{\"name\":\"USB\",\"usbMassStorage\":{\"controlType\":\"read_only\","
                + "\"notificationType\":\"always\"}}");
        addRule(se, c, rule("Kingston <safe>", null));
        String windows = policy(se, "windows", "Protect");
        String mac = policy(se, "mac", "Protect");
        long before = serial(se, windows);
        assertThat(detail(se.api().get(se.base() + "/policies/" + windows + "/device_control_configuration"), 404))
                .contains("has no device control configuration");

        Api.Reply given = se.api().put(se.base() + "/policies/" + windows + "/device_control_configuration",
                "{\"configurationGuid\":\"" + c + "\"}");
        assertThat(given.status()).as(given.raw()).isEqualTo(200);
        assertThat(given.json().get("data").get("guid").asString()).isEqualTo(c);
        assertThat(serial(se, windows)).isEqualTo(before + 1);
        assertThat(se.api().get(se.base() + "/policies/" + windows + "/device_control_configuration").json().get("data")
                .get("name").asString()).isEqualTo("USB");
        // given again: nothing changes
        se.api().put(se.base() + "/policies/" + windows + "/device_control_configuration", "{\"configurationGuid\":\"" + c + "\"}");
        assertThat(serial(se, windows)).isEqualTo(before + 1);
        String xml = se.api().get(se.base() + "/policies/" + windows + "/xml").raw();
        assertThat(xml).contains("<deviceControl guid=\"" + c + "\" name=\"USB\">")
                .contains("<usbMassStorage controlType=\"read_only\" notificationType=\"always\"/>")
                .contains("displayName=\"Kingston &lt;safe&gt;\"")
                .contains("<expression identifier=\"vendor_name\" operator=\"equals\">Toshiba</expression>");
        // a change to its rules is a change to the policy: a new serial number, a new XML
        addRule(se, c, rule("Second", null));
        assertThat(serial(se, windows)).isEqualTo(before + 2);
        assertThat(se.api().get(se.base() + "/policies/" + windows + "/xml").raw()).contains("displayName=\"Second\"");

        // refusals: a Linux policy, a configuration of nowhere or of another tenant
        assertThat(detail(se.api().put(se.base() + "/policies/" + policy(se, "linux", "Protect") + "/device_control_configuration",
                "{\"configurationGuid\":\"" + c + "\"}"), 422)).contains("linux");
        assertThat(detail(se.api().put(se.base() + "/policies/" + windows + "/device_control_configuration",
                "{\"configurationGuid\":\"" + UUID.randomUUID() + "\"}"), 422)).contains("names no device control configuration");
        Se other = se(true);
        String theirs = createConfiguration(other, "{\"name\":\"Theirs\"}");
        assertThat(detail(se.api().put(se.base() + "/policies/" + windows + "/device_control_configuration",
                "{\"configurationGuid\":\"" + theirs + "\"}"), 422)).contains(theirs);
        assertThat(detail(other.api().put(other.base() + "/policies/" + windows + "/device_control_configuration",
                "{\"configurationGuid\":\"" + theirs + "\"}"), 404)).contains(windows);

        // the counts, read from the fleet as it is
        Map<String, String> groups = new HashMap<>();
        se.api().get(se.base() + "/groups").json().get("data").forEach(g -> groups.put(g.get("name").asString(), g.get("guid").asString()));
        addComputer(se, "PC-1", "windows", groups.get("Protect"), "8.4.0");
        addComputer(se, "PC-2", "windows", groups.get("Protect"), "7.4.5");
        String pc3 = addComputer(se, "PC-3", "windows", groups.get("Audit"), "8.4.0");
        addComputer(se, "MAC-1", "mac", groups.get("Server"), "1.20.0");
        addComputer(se, "LNX-1", "linux", groups.get("Protect"), "1.0.0");
        assertThat(count(se, c, "group_count")).isEqualTo(1);
        assertThat(count(se, c, "computer_count")).isEqualTo(2);
        assertThat(count(se, c, "unsupported_connector_count")).isEqualTo(1);
        // the Mac Protect policy too: the groups whose Mac policy it is (Protect, Server, Domain Controller)
        se.api().put(se.base() + "/policies/" + mac + "/device_control_configuration", "{\"configurationGuid\":\"" + c + "\"}");
        assertThat(count(se, c, "group_count")).isEqualTo(3);
        assertThat(count(se, c, "computer_count")).isEqualTo(3);
        assertThat(count(se, c, "unsupported_connector_count")).isEqualTo(2);
        // a computer moved into a group whose policy carries it: counted, and its policy is the one that carries it
        Api.Reply moved = se.api().send("PATCH", se.base() + "/computers/" + pc3, "{\"groupGuid\":\"" + groups.get("Protect") + "\"}",
                "application/json", List.of());
        assertThat(moved.json().get("data").get("policy").get("guid").asString()).isEqualTo(windows);
        assertThat(count(se, c, "computer_count")).isEqualTo(4);

        // not deleted while policies carry it (named); taken from them, then deleted
        String refused = detail(se.api().delete(se.base() + "/device_control/configurations/" + c), 409);
        assertThat(refused).contains(windows).contains(mac);
        assertThat(se.api().delete(se.base() + "/policies/" + windows + "/device_control_configuration").status()).isEqualTo(204);
        assertThat(detail(se.api().delete(se.base() + "/policies/" + windows + "/device_control_configuration"), 404))
                .contains("has no device control configuration");
        assertThat(serial(se, windows)).isEqualTo(before + 3);
        assertThat(se.api().get(se.base() + "/policies/" + windows + "/xml").raw()).doesNotContain("deviceControl");
        assertThat(count(se, c, "computer_count")).isEqualTo(1);
        se.api().delete(se.base() + "/policies/" + mac + "/device_control_configuration");
        assertThat(se.api().delete(se.base() + "/device_control/configurations/" + c).status()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM se_policies WHERE se_org = ? AND device_control_guid IS NOT NULL")
                .param(se.org()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE org_id = ? AND target = ? ORDER BY at").param(se.tenant().orgId())
                .param("secure-endpoint/" + se.org() + "/policies/" + windows).query(String.class).list())
                .containsExactlyInAnyOrder("device control configuration 'USB' given to policy 'Protect'",
                        "device control configuration " + c + " taken from policy 'Protect'");
    }

    private String addComputer(Se se, String hostname, String os, String group, String version) {
        Api.Reply r = operator.onHost("api.security.localhost").post("/operator/v1/secure-endpoint/organizations/" + se.org()
                + "/computers", "{\"hostname\":\"" + hostname + "\",\"operatingSystem\":\"" + os + "\",\"groupGuid\":\"" + group
                + "\",\"connectorVersion\":\"" + version + "\"}");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.json().get("connectorGuid").asString();
    }

    private static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }
}
