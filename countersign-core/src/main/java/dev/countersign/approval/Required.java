package dev.countersign.approval;

/** How many approvals a level needs: a quorum of N, or all of its approvers. */
public sealed interface Required {

    record AtLeast(int count) implements Required {
        public AtLeast {
            if (count < 1) {
                throw new InvalidApprovalRequest("required must be at least 1, was " + count);
            }
        }

        @Override
        public String toString() {
            return Integer.toString(count);
        }
    }

    record All() implements Required {
        @Override
        public String toString() {
            return "all";
        }
    }

    static Required atLeast(int count) {
        return new AtLeast(count);
    }

    static Required all() {
        return new All();
    }
}
