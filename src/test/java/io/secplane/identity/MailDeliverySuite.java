package io.secplane.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.secplane.api.ApiTestSupport;
import io.secplane.mail.Outbox;
import jakarta.mail.internet.MimeMessage;

/** Invitations go out over real SMTP when one is configured: a GreenMail server started by the test receives them. */
public abstract class MailDeliverySuite extends ApiTestSupport {

    static final GreenMail SMTP = start();

    private static GreenMail start() {
        GreenMail g = new GreenMail(com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort());
        g.start();
        return g;
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void clear() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
    }

    @Autowired
    Outbox outbox;

    @Test
    void anInvitationIsDeliveredOverSmtpAndMarkedSent() throws Exception {
        String email = "smtp-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        var r = admin.send("PATCH", org(orgA) + "/users", "{\"email\":\"" + email + "\",\"operation\":\"invite\"}",
                "application/json", List.of());
        assertThat(r.json().get("results").get(0).get("status").asString()).isEqualTo("success");
        assertThat(SMTP.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage got = null;
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            if (GreenMailUtil.getAddressList(m.getAllRecipients()).contains(email)) {
                got = m;
            }
        }
        assertThat(got).as("a mail to %s", email).isNotNull();
        assertThat(got.getSubject()).contains("invited");
        String body = GreenMailUtil.getBody(got);
        assertThat(body).contains("/account/set-password?token=").contains("/v1/account/password");
        // the outbox row is marked sent (delivery is after the commit, so wait for the mark)
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (outbox.recent(email, 1).get(0).sent() == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(outbox.recent(email, 1).get(0).sent()).isNotNull();
        assertThat(outbox.recent(email, 1).get(0).attempts()).isEqualTo(1);
    }
}
