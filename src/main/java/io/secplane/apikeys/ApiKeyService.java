package io.secplane.apikeys;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.secplane.SecplaneProperties;
import io.secplane.roles.StaticRoles;
import io.secplane.security.AccessTokens;
import io.secplane.security.TokenStatus;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import io.secplane.web.Fields;

/**
 * API keys and their tokens. A key's first token pair starts a chain; each refresh uses up the
 * refresh token it was given and returns a new pair in the same chain. A refresh token presented a
 * second time means it was copied: the whole chain is revoked, the newer tokens with it.
 */
@Service
public class ApiKeyService {

    private static final String NEW_KEY = "Make a new API key; on the machine that runs the server, "
            + "'./secplane admin-key' mints an administrator key and prints its tokens.";

    /** A token pair as the refresh endpoint (and the console, once) shows it. */
    public record Issued(UUID apiKeyId, UUID orgId, String accessToken, long expiresIn, String refreshToken,
                         long refreshTokenExpiresIn, List<String> scopes) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final ApiKeyRepository repository;
    private final AccessTokens accessTokens;
    private final TokenStatus status;
    private final TransactionTemplate tx;
    private final Duration refreshLifetime;
    private final io.secplane.roles.RoleRepository roles;
    private final io.secplane.access.AccessResolver access;
    private final io.secplane.audit.AuditLog audit;

    public ApiKeyService(ApiKeyRepository repository, AccessTokens accessTokens, TokenStatus status,
                         TransactionTemplate tx, SecplaneProperties properties, io.secplane.roles.RoleRepository roles,
                         io.secplane.access.AccessResolver access, io.secplane.audit.AuditLog audit) {
        this.roles = roles;
        this.access = access;
        this.audit = audit;
        this.repository = repository;
        this.accessTokens = accessTokens;
        this.status = status;
        this.tx = tx;
        this.refreshLifetime = properties.tokens().refreshTokenLifetime();
    }

    /** Makes a key with its roles and its first token pair, in one transaction. */
    public Issued create(UUID orgId, String name, String description, Instant expiresAt, UUID createdBy, List<UUID> roles) {
        return tx.execute(s -> {
            UUID keyId = UUID.randomUUID();
            repository.insertKey(keyId, orgId, name, description, expiresAt, createdBy, roles);
            UUID family = UUID.randomUUID();
            repository.insertFamily(family, orgId, keyId);
            return issue(orgId, keyId, family, StaticRoles.scopes(roles));
        });
    }

    /**
     * A key made through the API by a caller allowed to write in the org: it acts for the caller's
     * user (a key's maker, for a key), and its roles may not reach beyond what the caller may do there.
     */
    public Issued createFor(io.secplane.access.Access caller, UUID orgId, String name, String description,
                            Instant expiresAt, List<UUID> roleIds) {
        Fields f = new Fields();
        String n = f.text("name", name, true, 255);
        String d = f.text("description", description, false, 1024);
        if (expiresAt != null && expiresAt.isBefore(Instant.now())) {
            f.problem("expiresAt", "must be in the future (omit it for a key that never expires)");
        }
        List<UUID> distinct = roleIds == null ? List.of() : roleIds.stream().distinct().toList();
        if (distinct.isEmpty()) {
            f.problem("roles", "must name at least one role");
        }
        f.check();
        io.secplane.access.Level mine = caller.level(orgId);
        io.secplane.access.Level cap = io.secplane.access.Level.NONE;
        for (UUID id : distinct) {
            io.secplane.roles.Role r = roles.find(orgId, id).orElseThrow(() -> new ApiException(ErrorCode.VALIDATION_FAILED,
                    "Role " + id + " is not a role of this organization.",
                    List.of(new ApiException.FieldProblem("roles", "names a role this organization does not have"))));
            if (!mine.covers(r.apiAccess())) {
                throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "The role " + r.displayName()
                        + " reaches beyond what the caller may do in this organization.");
            }
            cap = cap.max(r.apiAccess());
        }
        List<String> scopes = scopes(cap);
        return tx.execute(s -> {
            UUID keyId = UUID.randomUUID();
            repository.insertKey(keyId, orgId, n, d, expiresAt, caller.actingUser(), distinct);
            UUID family = UUID.randomUUID();
            repository.insertFamily(family, orgId, keyId);
            audit.changed(orgId, "apiKeys/" + keyId);
            return issue(orgId, keyId, family, scopes);
        });
    }

    public List<ApiKeyRepository.Key> list(UUID orgId) {
        return repository.list(orgId);
    }

    public ApiKeyRepository.Key get(UUID orgId, UUID keyId) {
        return repository.findKey(orgId, keyId)
                .orElseThrow(() -> ApiException.notFound("API key " + keyId + " not found in organization " + orgId + "."));
    }

    /** Merges the fields sent: name, description, enabled. */
    public ApiKeyRepository.Key update(UUID orgId, UUID keyId, String name, String description, Boolean enabled) {
        ApiKeyRepository.Key k = tx.execute(s -> {
            ApiKeyRepository.Key current = get(orgId, keyId);
            Fields f = new Fields();
            String n = name == null ? current.name() : f.text("name", name, true, 255);
            String d = description == null ? current.description() : f.text("description", description, false, 1024);
            f.check();
            repository.rename(orgId, keyId, n, d);
            if (enabled != null) {
                repository.setStatus(orgId, keyId, enabled ? "ENABLED" : "DISABLED");
            }
            audit.changed(orgId, "apiKeys/" + keyId);
            return get(orgId, keyId);
        });
        status.changed();
        access.callerChanged(io.secplane.access.Principal.Kind.API_KEY, keyId.toString());
        return k;
    }

    public void delete(UUID orgId, UUID keyId) {
        tx.executeWithoutResult(s -> {
            if (!repository.delete(orgId, keyId)) {
                throw ApiException.notFound("API key " + keyId + " not found in organization " + orgId + ".");
            }
            audit.changed(orgId, "apiKeys/" + keyId);
        });
        status.changed();
        access.callerChanged(io.secplane.access.Principal.Kind.API_KEY, keyId.toString());
    }

    /** The scopes a key's tokens are issued with (informational: the authorizer decides at each request). */
    private static List<String> scopes(io.secplane.access.Level level) {
        return switch (level) {
            case WRITE -> List.of(StaticRoles.ADMIN_SCOPE, StaticRoles.MEMBER_SCOPE);
            case READ -> List.of(StaticRoles.MEMBER_SCOPE);
            case NONE -> List.of();
        };
    }

    /** Exchanges a refresh token for a new pair; the endpoint's whole rule set is here. */
    public Issued refresh(UUID orgId, UUID apiKeyId, String presented) {
        if (presented == null || presented.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_TOKEN,
                    "This operation needs the refresh token: send the header 'Authorization: Bearer <refresh token>'.");
        }
        io.secplane.access.Access now = access.resolve(io.secplane.access.Principal.apiKey(orgId, apiKeyId, apiKeyId));
        String makerProblem = now.problem();
        String digest = digest(presented.strip());
        Object outcome = tx.execute(s -> {
            ApiKeyRepository.RefreshToken token = repository.findRefreshToken(digest).orElse(null);
            if (token == null || !token.orgId().equals(orgId) || !token.apiKeyId().equals(apiKeyId)) {
                return "The refresh token is not valid for API key " + apiKeyId + " of organization " + orgId + ".";
            }
            if (token.familyRevokedAt() != null) {
                return "The refresh token has been revoked. " + NEW_KEY;
            }
            if (token.usedAt() != null || !repository.markUsed(digest)) {
                repository.revokeFamily(token.familyId(), "a refresh token was used twice");
                status.changed();
                return "The refresh token was already used; as a precaution every token issued from it has been revoked. "
                        + NEW_KEY;
            }
            if (token.expiresAt().isBefore(Instant.now())) {
                return "The refresh token expired at " + token.expiresAt() + ".";
            }
            ApiKeyRepository.Key key = repository.findKey(orgId, apiKeyId).orElse(null);
            if (key == null) {
                return "API key " + apiKeyId + " no longer exists.";
            }
            if (!"ENABLED".equals(key.status())) {
                s.setRollbackOnly();
                return "API key " + apiKeyId + " is disabled.";
            }
            if (key.expiresAt() != null && key.expiresAt().isBefore(Instant.now())) {
                s.setRollbackOnly();
                return "API key " + apiKeyId + " expired at " + key.expiresAt() + ".";
            }
            if (makerProblem != null) {
                s.setRollbackOnly();
                return makerProblem;
            }
            audit.changed(io.secplane.access.Principal.apiKey(orgId, apiKeyId, token.familyId()), orgId,
                    "apiKeys/" + apiKeyId + "/token", "refresh");
            return issue(orgId, apiKeyId, token.familyId(), scopes(now.level(orgId)));
        });
        if (outcome instanceof Issued issued) {
            return issued;
        }
        throw new ApiException(ErrorCode.INVALID_TOKEN, (String) outcome);
    }

    private Issued issue(UUID orgId, UUID keyId, UUID family, List<String> scopes) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        repository.insertRefreshToken(digest(refresh), family, orgId, keyId, Instant.now().plus(refreshLifetime));
        String access = accessTokens.issue(orgId, keyId, family, scopes);
        return new Issued(keyId, orgId, access, accessTokens.lifetime().toSeconds(), refresh,
                refreshLifetime.toSeconds(), scopes);
    }

    static String digest(String secret) {
        return io.secplane.security.Digests.sha256Hex(secret);
    }
}
