package io.secplane.operator;

import java.time.ZoneOffset;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.generated.operator.api.DiscoveryApi;
import io.secplane.generated.operator.api.OutboxApi;
import io.secplane.generated.operator.model.ListOutbox200Response;
import io.secplane.generated.operator.model.OutboxMail;
import io.secplane.mail.Outbox;
import io.secplane.security.BearerTokens;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import io.secplane.web.Fields;
import jakarta.servlet.http.HttpServletRequest;

/** The platform operator's API, with the operator token (not an API key). */
@RestController
public class OperatorController implements OutboxApi, DiscoveryApi {

    private final OperatorToken token;
    private final Outbox outbox;
    private final HttpServletRequest request;

    public OperatorController(OperatorToken token, Outbox outbox, HttpServletRequest request) {
        this.token = token;
        this.outbox = outbox;
        this.request = request;
    }

    @Override
    public ResponseEntity<String> getOperatorContract() {
        try {
            return io.secplane.contract.ContractController.yaml(new org.springframework.core.io.ClassPathResource(
                    io.secplane.contract.ContractCatalog.Api.OPERATOR.resource())
                    .getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public ResponseEntity<ListOutbox200Response> listOutbox(String recipient, Integer max) {
        if (!token.matches(BearerTokens.presented(request))) {
            throw new ApiException(ErrorCode.INVALID_TOKEN, "This operation needs the operator token of bootstrap.json: "
                    + "send 'Authorization: Bearer <operatorToken>'.")
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"secplane-operator\"");
        }
        int limit = max == null ? 50 : max;
        if (limit < 1 || limit > 500) {
            Fields f = new Fields();
            f.problem("max", "must be between 1 and 500");
            f.check();
        }
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(new ListOutbox200Response(
                outbox.recent(recipient == null || recipient.isBlank() ? null : recipient.strip(), limit).stream().map(m -> {
                    OutboxMail v = new OutboxMail(m.id(), m.recipient(), m.subject(), m.body(),
                            m.created().atOffset(ZoneOffset.UTC), m.attempts());
                    v.setOrgId(m.orgId());
                    v.setSent(m.sent() == null ? null : m.sent().atOffset(ZoneOffset.UTC));
                    v.setLastError(m.lastError());
                    return v;
                }).toList()));
    }
}
