package io.secplane.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
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

    public ApiKeyService(ApiKeyRepository repository, AccessTokens accessTokens, TokenStatus status,
                         TransactionTemplate tx, SecplaneProperties properties) {
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

    /** Exchanges a refresh token for a new pair; the endpoint's whole rule set is here. */
    public Issued refresh(UUID orgId, UUID apiKeyId, String presented) {
        if (presented == null || presented.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_TOKEN,
                    "This operation needs the refresh token: send the header 'Authorization: Bearer <refresh token>'.");
        }
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
            return issue(orgId, apiKeyId, token.familyId(), StaticRoles.scopes(key.roles()));
        });
        if (outcome instanceof Issued issued) {
            return issued;
        }
        throw new ApiException(ErrorCode.INVALID_TOKEN, (String) outcome);
    }

    /** Turns a key off or on; its tokens stop or work again at once. */
    public void setEnabled(UUID orgId, UUID apiKeyId, boolean enabled) {
        tx.executeWithoutResult(s -> repository.setStatus(orgId, apiKeyId, enabled ? "ENABLED" : "DISABLED"));
        status.changed();
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

    static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
