package dev.countersign.approval;

import dev.countersign.approval.ApprovalEvent.ApprovalGranted;
import dev.countersign.approval.ApprovalEvent.ExecutionRecorded;
import dev.countersign.approval.ApprovalEvent.LevelApproved;
import dev.countersign.approval.ApprovalEvent.RequestApproved;
import dev.countersign.approval.ApprovalEvent.RequestBecameExecutable;
import dev.countersign.approval.ApprovalEvent.RequestCancelled;
import dev.countersign.approval.ApprovalEvent.RequestExpired;
import dev.countersign.approval.ApprovalEvent.RequestRejected;
import dev.countersign.approval.ApprovalEvent.RequestSubmitted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An approval request and its lifecycle: the aggregate that owns its state. Every change is a method that checks
 * the current state, changes it and returns what happened; nothing outside sets the status.
 *
 * <pre>
 *   pending ──decide(approve) on last level──▶ approved
 *      │ ──decide(reject), standard mode────▶ rejected
 *      │ ──cancel()─────────────────────────▶ cancelled
 *      └──expire()──────────────────────────▶ expired
 * </pre>
 *
 * Levels run in order; {@link #levelNumber()} is the one being asked. Not thread-safe: a change is made on a
 * freshly loaded copy and stored with an optimistic version check.
 *
 * <p>The transitions are package-private: only the core's use cases ({@link SubmitRequest}, {@link DecideRequest},
 * {@link CancelRequest}, {@link ExpireRequest}, {@link RecordExecution}) call them, through {@link RequestChanges},
 * so that no change escapes its transaction, audit entry and follow-ups. The questions front ends ask
 * ({@link #awaits}, {@link #undecidedApprovers}, {@link #approvalsStillNeeded}, {@link #cancellation}…) are public:
 * an adapter asks them rather than working the answer out from the decisions.
 */
public final class ApprovalRequest {

    public static final int MAX_REASON = 2_000;

    private final RequestId id;
    private final RequestSpec spec;
    private final Instant createdAt;
    private final Instant expiresAt;
    private final long version;
    private final List<Decision> decisions;
    private Status status;
    private int levelNumber;
    private Execution execution;
    private Instant decidedAt;
    private Cancellation cancellation;

    private ApprovalRequest(
            RequestId id,
            RequestSpec spec,
            Instant createdAt,
            Instant expiresAt,
            long version,
            Status status,
            int levelNumber,
            List<Decision> decisions,
            Execution execution,
            Instant decidedAt,
            Cancellation cancellation) {
        this.id = Objects.requireNonNull(id);
        this.spec = Objects.requireNonNull(spec);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.expiresAt = expiresAt;
        this.version = version;
        this.status = Objects.requireNonNull(status);
        this.levelNumber = levelNumber;
        this.decisions = new ArrayList<>(decisions);
        this.execution = execution;
        this.decidedAt = decidedAt;
        this.cancellation = cancellation;
    }

    /** The outcome of {@link #submit}: the new request and what happened. */
    public record Submission(ApprovalRequest request, List<ApprovalEvent> events) {}

    /**
     * Opens a request at level 1. An urgent request is executable from this moment: that is what urgent means.
     */
    static Submission submit(RequestId id, RequestSpec spec, Via via, Instant now) {
        spec.validate();
        Instant expiresAt = spec.expiresAfter() == null ? null : now.plus(spec.expiresAfter());
        boolean urgent = spec.mode() == Mode.URGENT;
        var request = new ApprovalRequest(id, spec, now, expiresAt, 0, Status.PENDING, 1, List.of(), null, null, null);
        String by = spec.requester().value();
        List<ApprovalEvent> events = new ArrayList<>();
        events.add(new RequestSubmitted(
                id, now, by, via, spec.mode(), spec.levels().size()));
        if (urgent) {
            events.add(new RequestBecameExecutable(id, now, by, via));
        }
        return new Submission(request, List.copyOf(events));
    }

    /**
     * Rebuilds a stored request. For persistence adapters only: no rule is checked here.
     *
     * @param cancellation who cancelled it and why; {@code null} unless it is {@link Status#CANCELLED}
     */
    public static ApprovalRequest restore(
            RequestId id,
            RequestSpec spec,
            Instant createdAt,
            Instant expiresAt,
            long version,
            Status status,
            int levelNumber,
            List<Decision> decisions,
            Execution execution,
            Instant decidedAt,
            Cancellation cancellation) {
        return new ApprovalRequest(
                id,
                spec,
                createdAt,
                expiresAt,
                version,
                status,
                levelNumber,
                decisions,
                execution,
                decidedAt,
                cancellation);
    }

    /**
     * Records one person's decision on the current level.
     *
     * <p>Invariants: only a pending request takes decisions; the {@link DecisionPolicy#STANDARD} rules decide who
     * may vote (current-level approver, not the requester, one vote, one level per person, proxies only with a
     * mandate). An approval that satisfies the level moves to the next one, or approves the request on the last.
     * A rejection needs a reason and ends a standard request; an urgent request cannot be rejected, because its
     * work may already have run (the {@code UrgentRequestCannotBeRejected} policy).
     */
    List<ApprovalEvent> decide(Vote vote, Mandates mandates) {
        checkVote(vote, mandates);
        if (vote.reason() != null && vote.reason().length() > MAX_REASON) {
            throw new InvalidApprovalRequest("a reason must be at most " + MAX_REASON + " characters");
        }
        return vote.verdict() == Verdict.REJECT ? reject(vote) : approve(vote);
    }

    /**
     * Whether this person may cast this kind of vote now, judged by the same rules {@link #decide} applies, without
     * changing anything; the reason is not looked at. Lets a front end refuse early ({@link DecideRequest#check}),
     * before asking for a reason.
     *
     * @throws ApprovalException saying why not
     */
    void checkVote(Vote vote, Mandates mandates) {
        requirePending("decisions");
        for (DecisionPolicy policy : DecisionPolicy.STANDARD) {
            var refusal = policy.refusal(this, vote, mandates);
            if (refusal.isPresent()) {
                throw refusal.get();
            }
        }
    }

    /** Only after {@link #checkVote}, which has refused the rejection of an urgent request. */
    private List<ApprovalEvent> reject(Vote vote) {
        if (vote.reason() == null || vote.reason().isBlank()) {
            throw new InvalidApprovalRequest("a rejection needs a reason: tell " + spec.requester() + " why");
        }
        record(vote);
        status = Status.REJECTED;
        decidedAt = vote.at();
        return List.of(new RequestRejected(
                id,
                vote.at(),
                vote.approver().value(),
                proxied(vote),
                vote.via(),
                levelNumber,
                vote.reason().strip()));
    }

    private List<ApprovalEvent> approve(Vote vote) {
        record(vote);
        String actor = vote.approver().value();
        List<ApprovalEvent> events = new ArrayList<>();
        events.add(new ApprovalGranted(
                id, vote.at(), actor, proxied(vote), vote.via(), levelNumber, blankToNull(vote.reason())));
        if (!isSatisfied(levelNumber)) {
            return events;
        }
        boolean lastLevel = levelNumber == spec.levels().size();
        events.add(new LevelApproved(
                id, vote.at(), actor, proxied(vote), vote.via(), levelNumber, lastLevel ? null : levelNumber + 1));
        if (!lastLevel) {
            levelNumber++;
            return events;
        }
        boolean wasExecutable = executable();
        status = Status.APPROVED;
        decidedAt = vote.at();
        events.add(new RequestApproved(id, vote.at(), actor, proxied(vote), vote.via()));
        if (!wasExecutable) {
            events.add(new RequestBecameExecutable(id, vote.at(), actor, vote.via()));
        }
        return events;
    }

    /**
     * Withdraws a pending request. Only its requester or an administrator may; the work must no longer run.
     */
    List<ApprovalEvent> cancel(Actor actor, String reason, Via via, Instant now) {
        requirePending("cancellation");
        if (!actor.administrator() && !actor.is(spec.requester())) {
            throw new DecisionNotAllowed(
                    "only the requester (" + spec.requester() + ") or an administrator may " + "cancel this request");
        }
        status = Status.CANCELLED;
        decidedAt = now;
        cancellation = new Cancellation(actor.name(), blankToNull(reason));
        return List.of(new RequestCancelled(id, now, actor.name(), via, cancellation.reason()));
    }

    /**
     * Ends a request nobody finished deciding in time. Fired by the scheduler once {@link #expiresAt()} passes;
     * refused before then, so that a scheduler running early or twice can never cut a request short.
     */
    List<ApprovalEvent> expire(Instant now) {
        requirePending("expiry");
        if (!dueToExpire(now)) {
            throw new RequestStateConflict(
                    expiresAt == null ? "the request has no expiry" : "the request does not expire until " + expiresAt);
        }
        status = Status.EXPIRED;
        decidedAt = now;
        return List.of(new RequestExpired(id, now, Via.SCHEDULER));
    }

    /** Records that the work ran: once, by one of the named executors, and only while it is allowed to run. */
    List<ApprovalEvent> recordExecution(Email executor, Via via, Instant now) {
        if (spec.executors().isEmpty()) {
            throw new InvalidApprovalRequest("this request names no executors, so no execution can be recorded");
        }
        if (!spec.executors().contains(executor)) {
            throw new DecisionNotAllowed(executor + " is not an executor of this request");
        }
        if (execution != null) {
            throw new RequestStateConflict(
                    "execution was already recorded by " + execution.executor() + " at " + execution.at());
        }
        if (!executable()) {
            throw new RequestStateConflict("the request is " + status.name().toLowerCase() + " and not executable"
                    + (status == Status.PENDING ? " until it is approved" : ""));
        }
        execution = new Execution(executor, now, via);
        return List.of(new ExecutionRecorded(id, now, executor.value(), via));
    }

    private void requirePending(String what) {
        if (status.isTerminal()) {
            throw new RequestStateConflict(
                    "the request is " + status.name().toLowerCase() + "; it accepts no " + "further " + what);
        }
    }

    private void record(Vote vote) {
        decisions.add(new Decision(
                levelNumber,
                vote.approver(),
                proxied(vote),
                vote.verdict(),
                blankToNull(vote.reason()),
                vote.at(),
                vote.via()));
    }

    private static Email proxied(Vote vote) {
        return vote.byProxy() ? vote.onBehalfOf() : null;
    }

    /**
     * The people whose approval counts on a level: its approvers, less the requester, less anyone who already
     * decided on an earlier level.
     */
    public Set<Email> eligibleApprovers(int level) {
        Set<Email> eligible = new HashSet<>(spec.levels().get(level - 1).approvers());
        eligible.remove(spec.requester());
        decisions.stream().filter(d -> d.level() < level).map(Decision::voter).forEach(eligible::remove);
        return eligible;
    }

    /**
     * Those of the level's {@link #eligibleApprovers} who have not decided, in the order of their addresses: the
     * people a reminder or an escalation names. Anyone who decided on any level is left out, since one person's
     * decision counts for one level only (the {@code OnePersonDecidesOnOneLevel} policy).
     */
    public SortedSet<Email> undecidedApprovers(int level) {
        SortedSet<Email> undecided = new TreeSet<>(eligibleApprovers(level));
        decisions.forEach(d -> undecided.remove(d.voter()));
        return Collections.unmodifiableSortedSet(undecided);
    }

    /** Whether {@code level} is the one being asked now: the request is pending and has reached it. */
    public boolean asks(int level) {
        return status == Status.PENDING && levelNumber == level;
    }

    /**
     * Whether this person's own decision is still awaited on {@code level}: it is being asked now, their approval
     * counts there, and they have not decided. When it is, and only then, a front end offers them the buttons; a
     * delegate is offered them while it holds for their principal.
     */
    public boolean awaits(Email person, int level) {
        return asks(level) && undecidedApprovers(level).contains(person);
    }

    /**
     * How many more approvals the level needs before it is satisfied: a number, for front ends to put in their
     * own words. Counts only approvals from its {@link #eligibleApprovers}; never below zero.
     */
    public int approvalsStillNeeded(int level) {
        Set<Email> eligible = eligibleApprovers(level);
        long approvals = decisions.stream()
                .filter(d -> d.level() == level && d.verdict() == Verdict.APPROVE && eligible.contains(d.voter()))
                .count();
        int needed = spec.levels().get(level - 1).required() instanceof Required.AtLeast(int count)
                ? count
                : eligible.size();
        return (int) Math.max(0, needed - approvals);
    }

    private boolean isSatisfied(int level) {
        return approvalsStillNeeded(level) == 0;
    }

    /**
     * Whether someone holding a mandate from an approver on {@code level} is to be asked on that approver's behalf.
     * Not when their own approval counts on the level (they are asked on their own account, and one person's
     * decision counts once), and never when they made the request: {@code RequesterCannotApproveOwnRequest} holds
     * for a proxy too, so asking them would offer buttons that can only be refused.
     */
    public boolean asksOnBehalf(Email delegate, int level) {
        return !eligibleApprovers(level).contains(delegate) && mayDecideOnBehalf(delegate);
    }

    /**
     * Whether this person may be offered the request to decide for someone else (as their delegate): anyone but its
     * requester, who may not decide on their own request in anyone's name.
     */
    public boolean mayDecideOnBehalf(Email delegate) {
        return !spec.requester().equals(delegate);
    }

    /**
     * The first level that lists this person as an approver, whether or not their approval counts there (they may
     * have requested it, or decided on an earlier level); empty when none does.
     */
    public OptionalInt levelListing(Email person) {
        for (int n = 1; n <= spec.levels().size(); n++) {
            if (spec.levels().get(n - 1).approvers().contains(person)) {
                return OptionalInt.of(n);
            }
        }
        return OptionalInt.empty();
    }

    /** The approvals given on {@code level}, in the order they came: who approved it. */
    public List<Decision> approvalsOn(int level) {
        return decisions.stream()
                .filter(d -> d.level() == level && d.verdict() == Verdict.APPROVE)
                .toList();
    }

    /** Every approval given, on any level, in the order they came: who approved the request. */
    public List<Decision> approvals() {
        return decisions.stream().filter(d -> d.verdict() == Verdict.APPROVE).toList();
    }

    /** The decision that counts as this person's vote, on whichever level it was cast (there is at most one). */
    public Optional<Decision> decisionOf(Email voter) {
        return decisions.stream().filter(d -> d.voter().equals(voter)).findFirst();
    }

    /** The decision that rejected the request; empty unless it is {@link Status#REJECTED}. */
    public Optional<Decision> rejection() {
        return status != Status.REJECTED
                ? Optional.empty()
                : decisions.stream().filter(d -> d.verdict() == Verdict.REJECT).reduce((first, second) -> second);
    }

    /** Who withdrew the request and why; empty unless it is {@link Status#CANCELLED}. */
    public Optional<Cancellation> cancellation() {
        return status != Status.CANCELLED
                ? Optional.empty()
                : Optional.of(cancellation != null ? cancellation : new Cancellation(null, null));
    }

    /**
     * Whether the request passed its expiry while still pending: from that instant on, the scheduler ends it and
     * nobody is asked or reminded any more.
     */
    public boolean dueToExpire(Instant now) {
        return status == Status.PENDING && expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Everyone listed on any level, in level order, each once; the requester too, when they listed themselves. */
    public Set<Email> listedApprovers() {
        Set<Email> listed = new LinkedHashSet<>();
        spec.levels().forEach(level -> listed.addAll(level.approvers()));
        return Collections.unmodifiableSet(listed);
    }

    /**
     * The people the request concerns, who may follow it: its requester, everyone listed on any of its levels, and
     * its executors; in that order, each once. Their delegates are not among them: who acts for whom, and when,
     * is for {@link Mandates} to say.
     */
    public Set<Email> concernedPeople() {
        Set<Email> concerned = new LinkedHashSet<>();
        concerned.add(spec.requester());
        concerned.addAll(listedApprovers());
        concerned.addAll(spec.executors());
        return Collections.unmodifiableSet(concerned);
    }

    /** Where level {@code number} (1-based) stands, derived from the decisions. */
    public LevelStatus levelStatus(int number) {
        if (number < levelNumber) {
            return LevelStatus.APPROVED;
        }
        if (number > levelNumber) {
            return status.isTerminal() ? LevelStatus.CLOSED : LevelStatus.WAITING;
        }
        return switch (status) {
            case PENDING -> LevelStatus.PENDING;
            case APPROVED -> LevelStatus.APPROVED;
            case REJECTED -> LevelStatus.REJECTED;
            case EXPIRED, CANCELLED -> LevelStatus.CLOSED;
        };
    }

    public RequestId id() {
        return id;
    }

    public RequestSpec spec() {
        return spec;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public long version() {
        return version;
    }

    public Status status() {
        return status;
    }

    /** The level being asked, 1-based; on a finished request, the level it finished on. */
    public int levelNumber() {
        return levelNumber;
    }

    /** The level being asked, or {@code null} once the request is finished. */
    public Integer currentLevel() {
        return status.isTerminal() ? null : levelNumber;
    }

    /**
     * Whether the guarded work may run now: once approved, and for an urgent request from creation on — until it
     * is cancelled or expires. Derived from mode and status, so it can never disagree with them.
     */
    public boolean executable() {
        return status == Status.APPROVED || (spec.mode() == Mode.URGENT && status == Status.PENDING);
    }

    public List<Decision> decisions() {
        return List.copyOf(decisions);
    }

    public Execution execution() {
        return execution;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
