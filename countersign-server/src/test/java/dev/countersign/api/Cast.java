package dev.countersign.api;

import java.util.UUID;

/**
 * The people of one journey, with addresses no other test uses, so that tests sharing one running app (and one
 * database) can filter for exactly their own requests: alice asks, bob, carol and dave sit on the first level,
 * erin and frank on the second, oscar runs the work, and mallory has nothing to do with any of it.
 */
record Cast(
        String alice, String bob, String carol, String dave, String erin, String frank, String oscar, String mallory) {

    static Cast fresh() {
        String domain = "@" + UUID.randomUUID().toString().substring(0, 12) + ".example.com";
        return new Cast(
                "alice" + domain,
                "bob" + domain,
                "carol" + domain,
                "dave" + domain,
                "erin" + domain,
                "frank" + domain,
                "oscar" + domain,
                "mallory" + domain);
    }
}
