package dev.countersign;

import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.http11.Http11NioProtocol;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The threads that answer HTTP requests run above normal priority. Slack gives a callback 3 seconds and measures
 * us by the slowest answers; on a busy machine those are answers that waited for a core behind background work
 * (sending to Slack, the database's own processes). The work after an answer runs below normal priority (see
 * {@code DeliveryDispatcher}), so this only decides who goes first, not how much gets done.
 *
 * <p>The JVM passes priorities to the OS only with {@code -XX:ThreadPriorityPolicy=1} (set by {@code
 * ./countersign}), and raising one needs the right to (root or {@code CAP_SYS_NICE}); without it the OS keeps them
 * at normal priority and nothing else changes.
 */
@Configuration(proxyBeanMethods = false)
class AnsweringThreads {

    @Bean
    TomcatProtocolHandlerCustomizer<AbstractProtocol<?>> answerFirst() {
        return protocol -> {
            protocol.setThreadPriority(Thread.MAX_PRIORITY);
            protocol.setAcceptorThreadPriority(Thread.MAX_PRIORITY);
            if (protocol instanceof Http11NioProtocol nio) {
                nio.setPollerThreadPriority(Thread.MAX_PRIORITY);
            }
        };
    }
}
