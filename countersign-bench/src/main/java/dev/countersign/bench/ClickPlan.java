package dev.countersign.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Who clicks in each slot of the {@code clicks} scenario's open loop. Every request asks {@code approversPerRequest}
 * people, all of whom must approve, so each has a DM of their own; a <em>first click</em> is one of them pressing
 * Approve on that DM, which records a real decision. Every {@code repeatEvery}-th slot is instead a <em>repeat</em>:
 * the approver of the first click {@code repeatGap} slots earlier presses Approve again on the same message (a
 * double click), which the server refuses with an ephemeral message.
 *
 * <p>First clicks come in rounds of {@code requestsPerRound} requests: each request's first approver, then each
 * one's second, and so on. So a request's approvers click about a round apart (as people do, one after another,
 * rather than all in the same millisecond), requests are approved all along the run, and no DM is clicked twice
 * except by a repeat.
 *
 * @param slots    in the order they are fired
 * @param requests how many requests the slots refer to (indexes {@code 0..requests-1})
 */
record ClickPlan(List<Slot> slots, int requests, int approversPerRequest) {

    /** One click: approver {@code approver} (0-based, within the request) of request {@code request}. */
    record Slot(int request, int approver, boolean repeat) {}

    ClickPlan {
        slots = List.copyOf(slots);
    }

    /**
     * @param repeatEvery every this many slots one is a repeat; 0 for none
     * @param repeatGap   how many slots after its first click a repeat comes (at least 1)
     */
    static ClickPlan of(int slots, int approversPerRequest, int requestsPerRound, int repeatEvery, int repeatGap) {
        if (slots < 0
                || approversPerRequest < 1
                || requestsPerRound < 1
                || repeatEvery == 1
                || repeatEvery < 0
                || repeatGap < 1) {
            throw new IllegalArgumentException("slots %d, approvers %d, round %d, repeat every %d, gap %d"
                    .formatted(slots, approversPerRequest, requestsPerRound, repeatEvery, repeatGap));
        }
        List<Slot> plan = new ArrayList<>(slots);
        int perRound = requestsPerRound * approversPerRequest;
        int firstClicks = 0;
        int requests = 0;
        for (int i = 0; i < slots; i++) {
            if (repeatEvery > 0 && i % repeatEvery == repeatEvery - 1 && i >= repeatGap) {
                // Repeats are never adjacent (repeatEvery >= 2), so one step back always finds a first click.
                Slot earlier = plan.get(i - repeatGap).repeat() ? plan.get(i - repeatGap - 1) : plan.get(i - repeatGap);
                plan.add(new Slot(earlier.request(), earlier.approver(), true));
                continue;
            }
            int round = firstClicks / perRound;
            int inRound = firstClicks % perRound;
            int request = round * requestsPerRound + inRound % requestsPerRound;
            plan.add(new Slot(request, inRound / requestsPerRound, false));
            requests = Math.max(requests, request + 1);
            firstClicks++;
        }
        return new ClickPlan(plan, requests, approversPerRequest);
    }

    long firstClicks() {
        return slots.stream().filter(slot -> !slot.repeat()).count();
    }
}
