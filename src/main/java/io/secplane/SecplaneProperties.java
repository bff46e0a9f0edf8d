package io.secplane;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Every setting of Secplane, under the {@code secplane.} prefix. */
@ConfigurationProperties("secplane")
public record SecplaneProperties(
        @DefaultValue("./data") String dataDir,
        @DefaultValue("false") boolean demo,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue Tokens tokens,
        @DefaultValue Https https,
        @DefaultValue Http http,
        @DefaultValue RateLimits rateLimits,
        @DefaultValue Mail mail,
        @DefaultValue Retention retention,
        @DefaultValue State state,
        Map<String, String> hosts) {

    /**
     * The operator's operations on the whole state.
     *
     * @param maxImportSize the largest document an import takes (it is read whole into memory: with a
     *                      larger one, give the server a larger heap too)
     */
    public record State(@DefaultValue("32MB") DataSize maxImportSize) {
    }

    /**
     * How long the tables that grow with traffic keep their rows; a scheduled sweep removes what is
     * older, on one server process at a time (whichever claims the sweep first).
     *
     * @param auditLog     audit records (both audit logs, SCC's and Secure Endpoint's, read this one store)
     * @param outbox       mail, delivered or not (mail undelivered for that long is given up)
     * @param rateCounters a rate window's counters after the window ends
     * @param interval     how often a sweep runs (on one process of those sharing the database)
     * @param batch        rows removed per statement (each its own short transaction)
     */
    public record Retention(
            @DefaultValue("90d") Duration auditLog,
            @DefaultValue("7d") Duration outbox,
            @DefaultValue("1h") Duration rateCounters,
            @DefaultValue("10m") Duration interval,
            @DefaultValue("5000") int batch) {
    }

    /**
     * Mail to users (invitations, password resets): delivered over SMTP when {@code spring.mail.host}
     * is set, else kept in the outbox for the operator to read.
     *
     * @param from      the sender's address
     * @param publicUrl the address users reach the server at, for the links in mail
     */
    public record Mail(
            @DefaultValue("Secplane <no-reply@secplane.localhost>") String from,
            @DefaultValue("https://api.security.localhost:8443") String publicUrl,
            @DefaultValue("7d") Duration linkLifetime) {
    }

    public record Tokens(
            @DefaultValue("18h") Duration accessTokenLifetime,
            @DefaultValue("60d") Duration refreshTokenLifetime,
            @DefaultValue("https://api.security.localhost") String issuer,
            @DefaultValue("1s") Duration keyStatusCacheTtl) {
    }

    public record RateLimits(
            @DefaultValue("8000") long irohPerOrgPerHour,
            @DefaultValue("3000") long secureEndpointPerClientPerHour) {
    }

    public record Https(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("8443") int port,
            String certificate,
            String privateKey,
            List<String> extraNames,
            @DefaultValue("false") boolean realNames) {
    }

    public record Http(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("8080") int port) {
    }
}
