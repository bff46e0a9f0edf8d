package io.secplane.console;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.secplane.mail.Outbox;
import io.secplane.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The mailbox: the outbox's newest mail, so that invitations and reset links can be followed on the
 * machine that runs the server. There only when no SMTP server is configured, and answered only to
 * that machine (a loopback address): the mail holds links that set passwords.
 */
@Controller
public class MailboxPage {

    /** A mail and the lines of its body (links among them are shown as links). */
    public record Shown(Outbox.Mail mail, java.util.List<String> lines) {
    }

    private final Outbox outbox;
    private final Pages pages;

    public MailboxPage(Outbox outbox, Pages pages) {
        this.outbox = outbox;
        this.pages = pages;
    }

    @GetMapping("/mailbox")
    public String mailbox(@RequestParam(required = false) String to, HttpServletRequest request, Model model) {
        if (!pages.mailboxShown() || !loopback(request.getRemoteAddr())) {
            throw ApiException.notFound("The mailbox is shown only when no SMTP server is configured, and only to the "
                    + "machine that runs the server.");
        }
        String recipient = to == null || to.isBlank() ? null : to.strip();
        model.addAttribute("to", recipient);
        model.addAttribute("mails", outbox.recent(recipient, 50).stream()
                .map(m -> new Shown(m, java.util.List.of(m.body().split("\\R", -1)))).toList());
        return "console/mailbox";
    }

    static boolean loopback(String address) {
        // only a literal address (the connection's): no name is ever looked up here
        if (address == null || !address.matches("[0-9a-fA-F.:%\\[\\]]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
