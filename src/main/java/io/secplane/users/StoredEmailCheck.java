package io.secplane.users;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * At start, names in one warning the stored addresses that the rule for new ones ({@link Emails})
 * refuses: they were taken before the rule and keep working; an administrator may replace them.
 */
@Component
public class StoredEmailCheck implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StoredEmailCheck.class);
    private final JdbcClient jdbc;

    StoredEmailCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> bad = refused();
        if (!bad.isEmpty()) {
            log.warn("{} stored user address(es) would not be taken for a new user (they keep working): {}", bad.size(),
                    String.join(", ", bad.subList(0, Math.min(bad.size(), 50))) + (bad.size() > 50 ? ", ..." : ""));
        }
    }

    /** The stored addresses the rule refuses, each as "user id <address>". */
    public List<String> refused() {
        List<String> bad = new ArrayList<>();
        jdbc.sql("SELECT id, email FROM users WHERE status <> 'REMOVED'").query(rs -> {
            String email = rs.getString("email");
            if (Emails.problem(email) != null) {
                bad.add(rs.getString("id") + " <" + email.codePoints().limit(80).collect(StringBuilder::new,
                        (b, c) -> b.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                                ? String.format("\\u%04X", c) : Character.toString(c)), StringBuilder::append) + ">");
            }
        });
        return bad;
    }
}
