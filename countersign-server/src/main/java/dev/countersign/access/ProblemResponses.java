package dev.countersign.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Spring Security's refusals look like: RFC 9457 problems, as every other error of the API, each saying what
 * to send instead. An anonymous caller refused anything is told to authenticate (401), never 403: a call without
 * a credential learns nothing about what a credential would allow.
 */
@Component
class ProblemResponses {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof CredentialsUnavailable) {
            response.setHeader("Retry-After", "5");
            write(
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Storage unavailable",
                    "the database cannot be "
                            + "reached right now, so the token cannot be checked; retry shortly (a repeated decision is "
                            + "never counted twice)");
            return;
        }
        boolean sentOne = request.getHeader("Authorization") != null;
        // RFC 6750: a token that was sent but is not valid says so; a call without one is just told the scheme.
        response.setHeader("WWW-Authenticate", sentOne ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(
                response,
                HttpStatus.UNAUTHORIZED,
                "Unauthorized",
                sentOne
                        ? "the token is not valid (unknown, revoked or mistyped); send 'Authorization: Bearer <token>'"
                        : "send a token as 'Authorization: Bearer <token>': the admin token, an API client's or a "
                                + "personal token");
    }

    void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            unauthorized(
                    request,
                    response,
                    new org.springframework.security.authentication.InsufficientAuthenticationException(
                            "no credential"));
            return;
        }
        String who = authentication.getPrincipal() instanceof Caller caller ? caller.describe() : "this credential";
        write(
                response,
                HttpStatus.FORBIDDEN,
                "Forbidden",
                "only the admin token (COUNTERSIGN_API_TOKEN or the " + "generated api-token file) may make this call; "
                        + who + " may not");
    }

    void rejected(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        write(
                response,
                HttpStatus.BAD_REQUEST,
                "Bad request",
                "the request's path is not in canonical form "
                        + "(no ';', encoded '/', '.', '%' or '\\', '//', '/./' or '/../'); send the plain path");
    }

    private void write(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
