package io.secplane.support;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import io.secplane.organizations.Organization.OrgType;
import io.secplane.organizations.OrganizationRepository;
import io.secplane.organizations.Region;
import io.secplane.products.Products;
import io.secplane.roles.StaticRoles;
import io.secplane.users.UserRepository;
import io.secplane.xdr.ApiClientService;

/** An org with XDR and Secure Endpoint in one region, a user, and an API client made by that user. */
public final class XdrFixtures {

    public record Tenant(UUID orgId, UUID userId, String region, String clientId, String password) {
    }

    private XdrFixtures() {
    }

    public static Tenant tenant(ApplicationContext ctx, String region, boolean admin, boolean integration,
                                String scopes, String... seOrgNames) {
        Products products = ctx.getBean(Products.class);
        UUID org = UUID.randomUUID();
        ctx.getBean(OrganizationRepository.class).insert(org, "XDR tenant " + region + " " + org.toString().substring(0, 6),
                OrgType.STANDALONE, Region.valueOf(region), Instant.now());
        UUID user = UUID.randomUUID();
        ctx.getBean(UserRepository.class).insert(user, org, "user-" + user + "@example.com", "Test", "User", "ACTIVE",
                PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("x"),
                List.of(admin ? StaticRoles.ORG_ADMIN : StaticRoles.ORG_MEMBER));
        products.provision(org, Products.Product.XDR, region);
        products.provision(org, Products.Product.SECURE_ENDPOINT, region);
        products.setIntegration(org, integration);
        for (String name : seOrgNames) {
            products.createSeOrganization(org, region, name, null);
        }
        ApiClientService.Created c = ctx.getBean(ApiClientService.class).create(org, user, "client", scopes, null);
        return new Tenant(org, user, region, c.client().id(), c.password());
    }

    /** A Secure Endpoint token for a tenant's client, by the document's two calls. */
    public static String seToken(Api anonymous, Tenant t) {
        String iroh = anonymous.onHost(irohHost(t.region())).send("POST", "/iroh/oauth2/token",
                "grant_type=client_credentials", "application/x-www-form-urlencoded", List.of("Authorization",
                        "Basic " + java.util.Base64.getEncoder().encodeToString((t.clientId() + ":" + t.password()).getBytes())))
                .json().get("access_token").asString();
        return anonymous.onHost(seHost(t.region())).send("POST", "/v3/access_tokens", null, null,
                List.of("Authorization", "Bearer " + iroh)).json().get("access_token").asString();
    }

    /** The host names of a region, as the built-in host map has them under localhost. */
    public static String irohHost(String region) {
        return switch (region) {
            case "NAM" -> "visibility.amp.localhost";
            case "EMEA" -> "visibility.eu.amp.localhost";
            default -> "visibility.apjc.amp.localhost";
        };
    }

    public static String seHost(String region) {
        return switch (region) {
            case "NAM" -> "api.amp.localhost";
            case "EMEA" -> "api.eu.amp.localhost";
            default -> "api.apjc.amp.localhost";
        };
    }
}
