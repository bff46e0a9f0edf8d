package io.secplane.mail;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import io.secplane.SecplaneProperties;

/**
 * Sends the outbox over SMTP when one is configured ({@code spring.mail.host}): right after the
 * transaction that queued a mail commits, and every few seconds for what failed before (ten tries).
 * Without SMTP the mail stays in the outbox, for the operator. Delivery is at least once: a mail
 * whose sending succeeded but whose row could not be marked may be sent again.
 */
@Component
@org.springframework.context.annotation.Lazy(false)
public class MailDelivery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);
    private final Outbox outbox;
    private final ObjectProvider<JavaMailSender> sender;
    private final String from;
    private final AtomicBoolean running = new AtomicBoolean();
    private ScheduledExecutorService executor;

    public MailDelivery(Outbox outbox, ObjectProvider<JavaMailSender> sender, SecplaneProperties properties) {
        this.outbox = outbox;
        this.sender = sender;
        this.from = properties.mail().from();
    }

    @Override
    public void start() {
        if (sender.getIfAvailable() == null || !running.compareAndSet(false, true)) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mail-delivery");
            t.setDaemon(true);
            return t;
        });
        outbox.onEnqueue(() -> executor.execute(this::deliver));
        executor.scheduleWithFixedDelay(this::deliver, 1, 5, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        if (running.compareAndSet(true, false)) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    private void deliver() {
        JavaMailSender smtp = sender.getIfAvailable();
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
