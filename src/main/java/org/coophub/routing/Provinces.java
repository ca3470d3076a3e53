package org.coophub.routing;

import java.util.Map;
import java.util.regex.Pattern;

/** Province-level divisions of GB/T 2260, by the two digits that open every region code in them. */
public final class Provinces {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("11", "Beijing"), Map.entry("12", "Tianjin"), Map.entry("13", "Hebei"),
            Map.entry("14", "Shanxi"), Map.entry("15", "Inner Mongolia"), Map.entry("21", "Liaoning"),
            Map.entry("22", "Jilin"), Map.entry("23", "Heilongjiang"), Map.entry("31", "Shanghai"),
            Map.entry("32", "Jiangsu"), Map.entry("33", "Zhejiang"), Map.entry("34", "Anhui"),
            Map.entry("35", "Fujian"), Map.entry("36", "Jiangxi"), Map.entry("37", "Shandong"),
            Map.entry("41", "Henan"), Map.entry("42", "Hubei"), Map.entry("43", "Hunan"),
            Map.entry("44", "Guangdong"), Map.entry("45", "Guangxi"), Map.entry("46", "Hainan"),
            Map.entry("50", "Chongqing"), Map.entry("51", "Sichuan"), Map.entry("52", "Guizhou"),
            Map.entry("53", "Yunnan"), Map.entry("54", "Tibet"), Map.entry("61", "Shaanxi"),
            Map.entry("62", "Gansu"), Map.entry("63", "Qinghai"), Map.entry("64", "Ningxia"),
            Map.entry("65", "Xinjiang"), Map.entry("71", "Taiwan"), Map.entry("81", "Hong Kong"),
            Map.entry("82", "Macau"));

    private static final Pattern DIGITS = Pattern.compile("[0-9]{2,}");

    private Provinces() {
    }

    public static boolean isProvince(String twoDigits) {
        return twoDigits != null && NAMES.containsKey(twoDigits);
    }

    /**
     * The province a region (or unit) code lies in: its first two digits.
     *
     * @throws IllegalArgumentException if the code is not digits or its prefix is not a province
     */
    public static String provinceOf(String regionCode) {
        if (regionCode == null || !DIGITS.matcher(regionCode).matches()) {
            throw new IllegalArgumentException("a region code is digits, got " + regionCode);
        }
        String prefix = regionCode.substring(0, 2);
        if (!isProvince(prefix)) {
            throw new IllegalArgumentException(
                    "region code " + regionCode + " does not start with a GB/T 2260 province code");
        }
        return prefix;
    }

    /** The English name of a province, e.g. "Beijing" for 11. */
    public static String name(String prefix) {
        String name = NAMES.get(prefix);
        if (name == null) {
            throw new IllegalArgumentException(prefix + " is not a GB/T 2260 province code");
        }
        return name;
    }
}
