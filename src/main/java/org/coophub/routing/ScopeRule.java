package org.coophub.routing;

import java.util.regex.Pattern;
import org.coophub.request.Scope;

/**
 * The mandatory scope rule (README, "The request format"): a request within our own province goes on the provincial
 * platform, any other on the national one.
 */
public final class ScopeRule {

    private static final Pattern UNIT_CODE = Pattern.compile("[0-9]{12}");

    private final String ownProvince;
    /** Whose province the rule is judged from, as the reasons name it: "our" or "the sender's". */
    private final String whose;

    /** @param bureauCode the bureau's 12-digit unit code; its first six digits are its region code */
    public ScopeRule(String bureauCode) {
        if (bureauCode == null || !UNIT_CODE.matcher(bureauCode).matches()
                || !Provinces.isProvince(bureauCode.substring(0, 2))) {
            throw new IllegalArgumentException("coophub.bureau.code must be 12 digits starting with a"
                    + " GB/T 2260 region code in a province, got " + bureauCode);
        }
        this.ownProvince = bureauCode.substring(0, 2);
        this.whose = "our";
    }

    private ScopeRule(String ownProvince, String whose) {
        this.ownProvince = ownProvince;
        this.whose = whose;
    }

    /**
     * The rule as another bureau had to apply it when it sent us a request: judged from the sender's
     * province rather than ours.
     *
     * @param senderRegion the sender's region (or unit) code
     * @throws IllegalArgumentException if the code does not lie in a province
     */
    public static ScopeRule ofSender(String senderRegion) {
        return new ScopeRule(Provinces.provinceOf(senderRegion), "the sender's");
    }

    /** @throws IllegalArgumentException if the target region is not in a province */
    public Scope scopeFor(String targetRegion) {
        return Provinces.provinceOf(targetRegion).equals(ownProvince) ? Scope.PROVINCIAL : Scope.NATIONAL;
    }

    /** Why the rule picks the scope it does, for error messages that a submitter can act on. */
    public String reason(String targetRegion) {
        String target = Provinces.provinceOf(targetRegion);
        String targetProvince = Provinces.name(target) + " (" + target + ")";
        return target.equals(ownProvince)
                ? "target region " + targetRegion + " is in " + whose + " own province " + targetProvince
                : "target region " + targetRegion + " is in " + targetProvince + ", " + whose + " own province is "
                        + Provinces.name(ownProvince) + " (" + ownProvince + ")";
    }

    public String ownProvince() {
        return ownProvince;
    }
}
