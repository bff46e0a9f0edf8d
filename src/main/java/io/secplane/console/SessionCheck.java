package io.secplane.console;

import java.io.IOException;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * At every console request, whether the session still counts: its user is still active and their
 * sign-in epoch has not moved (it moves when they are suspended, removed, or their password or
 * second factor is reset). A session that no longer counts is ended and the browser sent to sign in;
 * one that counts stays in the security context, where the authentication step finds its user.
 * (Made by the console's chain, not a servlet filter of its own.)
 */
public class SessionCheck extends OncePerRequestFilter {

    static final String ENDED = SessionCheck.class.getName() + ".ENDED";
    private final SignInRepository accounts;

    public SessionCheck(SignInRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ConsoleAuthentication auth) {
            var now = accounts.find(auth.userId()).orElse(null);
            if (now == null || !now.status().equals("ACTIVE") || now.epoch() != auth.epoch()) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                request.getSession(true).setAttribute(ENDED, now == null || !now.status().equals("ACTIVE")
                        ? "Your session ended: your account is no longer active."
                        : "Your session ended: your password or second factor changed.");
                ConsoleSecurity.toSignIn(response);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
