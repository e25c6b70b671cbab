package dev.countersign.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A page of requests, newest first. */
@Schema(name = "RequestPage")
record RequestPageView(
        List<RequestView> items,

        @Schema(description = "Pass as ?cursor= for the next page; null on the last page")
        String nextCursor) {}
