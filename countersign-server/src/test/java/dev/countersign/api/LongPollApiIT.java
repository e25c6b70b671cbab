package dev.countersign.api;

/** The long-poll contract on the embedded database. */
@RunningApp
class LongPollApiIT extends LongPollContract {}
