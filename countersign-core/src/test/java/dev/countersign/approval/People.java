package dev.countersign.approval;

/** The cast of the approval tests. Alice asks; Bob, Carol and Dave approve; Erin runs the work. */
final class People {

    static final Email ALICE = Email.of("alice@example.com");
    static final Email BOB = Email.of("bob@example.com");
    static final Email CAROL = Email.of("carol@example.com");
    static final Email DAVE = Email.of("dave@example.com");
    static final Email ERIN = Email.of("erin@example.com");
    /** Acts for others when a mandate lets him. */
    static final Email FRANK = Email.of("frank@example.com");
    /** Not part of any request. */
    static final Email MALLORY = Email.of("mallory@example.com");

    private People() {}
}
