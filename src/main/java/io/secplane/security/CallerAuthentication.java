package io.secplane.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

import io.secplane.access.Principal;

/**
 * The authentication a valid credential becomes (an SCC, XDR or Secure Endpoint token, the operator
 * token): who calls, nothing of what they may do (the authorizer decides that at each request).
 */
public class CallerAuthentication extends AbstractAuthenticationToken implements io.secplane.access.Authenticated {

    private final Principal principal;
    private final String token;

    public CallerAuthentication(Principal principal, String token) {
        super(List.of());
        this.principal = principal;
        this.token = token;
        setAuthenticated(true);
    }

    @Override
    public Principal principal() {
        return principal;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.id();
    }
}
