package dev.countersign.emulator;

/** A person in the emulated workspace. {@code id} is a Slack user id ({@code U…}). */
public record EmulatedUser(String id, String name, String email, String realName) {
}
