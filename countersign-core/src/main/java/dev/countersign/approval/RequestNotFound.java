package dev.countersign.approval;

public final class RequestNotFound extends ApprovalException {

    public RequestNotFound(String id) {
        super("no approval request with id '" + id + "'");
    }
}
