package dev.countersign.demo;

import dev.countersign.emulator.EmulatedUser;
import dev.countersign.emulator.SlackEmulator;

/**
 * The demo's people, each a Slack account in the emulator with their role as profile title: Alice asks, Bob and
 * Carol approve on level 1 (either one is enough), Dave on level 2, Erin stands in for Dave, Oscar runs the work.
 */
public record DemoPeople(
        EmulatedUser requester,
        EmulatedUser firstApprover,
        EmulatedUser secondApprover,
        EmulatedUser finalApprover,
        EmulatedUser delegate,
        EmulatedUser executor) {

    static final String DOMAIN = "@example.com";

    static DemoPeople addTo(SlackEmulator slack) {
        DemoPeople people = new DemoPeople(
                person(slack, "alice.chen", "Developer · asks for approval (requester)"),
                person(slack, "bob.martin", "Team lead · approver, level 1"),
                person(slack, "carol.diaz", "Team lead · approver, level 1"),
                person(slack, "dave.okafor", "Head of operations · approver, level 2"),
                person(slack, "erin.novak", "Ops engineer · Dave's delegate"),
                person(slack, "oscar.silva", "On-call engineer · runs approved work (executor)"));
        return people;
    }

    private static EmulatedUser person(SlackEmulator slack, String name, String title) {
        EmulatedUser user = slack.addUser(name, name + DOMAIN);
        slack.title(user, title);
        return user;
    }
}
