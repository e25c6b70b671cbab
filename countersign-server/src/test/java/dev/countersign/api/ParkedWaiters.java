package dev.countersign.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.DeferredResultProcessingInterceptor;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Watches, from Spring MVC's side, which long-polls the server holds open right now. A waiter counts from the
 * moment its async response is parked (by then {@link RequestWaiters} knows it) until its answer is written, so a
 * test can make a decision only once the waiter is truly waiting and not racing it.
 */
@TestConfiguration(proxyBeanMethods = false)
class ParkedWaiters implements WebMvcConfigurer, DeferredResultProcessingInterceptor {

    private static final Pattern WAIT = Pattern.compile(".*/api/v1/requests/([^/]+)/wait$");

    private final Map<String, AtomicInteger> parked = new ConcurrentHashMap<>();

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.registerDeferredResultInterceptors(this);
    }

    @Override
    public <T> void preProcess(NativeWebRequest request, DeferredResult<T> result) {
        String id = requestId(request);
        if (id != null) {
            parked.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Override
    public <T> void afterCompletion(NativeWebRequest request, DeferredResult<T> result) {
        String id = requestId(request);
        if (id != null) {
            parked.computeIfPresent(id, (k, count) -> count.decrementAndGet() == 0 ? null : count);
        }
    }

    /** Whether a long-poll on this request is being held open. */
    boolean onRequest(String id) {
        return parked.containsKey(id);
    }

    private static String requestId(NativeWebRequest request) {
        HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
        if (http == null) {
            return null;
        }
        Matcher matcher = WAIT.matcher(http.getRequestURI());
        return matcher.matches() ? matcher.group(1) : null;
    }
}
