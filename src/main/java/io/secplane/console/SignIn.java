package io.secplane.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.secplane.access.Principal;
import io.secplane.audit.AuditLog;

/**
 * Signing in to the console: the password, then the second factor when one is enrolled. Failed
 * attempts (a wrong password or code) are counted per account: from the third on, the answer is
 * slowed; at {@code secplane.console.lock-after} the account is locked for
 * {@code secplane.console.lock-for}, and the lock is in the org's audit log. An unknown email costs
 * the same password hash as a known one, and both answer the same words.
 */
@Service
public class SignIn {

    private static final Logger log = LoggerFactory.getLogger(SignIn.class);
    private static final PasswordEncoder PASSWORDS = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private static final String DUMMY = PASSWORDS.encode("not a password of anyone");
    static final String WRONG = "The email or password is wrong.";

    /** Signed in (fully, or up to the second factor), or why not. */
    public record Outcome(ConsoleAuthentication auth, String problem) {
    }

    private final SignInRepository accounts;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final int lockAfter;
    private final Duration lockFor;

    public SignIn(SignInRepository accounts, AuditLog audit, TransactionTemplate tx,
                  @Value("${secplane.console.lock-after:8}") int lockAfter,
                  @Value("${secplane.console.lock-for:15m}") Duration lockFor) {
        this.accounts = accounts;
        this.audit = audit;
        this.tx = tx;
        this.lockAfter = lockAfter;
        this.lockFor = lockFor;
    }

    public Outcome password(String email, String password) {
        List<SignInRepository.Account> found = email == null || email.isBlank() ? List.of() : accounts.byEmail(email);
        String given = password == null ? "" : password;
        SignInRepository.Account match = null;
        SignInRepository.Account first = null;
        for (SignInRepository.Account a : found) {
            if (a.passwordHash() == null) {
                continue;
            }
            first = first == null ? a : first;
            if (PASSWORDS.matches(given, a.passwordHash())) {
                match = a;
                break;
            }
        }
        if (first == null) {
            PASSWORDS.matches(given, DUMMY);
            return new Outcome(null, WRONG);
        }
        SignInRepository.Account a = match != null ? match : first;
        String locked = locked(a);
        if (locked != null) {
            return new Outcome(null, locked);
        }
        if (match == null) {
            return new Outcome(null, failed(a, "wrong password"));
        }
        if (!a.status().equals("ACTIVE")) {
            return new Outcome(null, "This account is " + (a.status().equals("DISABLE") ? "suspended" : "not active")
                    + "; ask an administrator of your organization.");
        }
        if (a.totpSecret() != null) {
            return new Outcome(new ConsoleAuthentication(a.id(), a.orgId(), a.email(), a.epoch(), false), null);
        }
        return new Outcome(succeeded(a), null);
    }

    /** The second factor, after the password. */
    public Outcome secondFactor(ConsoleAuthentication partial, String code) {
        SignInRepository.Account a = accounts.find(partial.userId()).orElse(null);
        if (a == null || !a.status().equals("ACTIVE") || a.epoch() != partial.epoch() || a.totpSecret() == null) {
            return new Outcome(null, "Sign in again: this account changed since the password was given.");
        }
        String locked = locked(a);
        if (locked != null) {
            return new Outcome(null, locked);
        }
        long step = Totp.matches(a.totpSecret(), code, a.totpLastStep(), Instant.now());
        if (step < 0 || !accounts.useStep(a.id(), step)) {
            return new Outcome(null, failed(a, "wrong second-factor code"));
        }
        return new Outcome(succeeded(a), null);
    }

    /** Enrols the authenticator whose secret the page showed, if the code matches it; the new epoch. */
    public String enrol(ConsoleAuthentication user, String secret, String code) {
        long step = secret == null ? -1 : Totp.matches(secret, code, 0, Instant.now());
        if (step < 0) {
            return "This code does not match the secret: check the time on the device and enter the code it shows now.";
        }
        tx.executeWithoutResult(s -> {
            accounts.enrol(user.userId(), secret, step);
            audit.changed(Principal.user(user.orgId(), user.userId()), user.orgId(), "users/" + user.userId(),
                    "second factor enrolled");
        });
        return null;
    }

    private String locked(SignInRepository.Account a) {
        if (a.lockedUntil() != null && a.lockedUntil().isAfter(Instant.now())) {
            return "This account is locked after repeated failed sign-ins, until "
                    + a.lockedUntil().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ".";
        }
        return null;
    }

    private String failed(SignInRepository.Account a, String what) {
        int count = tx.execute(s -> {
            int n = accounts.failed(a.id());
            audit.changed(Principal.user(a.orgId(), a.id()), a.orgId(), "users/" + a.id(), "sign-in failed: " + what);
            if (n >= lockAfter) {
                Instant until = Instant.now().plus(lockFor);
                accounts.lock(a.id(), until);
                audit.changed(Principal.user(a.orgId(), a.id()), a.orgId(), "users/" + a.id(),
                        "sign-in locked until " + until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " after "
                                + n + " failed attempts");
                log.warn("console sign-in of user {} locked after {} failed attempts", a.id(), n);
            }
            return n;
        });
        if (count >= 3) {
            // slowed: 250 ms at the third failure, doubling, at most 2 s
            long delay = Math.min(2000, 250L << Math.min(count - 3, 4));
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return count >= lockAfter ? locked(accounts.find(a.id()).orElseThrow()) : what.contains("code")
                ? "The code is wrong or was used already." : WRONG;
    }

    private ConsoleAuthentication succeeded(SignInRepository.Account a) {
        tx.executeWithoutResult(s -> {
            accounts.succeeded(a.id());
            audit.changed(Principal.user(a.orgId(), a.id()), a.orgId(), "users/" + a.id(), "signed in to the console");
        });
        return new ConsoleAuthentication(a.id(), a.orgId(), a.email(), a.epoch(), true);
    }
}
