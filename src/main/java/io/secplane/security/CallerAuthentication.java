package io.secplane.security;


import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The authentication a valid access token becomes. */
public class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final String token;

    public CallerAuthentication(Caller caller, String token) {
        super(caller.scopes().stream().map(s -> new SimpleGrantedAuthority("SCOPE_" + s)).toList());
        this.caller = caller;
        this.token = token;
        setAuthenticated(true);
    }

    public Caller caller() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.apiKeyId().toString();
    }

}
