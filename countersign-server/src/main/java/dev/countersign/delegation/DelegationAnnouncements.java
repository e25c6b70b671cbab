package dev.countersign.delegation;

import dev.countersign.schedule.DueWork;
import java.time.Instant;

/** The sweep's share for delegations (see {@link AnnounceDelegations}). */
final class DelegationAnnouncements implements DueWork {

    private final AnnounceDelegations announcements;

    DelegationAnnouncements(AnnounceDelegations announcements) {
        this.announcements = announcements;
    }

    @Override
    public String name() {
        return "delegation";
    }

    @Override
    public void runDue(Instant now) {
        announcements.announceDue(now);
    }
}
