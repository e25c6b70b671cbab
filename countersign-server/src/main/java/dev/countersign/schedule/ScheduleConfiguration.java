package dev.countersign.schedule;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.countersign.approval.ApprovalRequests;
import dev.countersign.approval.ExpireRequest;
import dev.countersign.approval.Transactions;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The scheduler: two recurring db-scheduler tasks, kept in the database so that a restart neither loses nor repeats
 * a firing and only one instance runs each firing. The due-work sweep runs every few seconds; the urgent report
 * once a day. Both only fire: what is due is decided by the code they call, from the {@link Clock}.
 */
@Configuration(proxyBeanMethods = false)
class ScheduleConfiguration {

    static final String SWEEP_TASK = "due-work-sweep";
    static final String URGENT_REPORT_TASK = "urgent-report";

    @Bean
    RequestReminders requestReminders(JdbcClient jdbc, JdbcTemplate batch) {
        return new RequestReminders(jdbc, batch);
    }

    @Bean
    ReminderFollowUps reminderFollowUps(RequestReminders reminders, RequestTypes types, Clock clock) {
        return new ReminderFollowUps(reminders, types, clock);
    }

    @Bean(destroyMethod = "close")
    SweepWorkers sweepWorkers(ScheduleSettings settings) {
        return new SweepWorkers(settings.sweepThreads());
    }

    @Bean
    ExpiryDue expiryDue(ApprovalRequests requests, ExpireRequest expire, SweepWorkers workers) {
        return new ExpiryDue(requests, expire, workers);
    }

    @Bean
    ReminderSweep reminderSweep(
            RequestReminders reminders,
            ApprovalRequests requests,
            RequestTypes types,
            ObjectProvider<Nudges> nudges,
            Transactions transactions,
            SweepWorkers workers) {
        return new ReminderSweep(
                reminders, requests, types, nudges.getIfAvailable(() -> Nudges.NONE), transactions, workers);
    }

    /** Expiry first, so that a request expiring now is not reminded as well. */
    @Bean
    DueWorkSweep dueWorkSweep(ObjectProvider<DueWork> work, ExpiryDue expiry, Clock clock) {
        var all = new java.util.ArrayList<DueWork>();
        all.add(expiry);
        work.orderedStream().filter(w -> w != expiry).forEach(all::add);
        return new DueWorkSweep(all, clock);
    }

    @Bean
    UrgentReport urgentReport(
            JdbcClient jdbc,
            ApprovalRequests requests,
            ObjectProvider<Nudges> nudges,
            Transactions transactions,
            UrgentReportSettings settings,
            Clock clock) {
        return new UrgentReport(
                jdbc, requests, nudges.getIfAvailable(() -> Nudges.NONE), transactions, settings.zoneId(), clock);
    }

    @Bean
    RecurringTask<Void> dueWorkSweepTask(DueWorkSweep sweep, ScheduleSettings settings) {
        return Tasks.recurring(SWEEP_TASK, FixedDelay.of(settings.sweepInterval()))
                .execute((instance, context) -> sweep.run());
    }

    /** Fired with its planned time, so a report that runs late (the service was down at 10:00) judges as of 10:00. */
    @Bean
    RecurringTask<Void> urgentReportTask(UrgentReport report, UrgentReportSettings settings) {
        return Tasks.recurring(URGENT_REPORT_TASK, Schedules.daily(settings.zoneId(), settings.localTime()))
                .execute((instance, context) -> report.sendFor(context.getExecution().executionTime));
    }
}
