package dev.countersign.doctor;

/**
 * The result of one set-up check.
 *
 * @param id      stable, for scripts ({@code bot-token}, {@code scopes}, …)
 * @param title   what was checked, for people
 * @param outcome fine, worth a look, or wrong
 * @param detail  what was found, one line, never a secret
 * @param fix     one line saying what to do; {@code null} when there is nothing to do
 */
public record Check(String id, String title, Outcome outcome, String detail, String fix) {

    public enum Outcome {
        /** As it should be. */
        OK,
        /** Works, but worth a look (e.g. migrations that the next start will apply). */
        WARN,
        /** Wrong: something people rely on will not work. */
        FAIL
    }

    static Check ok(String id, String title, String detail) {
        return new Check(id, title, Outcome.OK, detail, null);
    }

    static Check warn(String id, String title, String detail, String fix) {
        return new Check(id, title, Outcome.WARN, detail, fix);
    }

    static Check fail(String id, String title, String detail, String fix) {
        return new Check(id, title, Outcome.FAIL, detail, fix);
    }

    public boolean failed() {
        return outcome == Outcome.FAIL;
    }
}
