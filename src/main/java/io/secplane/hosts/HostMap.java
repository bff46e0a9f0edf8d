package io.secplane.hosts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.secplane.SecplaneProperties;

/**
 * Tells the hosts apart by name. Built in: the real names and the same names under
 * {@code localhost}; more come from {@code secplane.hosts[<name>]=<KIND>[:<REGION>]}.
 * A name it does not know (plain localhost, an IP address, a machine name) is the global host.
 */
@Component
public class HostMap {

    private static final String[] SUFFIXES = {"cisco.com", "localhost"};
    private final Map<String, Host> hosts;

    public HostMap(SecplaneProperties properties) {
        this.hosts = new LinkedHashMap<>(builtIn());
        if (properties.hosts() != null) {
            properties.hosts().forEach((name, value) -> {
                String[] parts = value.split(":", 2);
                HostKind kind = HostKind.valueOf(parts[0].trim().toUpperCase(Locale.ROOT));
                String region = parts.length > 1 ? parts[1].trim().toUpperCase(Locale.ROOT)
                        : kind == HostKind.SCC_GLOBAL ? null : "NAM";
                String key = name.toLowerCase(Locale.ROOT);
                hosts.put(key, new Host(key, kind, region));
            });
        }
    }

    public Host resolve(String hostHeader) {
        String name = hostHeader == null ? "" : stripPort(hostHeader.trim()).toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        Host host = hosts.get(name);
        return host != null ? host : new Host(name, HostKind.SCC_GLOBAL, null);
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(1, end) : host;
        }
        int colon = host.indexOf(':');
        return colon >= 0 && host.indexOf(':', colon + 1) < 0 ? host.substring(0, colon) : host;
    }

    /**
     * The names the generated TLS certificate must carry: the {@code localhost} twins, and Cisco's
     * real names only when asked for ({@code secplane.https.real-names}), since whoever reads the data
     * directory could then impersonate those hosts to anyone who trusts the CA.
     */
    public static List<String> defaultHostNames(boolean realNames) {
        List<String> names = new ArrayList<>();
        for (String name : builtIn().keySet()) {
            if (realNames || name.endsWith(".localhost")) {
                names.add(name);
            }
        }
        names.add("localhost");
        names.add("127.0.0.1");
        names.add("::1");
        return names;
    }

    private static Map<String, Host> builtIn() {
        Map<String, Host> m = new LinkedHashMap<>();
        for (String suffix : SUFFIXES) {
            put(m, "api.security." + suffix, HostKind.SCC_GLOBAL, null);
            put(m, "api.us.security." + suffix, HostKind.SCC_REGIONAL, "NAM");
            put(m, "api.eu.security." + suffix, HostKind.SCC_REGIONAL, "EMEA");
            put(m, "api.apj.security." + suffix, HostKind.SCC_REGIONAL, "APJC");
            put(m, "api.au.security." + suffix, HostKind.SCC_REGIONAL, "AUS");
            put(m, "api.in.security." + suffix, HostKind.SCC_REGIONAL, "IND");
            put(m, "api.uae.security." + suffix, HostKind.SCC_REGIONAL, "UAE");
            put(m, "visibility.amp." + suffix, HostKind.XDR, "NAM");
            put(m, "visibility.eu.amp." + suffix, HostKind.XDR, "EMEA");
            put(m, "visibility.apjc.amp." + suffix, HostKind.XDR, "APJC");
            put(m, "api.amp." + suffix, HostKind.SECURE_ENDPOINT, "NAM");
            put(m, "api.eu.amp." + suffix, HostKind.SECURE_ENDPOINT, "EMEA");
            put(m, "api.apjc.amp." + suffix, HostKind.SECURE_ENDPOINT, "APJC");
        }
        return m;
    }

    private static void put(Map<String, Host> m, String name, HostKind kind, String region) {
        m.put(name, new Host(name, kind, region));
    }
}
