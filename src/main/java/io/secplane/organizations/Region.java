package io.secplane.organizations;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Region codes: NAM, EMEA and APJC are Cisco's; AUS, IND and UAE are ours, for the other regional hosts. */
public enum Region {
    NAM("North America"),
    EMEA("Europe"),
    APJC("Asia Pacific, Japan, and China"),
    AUS("Australia"),
    IND("India"),
    UAE("United Arab Emirates");

    private final String description;

    Region(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
