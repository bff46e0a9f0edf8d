package io.secplane.notbuilt;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.secplane.contract.ContractCatalog;
import io.secplane.hosts.Host;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The answer of an operation the contracts name but Secplane has not built: 501, in the host's
 * error shape, naming the operation as the contract does. Never a silent stub. No method is written
 * for such an operation: the request mapping routes every operation its contract marks
 * {@code x-secplane-status: planned} that has no handler of its own to {@link #answer}, after the
 * authorizer and the contract's checks of the request (see {@code ContractHandlerMapping}).
 */
@Component
public class NotBuilt {

    private final ContractCatalog catalog;

    public NotBuilt(ContractCatalog catalog) {
        this.catalog = catalog;
    }

    /** The handler of every planned operation without one of its own. */
    public Object answer() {
        throw here();
    }

    /** The 501 for the operation of the request being handled. */
    public ApiException here() {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        String what = catalog.of(request, Host.of(request).kind())
                .map(ContractCatalog.Operation::describe)
                .orElse(request.getMethod() + " " + request.getRequestURI());
        return new ApiException(ErrorCode.NOT_IMPLEMENTED, "The operation " + what
                + " is not built yet in this version of Secplane (the contract marks it x-secplane-status: planned).");
    }
}
