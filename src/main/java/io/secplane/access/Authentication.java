package io.secplane.access;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import io.secplane.contract.ContractCatalog;
import io.secplane.hosts.Host;
import io.secplane.hosts.HostKind;
import io.secplane.operator.OperatorToken;
import io.secplane.secureendpoint.SecureEndpointRateLimit;
import io.secplane.secureendpoint.SecureEndpointTokens;
import io.secplane.security.AccessTokens;
import io.secplane.security.BearerTokens;
import io.secplane.security.CallerAuthentication;
import io.secplane.security.TokenRefused;
import io.secplane.security.TokenVerifier;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import io.secplane.web.ErrorWriter;
import io.secplane.xdr.IrohTokens;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The one authentication step, of every request of every API and of the console
 * ({@link AuthenticationFilter}, in each security chain): the security scheme the operation's
 * contract names chooses how its credential is read (an SCC access token, an IROH token, a Secure
 * Endpoint token, the operator token; a console session was read by the console's chain before),
 * and the credential becomes a typed {@link Principal} in the security context (never a request
 * attribute). A missing or refused credential is answered 401 in the host's shape with its
 * {@code WWW-Authenticate}. The refresh token and an XDR client's password are the operations' own
 * to check.
 */
@Component
public class Authentication {

    private final AccessTokens scc;
    private final IrohTokens iroh;
    private final SecureEndpointTokens secureEndpoint;
    private final OperatorToken operator;
    private final AuthenticationFilter filter;

    public Authentication(AccessTokens scc, IrohTokens iroh, SecureEndpointTokens secureEndpoint, OperatorToken operator,
                          ContractCatalog catalog, SecureEndpointRateLimit rateLimit, ErrorWriter errors) {
        this.scc = scc;
        this.iroh = iroh;
        this.secureEndpoint = secureEndpoint;
        this.operator = operator;
        this.filter = new AuthenticationFilter(this, catalog, rateLimit, errors);
    }

    /**
     * This step as the last filter of a security chain (the APIs' and the console's list it). Not a
     * bean of its own: a filter bean would also be put before every request by the container.
     */
    public jakarta.servlet.Filter filter() {
        return filter;
    }

    /** The caller of the current request, once authenticated; null otherwise. */
    public static Principal current() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof Authenticated a ? a.principal() : null;
    }

    /**
     * The caller the request's credential names, by the scheme of its operation (on a Secure Endpoint
     * host, a path no operation has needs a Secure Endpoint token too: nothing there answers anyone
     * without one); null for an operation that is public or checks its own credentials.
     */
    public Principal authenticate(HttpServletRequest request, ContractCatalog.Operation op) {
        Host host = Host.of(request);
        String scheme = op != null ? op.scheme()
                : host.kind() == HostKind.SECURE_ENDPOINT ? ContractCatalog.SECURE_ENDPOINT_TOKEN : null;
        if (op != null && (op.isPublic() || op.need() == ContractCatalog.Need.OWN_CREDENTIALS)) {
            return null;
        }
        if (scheme == null) {
            return null;
        }
        Principal p = switch (scheme) {
            case ContractCatalog.SCC_ACCESS_TOKEN -> sccToken(request);
            case ContractCatalog.IROH_ACCESS_TOKEN -> irohToken(request, host);
            case ContractCatalog.SECURE_ENDPOINT_TOKEN -> secureEndpointToken(request, host);
            case ContractCatalog.OPERATOR_TOKEN -> operatorToken(request);
            default -> {
                // a console session: in the context already (the console's chain sends anyone else to sign in)
                Principal known = current();
                if (known == null) {
                    throw new ApiException(ErrorCode.INVALID_TOKEN, "This page needs a console session: sign in first.");
                }
                yield known;
            }
        };
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof Authenticated)) {
            var context = SecurityContextHolder.getContext();
            context.setAuthentication(new CallerAuthentication(p, null));
        }
        return p;
    }

    private Principal sccToken(HttpServletRequest request) {
        try {
            String token = BearerTokens.resolve(request);
            if (token == null) {
                throw accessTokenRefused(false, false, null);
            }
            return scc.principal(token);
        } catch (TokenRefused e) {
            throw accessTokenRefused(true, e.malformed(), e.getMessage());
        }
    }

    private Principal irohToken(HttpServletRequest request, Host host) {
        String presented = BearerTokens.presented(request);
        boolean xdr = host.kind() == HostKind.XDR;
        if (presented == null) {
            throw xdr
                    ? new ApiException(ErrorCode.MISSING_TOKEN, "No access token: send 'Authorization: Bearer <IROH token>'.")
                            .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"IROH\"")
                    : refused(HostKind.SECURE_ENDPOINT, "No IROH access token: send 'Authorization: Bearer <token from the XDR token service>'.");
        }
        try {
            IrohTokens.Verified v = iroh.verify(presented, host.region());
            return Principal.apiClient(v.clientId(), v.orgId(), v.userId(), v.scopes());
        } catch (TokenVerifier.Refused e) {
            if (xdr) {
                throw refused(HostKind.XDR, e.getMessage());
            }
            throw refused(HostKind.SECURE_ENDPOINT, switch (e.why()) {
                case EXPIRED -> "The IROH access token has expired; get a new one from the XDR token service.";
                case SIGNATURE -> "The IROH access token's signature is not valid (was it changed?).";
                case OTHER_REGION -> "The IROH access token was issued in another region; "
                        + "use the token service and the Secure Endpoint API of the same region.";
                case MALFORMED, NOT_YET_VALID -> "The bearer token is not an IROH access token.";
            });
        }
    }

    private Principal secureEndpointToken(HttpServletRequest request, Host host) {
        String token = BearerTokens.presented(request);
        String[] problem = {"No access token: send 'Authorization: Bearer <token from /v3/access_tokens>'."};
        SecureEndpointTokens.Verified v = token == null ? null : secureEndpoint.verify(token, host.region(), problem);
        if (v == null) {
            throw refused(HostKind.SECURE_ENDPOINT, irohToken(token, host) ? "This is an XDR (IROH) access token: exchange it "
                    + "for a Secure Endpoint token at POST /v3/access_tokens first, and send that one." : problem[0]);
        }
        return Principal.apiClient(v.clientId(), v.orgId(), null, java.util.Set.of());
    }

    /** Whether a token refused here is an IROH token of this region (some clients skip the exchange). */
    private boolean irohToken(String token, Host host) {
        if (token == null) {
            return false;
        }
        try {
            iroh.verify(token, host.region());
            return true;
        } catch (RuntimeException e) {
            return false; // not one (TokenVerifier.Refused), or not even a token
        }
    }

    private Principal operatorToken(HttpServletRequest request) {
        if (!operator.matches(BearerTokens.presented(request))) {
            throw new ApiException(ErrorCode.INVALID_TOKEN, "This operation needs the operator token of bootstrap.json: "
                    + "send 'Authorization: Bearer <operatorToken>'.")
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"secplane-operator\"");
        }
        return Principal.operator();
    }

    /**
     * An SCC host's answer to a missing or refused access token: no {@code Authorization: Bearer} at
     * all, a malformed one, or a token refused for the reason given. The {@code WWW-Authenticate} of
     * RFC 6750.
     */
    static ApiException accessTokenRefused(boolean sent, boolean malformed, String reason) {
        if (!sent) {
            return new ApiException(ErrorCode.INVALID_TOKEN,
                    "This operation needs an access token: send the header 'Authorization: Bearer <token>'.")
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"secplane\"");
        }
        String message = reason;
        return new ApiException(ErrorCode.INVALID_TOKEN, message).withHeader(HttpHeaders.WWW_AUTHENTICATE,
                "Bearer realm=\"secplane\", error=\"" + (malformed ? "invalid_request" : "invalid_token")
                        + "\", error_description=\"" + message.replace('"', '\'') + "\"");
    }

    /** A refused credential, as each host answers it: its error code and {@code WWW-Authenticate}. */
    static ApiException refused(HostKind kind, String message) {
        return switch (kind) {
            case XDR -> new ApiException(ErrorCode.INVALID_JWT, message)
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"IROH\", error=\"invalid_token\"");
            case SECURE_ENDPOINT -> new ApiException(ErrorCode.INVALID_TOKEN, message)
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            default -> new ApiException(ErrorCode.INVALID_TOKEN, message)
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"secplane\", error=\"invalid_token\"");
        };
    }
}
