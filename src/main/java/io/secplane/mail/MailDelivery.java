package io.secplane.mail;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import io.secplane.SecplaneProperties;

/**
 * Sends the outbox over SMTP when one is configured ({@code spring.mail.host}): right after the
 * transaction that queued a mail commits, and every few seconds for what failed before (ten tries).
 * Without SMTP the mail stays in the outbox, for the operator. Delivery is at least once: a mail
 * whose sending succeeded but whose row could not be marked may be sent again. The sender is made
 * here from the {@code spring.mail.*} settings read when the server starts (not by a conditional
 * auto-configuration, which the ahead-of-time build of {@code ./secplane} would settle at build time).
 */
@Component
public class MailDelivery extends io.secplane.PeriodicJob {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);
    private final Outbox outbox;
    private final JavaMailSender smtp;
    private final String from;

    public MailDelivery(Outbox outbox, SecplaneProperties properties, Environment env) {
        super("mail-delivery");
        this.outbox = outbox;
        this.from = properties.mail().from();
        this.smtp = sender(env);
    }

    private static JavaMailSender sender(Environment env) {
        String host = env.getProperty("spring.mail.host");
        if (host == null || host.isBlank()) {
            return null;
        }
        JavaMailSenderImpl s = new JavaMailSenderImpl();
        s.setHost(host);
        s.setPort(env.getProperty("spring.mail.port", Integer.class, 25));
        s.setUsername(env.getProperty("spring.mail.username"));
        s.setPassword(env.getProperty("spring.mail.password"));
        s.setDefaultEncoding("UTF-8");
        java.util.Properties extra = new java.util.Properties();
        extra.putAll(Binder.get(env).bind("spring.mail.properties", Bindable.mapOf(String.class, String.class))
                .orElse(java.util.Map.of()));
        extra.putIfAbsent("mail.smtp.connectiontimeout", "10000");
        extra.putIfAbsent("mail.smtp.timeout", "10000");
        extra.putIfAbsent("mail.smtp.writetimeout", "10000");
        s.setJavaMailProperties(extra);
        return s;
    }

    /** Whether mail goes out over SMTP (else it stays in the outbox). */
    public boolean delivers() {
        return smtp != null;
    }

    @Override
    protected java.time.Duration every() {
        if (smtp == null) {
            return null; // no SMTP server: mail stays in the outbox for the operator to read
        }
        outbox.onEnqueue(this::soon);
        return java.time.Duration.ofSeconds(5);
    }

    @Override
    protected void runOnce() {
        deliver();
    }

    private void deliver() {
        try {
            for (Outbox.Mail m : outbox.unsent(50)) {
                SimpleMailMessage message = new SimpleMailMessage();
                message.setFrom(from);
                message.setTo(m.recipient());
                message.setSubject(m.subject());
                message.setText(m.body());
                try {
                    smtp.send(message);
                    outbox.sent(m.id());
                } catch (MailException e) {
                    log.warn("mail {} to {} not delivered yet: {}", m.id(), m.recipient(), e.getMessage());
                    outbox.failed(m.id(), String.valueOf(e.getMessage()));
                }
            }
        } catch (RuntimeException e) {
            log.warn("the outbox cannot be read now: {}", e.toString());
        }
    }
}
