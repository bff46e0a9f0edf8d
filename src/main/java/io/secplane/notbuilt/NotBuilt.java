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
 * error shape, naming the operation as the contract does. Never a silent stub.
 */
@Component
public class NotBuilt {

    private final ContractCatalog catalog;

    public NotBuilt(ContractCatalog catalog) {
        this.catalog = catalog;
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
