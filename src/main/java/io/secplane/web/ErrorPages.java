package io.secplane.web;

import java.io.IOException;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.hosts.Host;
import io.secplane.hosts.HostMap;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Errors raised outside the application still leave in the host's error shape with a tracking id:
 * those the container raises before any filter runs (a bad URI, an over-long header, two Host
 * headers) through a JSON error-report valve in place of Tomcat's HTML one, and those sent with
 * {@code sendError} through the {@code /error} dispatch.
 */
public final class ErrorPages {

    /** The answer a filter gave a request that the container then reports again through the error dispatch. */
    public static final String REFUSED = ErrorPages.class.getName() + ".refused";

    private ErrorPages() {
    }

    static ApiException forStatus(int status, String what) {
        ErrorCode code = switch (status) {
            case 400 -> ErrorCode.INVALID_REQUEST;
            case 401 -> ErrorCode.INVALID_TOKEN;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ErrorCode.TOO_MANY_REQUESTS;
            case 501 -> ErrorCode.NOT_IMPLEMENTED;
            case 503 -> ErrorCode.UNAVAILABLE;
            case 505 -> ErrorCode.HTTP_VERSION_NOT_SUPPORTED;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
        };
        String reason = HttpStatus.resolve(status) == null ? "Error" : HttpStatus.resolve(status).getReasonPhrase();
        String message = switch (status) {
            case 400 -> "The request is malformed (" + what + "): check the path's percent-encoding, the request line and the headers.";
            case 404 -> "No endpoint at this path.";
            case 505 -> "The request line names an HTTP version this server does not speak; send it as HTTP/1.1.";
            default -> status >= 500 && status != 501 && status != 503 && status != 505
                    ? "The server failed to handle this request; quote the trackingId when reporting it."
                    : reason + ".";
        };
        return new ApiException(code, message);
    }

    /** Replaces Tomcat's HTML error report on every host with the JSON one. */
    @Component
    static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

        private final HostMap hosts;
        private final ErrorWriter writer;

        Installer(HostMap hosts, ErrorWriter writer) {
            this.hosts = hosts;
            this.writer = writer;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (Valve v : host.getPipeline().getValves()) {
                        if (v instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(v);
                        }
                    }
                    // Tomcat adds an error-report valve of this class at start unless one is there
                    host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                    host.getPipeline().addValve(new JsonErrorReportValve(hosts, writer));
                }
            });
        }
    }

    /** Tomcat's error report, as JSON in the host's error shape. */
    public static class JsonErrorReportValve extends ErrorReportValve {

        private final HostMap hosts;
        private final ErrorWriter writer;

        public JsonErrorReportValve() {
            this(null, null);
        }

        JsonErrorReportValve(HostMap hosts, ErrorWriter writer) {
            this.hosts = hosts;
            this.writer = writer;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || writer == null || !response.setErrorReported()) {
                return;
            }
            try {
                HttpServletRequest req = request.getRequest();
                if (req.getAttribute(Host.ATTRIBUTE) == null) {
                    // when the request line itself was refused, no header was read: the global host's shape
                    req.setAttribute(Host.ATTRIBUTE, hosts.resolve(request.getHeader("Host")));
                }
                if (req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) == null) {
                    String uri = request.getCoyoteRequest().requestURI().toString();
                    req.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, uri == null || uri.isEmpty() ? "/" : uri);
                }
                String what = response.getMessage() == null ? "refused by the server" : response.getMessage();
                response.setSuspended(false);
                response.resetBuffer();
                writer.write(req, response.getResponse(), forStatus(status, what));
                response.finishResponse();
            } catch (IOException | RuntimeException e) {
                // the client is gone or the response cannot be written: nothing more to do
            }
        }
    }

    /** What {@code sendError} leads to: the same JSON, for the original request's host and path. */
    @RestController
    static class ErrorDispatch implements ErrorController {

        private final HostMap hosts;
        private final ErrorWriter writer;

        ErrorDispatch(HostMap hosts, ErrorWriter writer) {
            this.hosts = hosts;
            this.writer = writer;
        }

        @RequestMapping("/error")
        void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (request.getAttribute(Host.ATTRIBUTE) == null) {
                request.setAttribute(Host.ATTRIBUTE, hosts.resolve(request.getHeader("Host")));
            }
            if (request.getAttribute(REFUSED) instanceof ApiException refused) {
                writer.write(request, response, refused);
                return;
            }
            Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            int status = code instanceof Integer i ? i : 500;
            if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t && Unavailable.of(t) != null) {
                // a filter (the token check) needed the database and it was out of reach or too slow
                writer.write(request, response, Unavailable.of(t));
                return;
            }
            Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
            writer.write(request, response, forStatus(status, message == null ? "refused" : message.toString()));
        }
    }
}
