package dev.countersign.approval;

/**
 * Who asks for a change that is not a vote (cancel): a person, or an administrator (the API's admin token), or the
 * system itself (the scheduler).
 */
public record Actor(String name, boolean administrator) {

    public static Actor person(Email email) {
        return new Actor(email.value(), false);
    }

    public static Actor administrator(String name) {
        return new Actor(name, true);
    }

    public static Actor system() {
        return new Actor("countersign", true);
    }

    boolean is(Email email) {
        return name.equals(email.value());
    }
}
