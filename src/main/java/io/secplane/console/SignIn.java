package io.secplane.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.secplane.access.Principal;
import io.secplane.audit.AuditLog;

/**
 * Signing in to the console: the password, then the second factor when one is enrolled. Each attempt
 * is first counted on the account in the database, atomically (one statement, so across threads and
 * server processes sharing PostgreSQL); only an attempt that could be counted, below
 * {@code secplane.console.lock-after}, has its password checked. A wrong password from the third on
 * is answered slowly; the one that reaches the limit locks the account for
 * {@code secplane.console.lock-for}, in the org's audit log and by mail to its owner with the time
 * the lock ends. A wrong password, an unknown email and a locked account answer the same words for
 * the same cost: one password hash per attempt, in every case. An email with accounts in several
 * organizations counts on each; the password checked is that of the oldest one that could count.
 */
@Service
public class SignIn {

    private static final Logger log = LoggerFactory.getLogger(SignIn.class);
    static final String WRONG = "The email or password is wrong.";

    /** Signed in (fully, or up to the second factor), or why not: exactly one of the two is set. */
    public record Outcome(ConsoleAuthentication auth, String problem) {
        public Outcome {
            if ((auth == null) == (problem == null)) {
                throw new IllegalArgumentException("an outcome is a sign-in or a problem");
            }
        }
    }

    private final SignInRepository accounts;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final PasswordEncoder passwords;
    private final io.secplane.mail.Outbox outbox;
    /**
     * A hash of no one's password, checked when no account matches so that a wrong address takes as
     * long as a wrong password. Made beside the start, on a thread of its own (a tenth of a second of
     * hashing that the start need not wait for); the first sign-in waits for it if it has to.
     */
    private final java.util.concurrent.CompletableFuture<String> dummy;
    private final int lockAfter;
    private final Duration lockFor;

    public SignIn(SignInRepository accounts, AuditLog audit, TransactionTemplate tx, PasswordEncoder passwords,
                  io.secplane.mail.Outbox outbox,
                  @Value("${secplane.console.lock-after:8}") int lockAfter,
                  @Value("${secplane.console.lock-for:15m}") Duration lockFor) {
        this.accounts = accounts;
        this.audit = audit;
        this.tx = tx;
        this.passwords = passwords;
        this.outbox = outbox;
        this.dummy = java.util.concurrent.CompletableFuture.supplyAsync(() -> passwords.encode("not a password of anyone"),
                r -> {
                    Thread t = new Thread(r, "sign-in-dummy-hash");
                    t.setDaemon(true);
                    t.start();
                });
        this.lockAfter = lockAfter;
        this.lockFor = lockFor;
    }

    public Outcome password(String email, String password) {
        String given = password == null ? "" : password;
        List<SignInRepository.Account> found = email == null || email.isBlank() ? List.of()
                : accounts.byEmail(email).stream().filter(a -> a.passwordHash() != null).toList();
        // the attempt is counted on each account before any password is looked at
        List<SignInRepository.Account> counted = new java.util.ArrayList<>();
        List<Integer> counts = new java.util.ArrayList<>();
        for (SignInRepository.Account a : found) {
            int n = tx.execute(s -> accounts.takeAttempt(a.id(), lockAfter, Instant.now(), lockEnd()));
            if (n > 0) {
                counted.add(a);
                counts.add(n);
            }
        }
        if (counted.isEmpty()) {
            // unknown, or locked, or out of attempts: the same work and words as a wrong password
            passwords.matches(given, dummy.join());
            return new Outcome(null, WRONG);
        }
        SignInRepository.Account a = counted.get(0);
        if (!passwords.matches(given, a.passwordHash())) {
            int worst = 0;
            for (int i = 0; i < counted.size(); i++) {
                worst = Math.max(worst, failed(counted.get(i), counts.get(i), "wrong password"));
            }
            slow(worst);
            return new Outcome(null, WRONG);
        }
        for (int i = 0; i < counted.size(); i++) {
            // the right password: its attempt is given back, on every account but the one it signs in to
            if (counted.get(i) != a || !a.status().equals("ACTIVE") || a.totpSecret() != null) {
                accounts.givenBack(counted.get(i).id(), counts.get(i) >= lockAfter);
            }
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

    /** The second factor, after the password: counted as the password is, before the code is looked at. */
    public Outcome secondFactor(ConsoleAuthentication partial, String code) {
        SignInRepository.Account a = accounts.find(partial.userId()).orElse(null);
        if (a == null || !a.status().equals("ACTIVE") || a.epoch() != partial.epoch() || a.totpSecret() == null) {
            return new Outcome(null, "Sign in again: this account changed since the password was given.");
        }
        int n = tx.execute(s -> accounts.takeAttempt(a.id(), lockAfter, Instant.now(), lockEnd()));
        if (n == 0) {
            // the password was right: its owner may be told of the lock
            return new Outcome(null, "This account is locked after repeated failed sign-ins; the mail sent to it says until when.");
        }
        long step = Totp.matches(a.totpSecret(), code, a.totpLastStep(), Instant.now());
        if (step < 0 || !accounts.useStep(a.id(), step)) {
            slow(failed(a, n, "wrong second-factor code"));
            return new Outcome(null, "The code is wrong or was used already.");
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

    /** A counted attempt that failed: audited; the one that reached the limit locks and mails. Its count. */
    private int failed(SignInRepository.Account a, int n, String what) {
        tx.executeWithoutResult(s -> {
            audit.changed(Principal.user(a.orgId(), a.id()), a.orgId(), "users/" + a.id(), "sign-in failed: " + what);
            if (n >= lockAfter) {
                Instant until = accounts.find(a.id()).map(SignInRepository.Account::lockedUntil).orElse(lockEnd());
                audit.changed(Principal.user(a.orgId(), a.id()), a.orgId(), "users/" + a.id(),
                        "sign-in locked until " + until + " after " + n + " failed attempts");
                outbox.enqueue(a.orgId(), a.email(), "Your Security Cloud Control sign-in is locked",
                        "Someone failed to sign in to your account " + n + " times in a row, so signing in is locked "
                                + "until " + until + " (UTC). If it was not you, tell an administrator of your "
                                + "organization; you can also reset your password then.\n");
                log.warn("console sign-in of user {} locked after {} failed attempts", a.id(), n);
            }
        });
        return n;
    }

    /** When a lock made now ends. */
    private Instant lockEnd() {
        return Instant.now().plus(lockFor).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** From the third failure on, the answer waits: 250 ms, doubling, at most 2 s. */
    private static void slow(int count) {
        if (count >= 3) {
            try {
                Thread.sleep(Math.min(2000, 250L << Math.min(count - 3, 4)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ConsoleAuthentication succeeded(SignInRepository.Account a) {
        tx.executeWithoutResult(s -> {
            accounts.succeeded(a.id());
            audit.changed(Principal.user(a.orgId(), a.id()), a.orgId(), "users/" + a.id(), "signed in to the console");
        });
        return new ConsoleAuthentication(a.id(), a.orgId(), a.email(), a.epoch(), true);
    }
}
