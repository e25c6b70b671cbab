package dev.countersign.api;

import dev.countersign.delegation.DelegationConflict;
import dev.countersign.delegation.DelegationException;
import dev.countersign.delegation.DelegationNotFound;
import dev.countersign.delegation.InvalidDelegation;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Delegation refusals as problems, the way {@link ApiProblems} maps the core's: invalid → 422, unknown → 404,
 * wrong state → 409. Ahead of {@link ApiProblems}, whose catch-all would otherwise answer 500.
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DelegationProblems {

    @ExceptionHandler(DelegationException.class)
    ResponseEntity<ProblemDetail> refused(DelegationException e) {
        ProblemDetail problem = switch (e) {
            case InvalidDelegation invalid ->
                ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid delegation", invalid.getMessage());
            case DelegationNotFound notFound ->
                ApiProblems.problem(HttpStatus.NOT_FOUND, "Not found", notFound.getMessage());
            case DelegationConflict conflict ->
                ApiProblems.problem(HttpStatus.CONFLICT, "Conflict", conflict.getMessage());
        };
        return ResponseEntity.of(problem).build();
    }
}
