package io.secplane.secureendpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.secplane.api.ApiTestSupport;
import io.secplane.support.Api;
import io.secplane.support.XdrFixtures;
import io.secplane.support.XdrFixtures.Tenant;
import tools.jackson.databind.JsonNode;

/** A Secure Endpoint API client of a new tenant and its organization, and the v3 helpers the suites share. */
public abstract class SecureEndpointTestSupport extends ApiTestSupport {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    JdbcClient jdbc;

    /** A Secure Endpoint API client of a new tenant, and its first Secure Endpoint organization. */
    record Se(Tenant tenant, Api api, String org) {
        String base() {
            return "/v3/organizations/" + org;
        }
    }

    Se se(boolean admin, String... orgNames) {
        Tenant t = XdrFixtures.tenant(ctx, "NAM", admin, true, "admin", orgNames.length == 0 ? new String[] {"SE org"} : orgNames);
        Api api = anonymous.onHost(XdrFixtures.seHost("NAM")).as(XdrFixtures.seToken(anonymous, t));
        String org = api.get("/v3/organizations").json().get("data").get(0).get("organizationIdentifier").asString();
        return new Se(t, api, org);
    }

    static String detail(Api.Reply r, int status) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        JsonNode item = r.json().get("errors").get(0);
        assertThat(item.get("error_code").asInt()).isEqualTo(status);
        return item.get("details").toString();
    }

    static String createSet(Se se, String os, String name) {
        Api.Reply r = se.api().post(se.base() + "/exclusion_sets", "{\"operatingSystem\":\"" + os + "\",\"name\":\"" + name + "\"}");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.json().get("data").get("guid").asString();
    }

    static String addExclusion(Se se, String set, String body) {
        Api.Reply r = se.api().post(se.base() + "/exclusion_sets/" + set + "/exclusions", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.json().get("data").get("guid").asString();
    }

    String policy(Se se, String os, String name) {
        JsonNode data = se.api().get(se.base() + "/policies?operatingSystem=" + os + "&name=" + name).json().get("data");
        assertThat(data).hasSize(1);
        return data.get(0).get("guid").asString();
    }
}
