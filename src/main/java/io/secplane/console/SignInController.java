package io.secplane.console;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.secplane.users.UserLifecycle;
import io.secplane.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/** Signing in and out, the second factor, and the pages the mailed links open. */
@Controller
public class SignInController {

    private static final String PENDING_SECRET = SignInController.class.getName() + ".SECRET";
    private final SignIn signIn;
    private final SignInRepository accounts;
    private final UserLifecycle lifecycle;
    private final Pages pages;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final HttpSessionCsrfTokenRepository csrf = new HttpSessionCsrfTokenRepository();

    public SignInController(SignIn signIn, SignInRepository accounts, UserLifecycle lifecycle, Pages pages) {
        this.signIn = signIn;
        this.accounts = accounts;
        this.lifecycle = lifecycle;
        this.pages = pages;
    }

    @GetMapping("/")
    public String home() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ConsoleAuthentication a && a.complete()) {
            return "redirect:/orgs/" + a.orgId();
        }
        return "redirect:/login";
    }

    @GetMapping("/login")
    public String loginPage(HttpServletRequest request, Model model) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SessionCheck.ENDED) instanceof String ended) {
            session.removeAttribute(SessionCheck.ENDED);
            model.addAttribute("problem", ended);
        }
        return "console/login";
    }

    @PostMapping("/login")
    public String login(@RequestParam(required = false) String email, @RequestParam(required = false) String password,
                        HttpServletRequest request, HttpServletResponse response, Model model) {
        SignIn.Outcome outcome = signIn.password(email, password);
        if (outcome.problem() != null) {
            response.setStatus(400);
            model.addAttribute("problem", outcome.problem());
            model.addAttribute("email", email);
            return "console/login";
        }
        save(outcome.auth(), request, response);
        return outcome.auth().complete() ? "redirect:/orgs/" + outcome.auth().orgId() : "redirect:/login/mfa";
    }

    @GetMapping("/login/mfa")
    public String mfaPage() {
        return partial() == null ? "redirect:/login" : "console/mfa";
    }

    @PostMapping("/login/mfa")
    public String loginMfa(@RequestParam(required = false) String code, HttpServletRequest request,
                           HttpServletResponse response, Model model) {
        ConsoleAuthentication partial = partial();
        if (partial == null) {
            return "redirect:/login";
        }
        SignIn.Outcome outcome = signIn.secondFactor(partial, code);
        if (outcome.problem() != null) {
            response.setStatus(400);
            model.addAttribute("problem", outcome.problem());
            return "console/mfa";
        }
        save(outcome.auth(), request, response);
        return "redirect:/orgs/" + outcome.auth().orgId();
    }

    @PostMapping("/logout")
    public String logout(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return "redirect:/login";
    }

    @GetMapping("/account/mfa")
    public String mfaEnrolPage(HttpServletRequest request, Model model) {
        ConsoleAuthentication me = Pages.user();
        String secret = Totp.newSecret();
        request.getSession().setAttribute(PENDING_SECRET, secret);
        return enrolPage(model, me, secret);
    }

    @PostMapping("/account/mfa")
    public String mfaEnrol(@RequestParam(required = false) String code, HttpServletRequest request,
                           HttpServletResponse response, Model model, RedirectAttributes redirect) {
        ConsoleAuthentication me = Pages.user();
        String secret = request.getSession().getAttribute(PENDING_SECRET) instanceof String s ? s : null;
        String problem = signIn.enrol(me, secret, code);
        if (problem != null) {
            pages.refused(model, response, "code", problem);
            if (secret == null) {
                secret = Totp.newSecret();
                request.getSession().setAttribute(PENDING_SECRET, secret);
            }
            return enrolPage(model, me, secret);
        }
        request.getSession().removeAttribute(PENDING_SECRET);
        int epoch = accounts.find(me.userId()).orElseThrow().epoch();
        save(new ConsoleAuthentication(me.userId(), me.orgId(), me.email(), epoch, true), request, response);
        redirect.addFlashAttribute("notice", "Your authenticator is enrolled: its code is asked at each sign-in.");
        return "redirect:/orgs/" + me.orgId();
    }

    private String enrolPage(Model model, ConsoleAuthentication me, String secret) {
        pages.frame(model, me.orgId(), "mfa");
        model.addAttribute("enrolled", accounts.find(me.userId()).map(a -> a.totpSecret() != null).orElse(false));
        model.addAttribute("secret", secret);
        model.addAttribute("qr", Totp.qrSvg(Totp.uri(me.email(), secret)));
        return "console/enrol";
    }

    @GetMapping("/account/set-password")
    public String setPasswordPage(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token);
        return "console/set-password";
    }

    @PostMapping("/account/set-password")
    public String setPasswordForm(@RequestParam(required = false) String token, @RequestParam(required = false) String password,
                                  @RequestParam(required = false) String confirm, HttpServletResponse response, Model model,
                                  RedirectAttributes redirect) {
        model.addAttribute("token", token);
        if (password == null || password.codePointCount(0, password.length()) < 12) {
            pages.refused(model, response, "password", "must have at least 12 characters");
            return "console/set-password";
        }
        if (!password.equals(confirm)) {
            pages.refused(model, response, "confirm", "is not the same password");
            return "console/set-password";
        }
        try {
            lifecycle.setPassword(token, password);
        } catch (ApiException e) {
            pages.refused(model, response, e);
            return "console/set-password";
        }
        redirect.addFlashAttribute("notice", "Your password is set: sign in with it.");
        return "redirect:/login";
    }

    @GetMapping("/account/reset-mfa")
    public String resetMfaPage(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token);
        return "console/reset-mfa";
    }

    @PostMapping("/account/reset-mfa")
    public String resetMfaForm(@RequestParam(required = false) String token, HttpServletResponse response, Model model,
                               RedirectAttributes redirect) {
        try {
            lifecycle.resetMfa(token);
        } catch (ApiException e) {
            model.addAttribute("token", token);
            pages.refused(model, response, e);
            return "console/reset-mfa";
        }
        redirect.addFlashAttribute("notice", "Your authenticator is removed: sign in with your password and enrol a new one.");
        return "redirect:/login";
    }

    private static ConsoleAuthentication partial() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof ConsoleAuthentication a && !a.complete()
                ? a : null;
    }

    /** A new session id for the new sign-in state, the state kept, and a new CSRF token. */
    private void save(ConsoleAuthentication auth, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        } else {
            request.getSession(true);
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        csrf.saveToken(null, request, response);
    }
}
