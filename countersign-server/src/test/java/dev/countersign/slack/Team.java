package dev.countersign.slack;

import static org.awaitility.Awaitility.await;

import dev.countersign.emulator.EmulatedMessage;
import dev.countersign.emulator.EmulatedUser;
import dev.countersign.emulator.SlackEmulator;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * People of one test, each with a Slack account in the emulator and an address no other test uses: alice asks,
 * bob, carol and dave sit on level 1, erin on level 2, oscar runs the work, mallory has nothing to do with it.
 */
record Team(
        SlackEmulator slack,
        EmulatedUser alice,
        EmulatedUser bob,
        EmulatedUser carol,
        EmulatedUser dave,
        EmulatedUser erin,
        EmulatedUser oscar,
        EmulatedUser mallory) {

    static Team fresh(SlackEmulator slack) {
        String domain = "@" + UUID.randomUUID().toString().substring(0, 10) + ".example.com";
        return new Team(
                slack,
                slack.addUser("alice", "alice" + domain),
                slack.addUser("bob", "bob" + domain),
                slack.addUser("carol", "carol" + domain),
                slack.addUser("dave", "dave" + domain),
                slack.addUser("erin", "erin" + domain),
                slack.addUser("oscar", "oscar" + domain),
                slack.addUser("mallory", "mallory" + domain));
    }

    /** Waits until the user's DMs hold a message that matches, and returns it as it is then. */
    EmulatedMessage awaitDm(EmulatedUser user, Predicate<EmulatedMessage> matching) {
        return await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> slack.dms(user.id()).stream()
                                .filter(matching)
                                .findFirst()
                                .orElse(null),
                        message -> message != null);
    }

    /** The user's DMs about a request (its Details link names the id). */
    List<EmulatedMessage> dmsAbout(EmulatedUser user, String requestId) {
        return slack.dms(user.id()).stream()
                .filter(m -> m.blocksJson() != null && m.blocksJson().contains(requestId))
                .toList();
    }

    EmulatedMessage awaitDmAbout(EmulatedUser user, String requestId, Predicate<EmulatedMessage> matching) {
        return awaitDm(user, m -> m.blocksJson() != null && m.blocksJson().contains(requestId) && matching.test(m));
    }

    EmulatedMessage awaitRequestDm(EmulatedUser approver, String requestId) {
        return awaitDmAbout(
                approver, requestId, m -> m.hasButton("details") && m.text().contains("approval"));
    }
}
