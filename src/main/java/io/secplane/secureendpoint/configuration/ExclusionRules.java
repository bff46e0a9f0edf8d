package io.secplane.secureendpoint.configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which exclusion types each operating system has, which fields each type takes, and an exclusion
 * as it is kept and shown: the fields of its type, with the defaults filled in (a public duplicator
 * copies every field it reads back, so each is there). A null field is one left out.
 */
final class ExclusionRules {

    static final Set<String> OPERATING_SYSTEMS = Set.of("windows", "mac", "linux");
    private static final Set<String> EVERYWHERE = Set.of("path", "fileExtension", "wildcard", "threat", "process");
    private static final Set<String> WINDOWS_ONLY = Set.of("executable", "ioc");
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "path", List.of("path"), "wildcard", List.of("path"), "fileExtension", List.of("fileExtension"),
            "threat", List.of("threatName"), "process", List.of("process"), "executable", List.of("executableName"),
            "ioc", List.of("iocGuid"));
    private static final Map<String, List<String>> OPTIONAL = Map.of(
            "path", List.of("anyDrive"), "wildcard", List.of("anyDrive"), "fileExtension", List.of(), "threat", List.of(),
            "process", List.of("engineSettings"), "executable", List.of("excludeExploitPrevention"), "ioc", List.of());
    private static final List<String> ENGINES = List.of("fileScan", "maliciousActivity", "behavioralProtection",
            "systemProcessProtection");

    private ExclusionRules() {
    }

    /** The fields to keep for this exclusion in a set of this operating system, or a 422 naming every problem. */
    static ObjectNode fields(String operatingSystem, JsonNode input) {
        String type = input.path("exclusionType").asString("");
        List<ApiException.FieldProblem> problems = new ArrayList<>();
        boolean windows = operatingSystem.equals("windows");
        if (!EVERYWHERE.contains(type) && !(windows && WINDOWS_ONLY.contains(type))) {
            throw refused("This exclusion type is not available for " + operatingSystem + " exclusion sets.",
                    List.of(new ApiException.FieldProblem("exclusionType", type + " is not a type of " + operatingSystem
                            + " exclusions (they are " + String.join(", ", types(windows)) + ")")));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (var e : input.properties()) {
            String field = e.getKey();
            if (field.equals("exclusionType") || e.getValue().isNull()) {
                continue;
            }
            boolean allowed = REQUIRED.get(type).contains(field) || OPTIONAL.get(type).contains(field);
            if (!allowed) {
                problems.add(new ApiException.FieldProblem(field, "is not a field of a " + type + " exclusion"));
            } else if (field.equals("anyDrive") && !windows) {
                problems.add(new ApiException.FieldProblem(field, "is for Windows exclusions only"));
            } else {
                out.set(field, e.getValue());
            }
        }
        for (String field : REQUIRED.get(type)) {
            if (!out.has(field)) {
                problems.add(new ApiException.FieldProblem(field, "can't be blank"));
            }
        }
        if (type.equals("process") && out.has("process")) {
            JsonNode p = out.get("process");
            boolean path = p.hasNonNull("path");
            boolean sha = p.hasNonNull("sha");
            if (!path && !sha) {
                problems.add(new ApiException.FieldProblem("process", "needs a path or a sha"));
            }
            ObjectNode process = JsonNodeFactory.instance.objectNode();
            if (path) {
                process.put("path", p.get("path").asString());
            }
            if (sha) {
                process.put("sha", p.get("sha").asString().toLowerCase(java.util.Locale.ROOT));
            }
            process.put("user", p.hasNonNull("user") ? p.get("user").asString() : "All Users");
            out.set("process", process);
            ObjectNode engines = JsonNodeFactory.instance.objectNode();
            for (String engine : ENGINES) {
                JsonNode given = out.path("engineSettings").path(engine);
                ObjectNode setting = engines.putObject(engine);
                setting.put("applyToEngine", given.path("applyToEngine").asBoolean(true));
                setting.put("applyToChildProcesses", given.path("applyToChildProcesses").asBoolean(false));
            }
            out.set("engineSettings", engines);
        }
        if ((type.equals("path") || type.equals("wildcard")) && windows && !out.has("anyDrive")) {
            out.put("anyDrive", false);
        }
        if (type.equals("executable") && !out.has("excludeExploitPrevention")) {
            out.put("excludeExploitPrevention", false);
        }
        if (!problems.isEmpty()) {
            throw refused("The exclusion was not added: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                    + ".", problems);
        }
        return out;
    }

    /** The value an exclusion stands for, as a connector's policy lists it. */
    static String value(String type, JsonNode fields) {
        return switch (type) {
            case "path", "wildcard" -> fields.path("path").asString();
            case "fileExtension" -> fields.path("fileExtension").asString();
            case "threat" -> fields.path("threatName").asString();
            case "executable" -> fields.path("executableName").asString();
            case "ioc" -> fields.path("iocGuid").asString();
            case "process" -> fields.path("process").hasNonNull("path") ? fields.path("process").path("path").asString()
                    : fields.path("process").path("sha").asString();
            default -> "";
        };
    }

    static ApiException refused(String message, List<ApiException.FieldProblem> problems) {
        return new ApiException(ErrorCode.UNPROCESSABLE, message, problems);
    }

    static List<String> typesOf(String operatingSystem) {
        return types(operatingSystem.equals("windows"));
    }

    private static List<String> types(boolean windows) {
        List<String> all = new ArrayList<>(List.of("path", "fileExtension", "wildcard", "threat", "process"));
        if (windows) {
            all.addAll(List.of("executable", "ioc"));
        }
        return all;
    }
}
