package org.coophub.alerts;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who answers for alerts on one duty day.
 *
 * @param officer       the officer on duty; {@code null} when the rota has nobody that day
 * @param supervisors   the day's supervisors; empty when the rota has none that day
 * @param head          the head, reached at {@link EscalationLevel#ALL}
 * @param fallbackEmail the duty desk, which stands in for whoever the rota leaves out
 */
public record OnDuty(Person officer, List<Person> supervisors, Person head, String fallbackEmail) {

    public OnDuty {
        supervisors = List.copyOf(supervisors);
    }

    /**
     * The addresses an alert at {@code level} goes to, each once, officer first. A gap in the rota puts the fallback
     * address where the missing person would be, so that no alert goes nowhere.
     */
    public List<String> recipients(EscalationLevel level) {
        Set<String> to = new LinkedHashSet<>();
        to.add(officer == null ? fallbackEmail : officer.email());
        if (level != EscalationLevel.OFFICER) {
            if (supervisors.isEmpty()) {
                to.add(fallbackEmail);
            }
            supervisors.forEach(supervisor -> to.add(supervisor.email()));
        }
        if (level == EscalationLevel.ALL) {
            to.add(head.email());
        }
        return List.copyOf(to);
    }
}
