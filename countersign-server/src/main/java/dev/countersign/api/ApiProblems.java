package dev.countersign.api;

import dev.countersign.access.AccessRefused;
import dev.countersign.access.CredentialConflict;
import dev.countersign.access.CredentialNotFound;
import dev.countersign.access.InvalidCredentialRequest;
import dev.countersign.approval.ApprovalException;
import dev.countersign.approval.DecisionNotAllowed;
import dev.countersign.approval.InvalidApprovalRequest;
import dev.countersign.approval.RequestNotFound;
import dev.countersign.approval.RequestStateConflict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error as an RFC 9457 problem ({@code application/problem+json}) whose detail says what to fix. Domain
 * refusals map by kind: invalid → 422, not allowed → 403, wrong state → 409, unknown → 404.
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(ApprovalException.class)
    ResponseEntity<ProblemDetail> refused(ApprovalException e) {
        ProblemDetail problem = switch (e) {
            case InvalidApprovalRequest invalid -> {
                var p = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid request", invalid.getMessage());
                p.setProperty("errors", invalid.problems());
                yield p;
            }
            case DecisionNotAllowed forbidden -> problem(HttpStatus.FORBIDDEN, "Not allowed", forbidden.getMessage());
            case RequestStateConflict conflict -> problem(HttpStatus.CONFLICT, "Conflict", conflict.getMessage());
            case RequestNotFound notFound -> problem(HttpStatus.NOT_FOUND, "Not found", notFound.getMessage());
        };
        return ResponseEntity.of(problem).build();
    }

    @ExceptionHandler({
        AccessRefused.class,
        InvalidCredentialRequest.class,
        CredentialConflict.class,
        CredentialNotFound.class
    })
    ResponseEntity<ProblemDetail> credentials(RuntimeException e) {
        ProblemDetail problem = switch (e) {
            case AccessRefused refused -> problem(HttpStatus.FORBIDDEN, "Forbidden", refused.getMessage());
            case InvalidCredentialRequest invalid ->
                problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid request", invalid.getMessage());
            case CredentialConflict conflict -> problem(HttpStatus.CONFLICT, "Conflict", conflict.getMessage());
            default -> problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
        };
        return ResponseEntity.of(problem).build();
    }

    @ExceptionHandler(BadApiInput.class)
    ResponseEntity<ProblemDetail> badInput(BadApiInput e) {
        return ResponseEntity.of(problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage()))
                .build();
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.of(problem(
                        HttpStatus.BAD_REQUEST,
                        "Bad request",
                        "parameter '" + e.getName() + "' has an unusable value '" + e.getValue() + "'"))
                .build();
    }

    /**
     * The database is unreachable or dropped the connection: the same call may succeed in a moment, and retrying is
     * safe (a decision is never counted twice; an Idempotency-Key makes a repeated creation return the first).
     */
    @ExceptionHandler({
        CannotGetJdbcConnectionException.class,
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class,
        CannotCreateTransactionException.class,
        TransactionSystemException.class
    })
    ResponseEntity<ProblemDetail> storageUnavailable(Exception e) {
        log.warn("Storage unavailable while answering an API call: {}", e.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "Storage unavailable",
                        "the database cannot be reached right now; retry shortly (a repeated decision is never "
                                + "counted twice, and an Idempotency-Key makes a repeated creation safe)"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error answering an API call", e);
        return ResponseEntity.of(problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "Internal error",
                        "the server could not complete this call; it has been logged"))
                .build();
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (BodyTooLarge.causedBy(e)) {
            return ResponseEntity.of(BodyTooLarge.problem()).build();
        }
        String detail = "the body is not valid JSON for this call";
        if (e.getMostSpecificCause() instanceof UnrecognizedPropertyException unknown) {
            detail = "unknown field '" + unknown.getPropertyName() + "'; the known fields here are "
                    + unknown.getKnownPropertyIds();
        } else if (e.getMostSpecificCause() instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            // Jackson's own message names Java types; the caller needs the JSON field.
            detail = "field '" + fieldPath(mismatch) + "' has the wrong JSON type; see /v3/api-docs for its shape";
        } else if (e.getMostSpecificCause() instanceof JacksonException json) {
            detail = detail + ": " + json.getOriginalMessage();
        } else if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            detail = "a JSON body is required";
        }
        return ResponseEntity.of(problem(HttpStatus.BAD_REQUEST, "Malformed request", detail))
                .build();
    }

    private static String fieldPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
