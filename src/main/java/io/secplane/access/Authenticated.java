package io.secplane.access;

/**
 * What the security context holds once a request's caller is known: an SCC token's, an XDR or
 * Secure Endpoint token's, the operator's ({@code CallerAuthentication}) or a console session's.
 */
public interface Authenticated {

    /** The caller, or null while it is not signed in fully (a console session between its two factors). */
    Principal principal();
}
