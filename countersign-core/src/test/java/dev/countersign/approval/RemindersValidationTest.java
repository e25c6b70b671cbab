package dev.countersign.approval;

import static dev.countersign.approval.People.BOB;
import static dev.countersign.approval.SpecBuilder.aRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a request's own reminder settings may be, and what a refusal says. */
class RemindersValidationTest {

    @Test
    void acceptsAnIntervalAMaximumAndEmailsAndChannelsToEscalateTo() {
        // given
        RequestSpec spec = aRequest()
                .level(1, BOB)
                .reminders(new Reminders(Duration.ofHours(4), 3, List.of("lead@example.com", "#ops", "C0123ABC")))
                .build();

        // when / then
        assertThat(spec.validate().reminders().escalateTo()).containsExactly("lead@example.com", "#ops", "C0123ABC");
    }

    @Test
    void refusesAnIntervalUnderAMinuteTooManyRemindersAndContactsThatAreNeitherEmailNorChannel() {
        // given
        RequestSpec spec = aRequest()
                .level(1, BOB)
                .reminders(new Reminders(Duration.ofSeconds(30), 51, List.of("lead@", "#ops", "#ops")))
                .build();

        // when
        InvalidApprovalRequest refusal = catchThrowableOfType(InvalidApprovalRequest.class, spec::validate);

        // then
        assertThat(refusal.problems())
                .containsExactly(
                        "reminders.every must be a duration from 1 minute to 30 days, e.g. PT4H",
                        "reminders.max must be from 0 to 50",
                        "reminders.escalateTo lists a contact more than once",
                        "reminders.escalateTo holds emails or Slack channels (#name or an id such as C0123); not 'lead@'");
    }
}
