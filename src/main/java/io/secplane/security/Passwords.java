package io.secplane.security;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The slow hash of people's passwords (bcrypt, in Spring Security's {@code {id}hash} form), one bean
 * for all. Each hash runs on a small pool of platform threads, one per core, and the request waits
 * for it: a burst of sign-ins costs the CPU it costs and no more at once, and on virtual threads
 * (which the OS does not preempt) the hashes cannot hold every carrier thread while requests that
 * hold a database connection wait to be run (seen: a burst of 60 wrong passwords left the pool's
 * connections busy past their timeout and every other request answered 503).
 */
@Configuration(proxyBeanMethods = false)
public class Passwords {

    @Bean(destroyMethod = "close")
    Hashing passwordEncoder() {
        return new Hashing(PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                Runtime.getRuntime().availableProcessors());
    }

    /** A password encoder whose work runs on its own bounded pool of platform threads. */
    public static final class Hashing implements PasswordEncoder, AutoCloseable {

        private final PasswordEncoder real;
        private final ExecutorService pool;

        public Hashing(PasswordEncoder real, int threads) {
            this.real = real;
            AtomicInteger n = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
                Thread t = new Thread(r, "password-hash-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public String encode(CharSequence raw) {
            return await(pool.submit(() -> real.encode(raw)));
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return await(pool.submit(() -> real.matches(raw, encoded)));
        }

        @Override
        public boolean upgradeEncoding(String encoded) {
            return real.upgradeEncoding(encoded);
        }

        private static <T> T await(Future<T> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                f.cancel(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while hashing a password", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }
}
