package io.secplane.hosts;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.web.ApiException;

/** The XDR token service and the Secure Endpoint API: routed, answering 501 until they are built. */
@RestController
public class NotBuiltHosts {

    @RequestMapping({"/iroh/**", "/v3/**"})
    public void notBuilt() {
        throw ApiException.notImplemented("This endpoint of the XDR token service / Secure Endpoint API");
    }
}
